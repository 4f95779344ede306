"""Retry timing: ~30 s first, doubling, at most an hour, jittered; Retry-After honoured."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from newsreader.comments.delivery.credentials import Credential
from newsreader.comments.delivery.schedule import (
    backoff_seconds,
    retry_after_seconds,
    wait_before_retry,
)


def test_backoff_doubles_from_thirty_seconds_up_to_an_hour() -> None:
    rng = random.Random(7)
    waits = [backoff_seconds(attempt, rng) for attempt in range(1, 12)]
    assert 24 <= waits[0] <= 36
    assert 48 <= waits[1] <= 72
    assert all(wait <= 3600 for wait in waits)
    assert waits[-1] >= 3600 * 0.8


def test_jitter_spreads_readers_who_failed_together() -> None:
    waits = {round(backoff_seconds(3, random.Random(seed)), 3) for seed in range(20)}
    assert len(waits) > 10


def test_retry_after_as_seconds_or_a_date() -> None:
    now = datetime(2026, 12, 3, 10, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Thu, 03 Dec 2026 10:05:00 GMT", now) == 300
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None
    assert wait_before_retry(1, 99999) == 3600
    assert wait_before_retry(1, 0) == 1


def test_a_credential_hides_its_value_and_knows_when_it_expires() -> None:
    found = Credential("s3cret-cookie", 2e9)
    assert "s3cret" not in repr(found)
    assert found.usable(1.9e9) and not found.usable(2.1e9)
