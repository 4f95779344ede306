"""When to try again: exponential backoff with jitter, and the server's Retry-After."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

FIRST_RETRY_SECONDS = 30.0
LONGEST_WAIT_SECONDS = 3600.0
# ±20 %: readers who went offline together do not all come back in the same second.
JITTER = 0.2


def backoff_seconds(failed_attempts: int, rng: random.Random | None = None) -> float:
    """The wait after the n-th failed attempt in a row: ~30 s, 60 s, 120 s, … at most 1 h."""
    rng = rng or random.Random()
    steps = max(failed_attempts, 1) - 1
    base = min(FIRST_RETRY_SECONDS * float(2 ** min(steps, 20)), LONGEST_WAIT_SECONDS)
    return min(base * rng.uniform(1 - JITTER, 1 + JITTER), LONGEST_WAIT_SECONDS)


def retry_after_seconds(header: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds from now: either a number of seconds or an HTTP date."""
    if not header:
        return None
    text = header.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


def wait_before_retry(
    failed_attempts: int, retry_after: float | None, rng: random.Random | None = None
) -> float:
    """The server's wish when it gave one (capped at the longest wait), else the backoff."""
    if retry_after is not None:
        return min(max(retry_after, 1.0), LONGEST_WAIT_SECONDS)
    return backoff_seconds(failed_attempts, rng)
