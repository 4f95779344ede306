"""HTTP for feeds and pages: one shared httpx pool, bounded in every direction.

At most `in_flight` requests at once and `per_host` to one host; connect and whole-fetch
timeouts; a size cap counted on the decoded bytes (so a gzip bomb stops at the cap too);
redirects followed by hand, so that a loop is named, a permanent move is remembered, and a
redirect to anything but http or https is refused.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from newsreader import __version__

USER_AGENT = f"newsreader/{__version__} (+terminal news reader)"
_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT = {301, 308}


@dataclass(frozen=True, slots=True)
class FetchLimits:
    max_bytes: int = 20 * 1024 * 1024
    connect_seconds: float = 10.0
    total_seconds: float = 30.0
    max_redirects: int = 5
    in_flight: int = 16
    per_host: int = 4


class FetchError(Exception):
    """One fetch failed; `str()` is the reason, one line."""


@dataclass(frozen=True, slots=True)
class Response:
    status: int  # 200 or 304
    url: str  # where the body came from, after redirects
    moved_to: str | None  # the target of permanent redirects only: the URL to store
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None


def check_url(url: str) -> str:
    """`url` when it is an http(s) URL with a host; FetchError otherwise."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        shown = parts.scheme or url[:40]
        raise FetchError(f"only http and https URLs are fetched, not {shown!r}")
    if not parts.hostname:
        raise FetchError(f"the URL has no host: {url[:200]!r}")
    return url


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):g} MB"


class HttpFetcher:
    """Use as `async with HttpFetcher() as fetcher:`; `await fetcher.get(url)`."""

    def __init__(self, limits: FetchLimits | None = None) -> None:
        self.limits = limits or FetchLimits()
        self._in_flight = asyncio.Semaphore(self.limits.in_flight)
        self._per_host: dict[str, asyncio.Semaphore] = {}
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(
                max_connections=self.limits.in_flight,
                max_keepalive_connections=self.limits.in_flight,
            ),
            timeout=httpx.Timeout(self.limits.total_seconds, connect=self.limits.connect_seconds),
            trust_env=False,
        )

    async def __aenter__(self) -> HttpFetcher:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._client.aclose()

    def _host_slot(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        slot = self._per_host.get(host)
        if slot is None:
            slot = self._per_host[host] = asyncio.Semaphore(self.limits.per_host)
        return slot

    async def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Response:
        try:
            async with asyncio.timeout(self.limits.total_seconds):
                return await self._follow(url, etag, last_modified)
        except TimeoutError:
            raise FetchError(f"no complete answer within {self.limits.total_seconds:g} s") from None
        except httpx.ConnectTimeout:
            raise FetchError(
                f"could not connect within {self.limits.connect_seconds:g} s"
            ) from None
        except httpx.TimeoutException:
            raise FetchError("the server stopped answering") from None
        except httpx.DecodingError:
            raise FetchError("the answer's compression is damaged") from None
        except httpx.HTTPError as error:
            reason = str(error) or type(error).__name__
            raise FetchError(f"could not fetch: {reason}") from None

    async def _follow(self, url: str, etag: str | None, last_modified: str | None) -> Response:
        seen = {url}
        moved_to: str | None = None
        permanent_so_far = True
        current = check_url(url)
        for _ in range(self.limits.max_redirects + 1):
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            async with self._in_flight, self._host_slot(current):
                result = await self._one(current, headers)
            if isinstance(result, Response):
                return Response(
                    result.status,
                    result.url,
                    moved_to,
                    result.body,
                    result.content_type,
                    result.etag,
                    result.last_modified,
                )
            status, location = result
            target = check_url(urljoin(current, location))
            if target in seen:
                raise FetchError(f"redirect loop ({current} → {target})")
            seen.add(target)
            permanent_so_far = permanent_so_far and status in _PERMANENT
            if permanent_so_far:
                moved_to = target
            current = target
        raise FetchError(f"more than {self.limits.max_redirects} redirects")

    async def _one(self, url: str, headers: dict[str, str]) -> Response | tuple[int, str]:
        async with self._client.stream("GET", url, headers=headers) as answer:
            if answer.status_code in _REDIRECTS:
                location = answer.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {answer.status_code} without a Location")
                return answer.status_code, location
            if answer.status_code == 304:
                return self._response(answer, url, b"")
            if answer.status_code != 200:
                phrase = answer.reason_phrase or ""
                raise FetchError(f"HTTP {answer.status_code} {phrase}".strip())
            declared = answer.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.limits.max_bytes:
                raise FetchError(
                    f"the answer is {_megabytes(int(declared))}, over the "
                    f"{_megabytes(self.limits.max_bytes)} cap"
                )
            body = bytearray()
            async for chunk in answer.aiter_bytes():
                body += chunk
                if len(body) > self.limits.max_bytes:
                    raise FetchError(
                        f"the answer passed the {_megabytes(self.limits.max_bytes)} cap"
                    )
            return self._response(answer, url, bytes(body))

    @staticmethod
    def _response(answer: httpx.Response, url: str, body: bytes) -> Response:
        return Response(
            answer.status_code,
            url,
            None,
            body,
            answer.headers.get("content-type", ""),
            answer.headers.get("etag"),
            answer.headers.get("last-modified"),
        )


@asynccontextmanager
async def fetcher(limits: FetchLimits | None = None) -> AsyncIterator[HttpFetcher]:
    async with HttpFetcher(limits) as shared:
        yield shared


def get_one(url: str, limits: FetchLimits | None = None) -> Response:
    """One GET from synchronous code (`feeds add`, `save`)."""

    async def run() -> Response:
        async with HttpFetcher(limits) as shared:
            return await shared.get(url)

    return asyncio.run(run())
