"""Timestamps in the queue file: UTC text that sorts in time order, and its readable form."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_timestamp(now: datetime | None = None) -> str:
    """`now` (default: this moment) as `2026-11-30T07:15:02.000000Z`."""
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        raise ValueError("now must be timezone-aware; a naive time is ambiguous")
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def readable_minute(stamp: str) -> str:
    """`2026-11-30T07:15:02.000000Z` → `2026-11-30 07:15 UTC`, for people to read."""
    if len(stamp) >= 16 and stamp[10] == "T":
        return f"{stamp[:10]} {stamp[11:16]} UTC"
    return stamp
