"""Isso (https://isso-comments.de), the self-hosted comment server.

`POST /new?uri=THREAD` with JSON text/author/email/title answers 201 or 202 with the comment
(`mode` 2: waiting for a moderator) and a signed cookie, named after the comment's id, that
allows `DELETE /id/N` for `max-age` seconds. `GET /?uri=THREAD` lists published comments.
The thread is the path of the article's url, as Isso's own script on the page would use.
"""

from __future__ import annotations

import html
import json
import re
import time
from http.cookies import CookieError, SimpleCookie
from urllib.parse import urljoin, urlsplit

import httpx

from newsreader.comments.delivery.http import (
    AnswerTooLarge,
    AnswerTooSlow,
    new_client,
    read_body,
)
from newsreader.comments.delivery.schedule import retry_after_seconds
from newsreader.comments.delivery.server import (
    Accepted,
    DeliveryError,
    Refused,
    Submission,
    SubmitOutcome,
    TryLater,
    Unsure,
    WithdrawOutcome,
)
from newsreader.safe_text import one_line

_PUBLISHED_MODE = 1
_TAG = re.compile(r"<[^>]*>")
# Werkzeug's error page repeats the status in <title> and <h1>; the reason is in <p>.
_HEADINGS = re.compile(r"<(title|h1)>.*?</\1>", re.IGNORECASE | re.DOTALL)
_LONGEST_REASON = 200


def thread_of(article_url: str) -> str:
    return urlsplit(article_url).path or "/"


def _reason(status: int, body: bytes) -> str:
    """The server's own words for a refusal, as one plain line."""
    text = body.decode("utf-8", errors="replace")
    try:
        parsed = json.loads(text)
        if isinstance(parsed, dict) and isinstance(parsed.get("message"), str):
            text = parsed["message"]
    except ValueError:
        pass
    words = _plain(_HEADINGS.sub(" ", text)) or _plain(text)
    if len(words) > _LONGEST_REASON:
        words = words[: _LONGEST_REASON - 1] + "…"
    return one_line(f"{status}: {words}" if words else f"HTTP {status}")


def _plain(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def _cookie(response: httpx.Response, name: str) -> tuple[str | None, float | None]:
    """The signed cookie Isso names after the comment id, and when it stops working."""
    for header in response.headers.get_list("set-cookie"):
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(header)
        except CookieError:
            continue
        if name in jar:
            morsel = jar[name]
            max_age = morsel["max-age"]
            expires = time.time() + float(max_age) if str(max_age).isdigit() else None
            return morsel.value, expires
    return None, None


class IssoServer:
    kind = "isso"

    def __init__(self, base_url: str, site_url: str, client: httpx.Client | None = None) -> None:
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        parts = urlsplit(site_url)
        # Sent as a browser on the site would; Isso checks it against its configured hosts.
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.client = client or new_client()

    def submit(self, submission: Submission) -> SubmitOutcome:
        payload = {
            "text": submission.text,
            "author": submission.author or None,
            "email": submission.email or None,
            "title": submission.article_title,
        }
        started = time.monotonic()
        request = self.client.build_request(
            "POST",
            urljoin(self.base_url, "new"),
            params={"uri": thread_of(submission.article_url)},
            json=payload,
            headers={"Origin": self.origin, "Referer": submission.article_url},
        )
        try:
            response = self.client.send(request, stream=True)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as error:
            return TryLater(f"could not reach {self.base_url} ({_short(error)})")
        except httpx.TransportError as error:
            # The request may have been written before the connection failed.
            return Unsure(f"no answer from {self.base_url} ({_short(error)})")
        try:
            body = read_body(response, started)
        except (AnswerTooLarge, AnswerTooSlow) as error:
            response.close()
            if response.is_success:
                return Accepted(None, note=f"accepted, but {error}")
            return Unsure(f"{error} ({response.status_code})")
        except httpx.TransportError as error:
            if response.is_success:
                return Accepted(None, note=f"accepted, but the answer broke off ({_short(error)})")
            return Unsure(f"the answer broke off ({_short(error)})")
        finally:
            response.close()
        return self._outcome(response, body)

    def _outcome(self, response: httpx.Response, body: bytes) -> SubmitOutcome:
        status = response.status_code
        if response.is_success:
            try:
                comment = json.loads(body)
                server_id = str(int(comment["id"]))
                mode = int(comment.get("mode", 2))
            except (ValueError, TypeError, KeyError):
                return Accepted(None, note="accepted, but the answer was not Isso's JSON")
            credential, expires = _cookie(response, server_id)
            return Accepted(server_id, credential, expires, published=mode == _PUBLISHED_MODE)
        if response.is_redirect:
            target = one_line(response.headers.get("location", "?"))
            return TryLater(f"{status}: the server redirected to {target}; not followed")
        if status in (408, 425, 429) or status >= 500:
            wait = retry_after_seconds(response.headers.get("retry-after"))
            return TryLater(_reason(status, body), retry_after=wait)
        return Refused(_reason(status, body))

    def published_ids(self, article_url: str) -> set[str]:
        started = time.monotonic()
        try:
            with self.client.stream(
                "GET", self.base_url, params={"uri": thread_of(article_url)}
            ) as response:
                body = read_body(response, started)
        except (httpx.HTTPError, AnswerTooLarge, AnswerTooSlow) as error:
            raise DeliveryError(f"could not ask {self.base_url} ({_short(error)})") from error
        if response.status_code == 404:
            return set()  # Isso answers 404 for a thread with no published comment yet
        if not response.is_success:
            raise DeliveryError(_reason(response.status_code, body))
        try:
            thread = json.loads(body)
        except ValueError as error:
            raise DeliveryError("the thread listing was not JSON") from error
        found: set[str] = set()
        stack = list(thread.get("replies", [])) if isinstance(thread, dict) else []
        while stack:
            comment = stack.pop()
            if not isinstance(comment, dict):
                continue
            if comment.get("mode") == _PUBLISHED_MODE and "id" in comment:
                found.add(str(comment["id"]))
            stack.extend(comment.get("replies", []) or [])
        return found

    def withdraw(self, server_id: str, credential: str) -> WithdrawOutcome:
        try:
            response = self.client.delete(
                urljoin(self.base_url, f"id/{int(server_id)}"),
                headers={"Cookie": f"{int(server_id)}={credential}", "Origin": self.origin},
            )
        except httpx.HTTPError as error:
            return WithdrawOutcome(False, f"could not reach {self.base_url} ({_short(error)})")
        if response.is_success:
            return WithdrawOutcome(True)
        if response.status_code == 403:
            return WithdrawOutcome(False, "the site no longer lets us delete it; ask the site")
        return WithdrawOutcome(False, _reason(response.status_code, response.content[:2000]))


def _short(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return one_line(text[:_LONGEST_REASON])
