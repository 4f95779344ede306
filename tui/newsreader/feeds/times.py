"""Timestamps as the feeds store keeps them: UTC, ISO 8601, to the second."""

from __future__ import annotations

import datetime as dt


def now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
