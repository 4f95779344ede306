"""The one HTTP client the outbox uses: bounded in time and size, never following redirects."""

from __future__ import annotations

import time

import httpx

from newsreader import __version__

CONNECT_SECONDS = 5.0
WHOLE_REQUEST_SECONDS = 30.0
# A comment server's answer is a few hundred bytes; a thread listing a few hundred KB.
LARGEST_ANSWER = 4 * 1024 * 1024
USER_AGENT = f"newsreader/{__version__} (comment delivery)"


class AnswerTooLarge(Exception):
    pass


class AnswerTooSlow(Exception):
    pass


def new_client() -> httpx.Client:
    return httpx.Client(
        timeout=httpx.Timeout(WHOLE_REQUEST_SECONDS, connect=CONNECT_SECONDS),
        headers={"User-Agent": USER_AGENT},
        # A redirect to another host could hand a comment (and its cookie) to a stranger.
        follow_redirects=False,
        trust_env=False,
    )


def read_body(response: httpx.Response, started: float) -> bytes:
    """The body of a streamed response, at most LARGEST_ANSWER bytes, within the deadline."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > LARGEST_ANSWER:
            raise AnswerTooLarge(f"the answer was larger than {LARGEST_ANSWER // 1024 // 1024} MB")
        if time.monotonic() - started > WHOLE_REQUEST_SECONDS:
            raise AnswerTooSlow(f"the answer took longer than {WHOLE_REQUEST_SECONDS:g} s")
        chunks.append(chunk)
    return b"".join(chunks)
