"""Fetching the feeds while the reader runs: `R`, and every `[feeds] refresh_minutes`.

One fetch at a time, in a thread of its own (the fetch runs its own event loop); it
reports with messages to the main screen (`ui/messages.py`): progress as each feed is
done, and a summary at the end, after which the library is looked at again so the new
articles appear. Quitting cancels a fetch between requests.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from newsreader.safe_text import one_line
from newsreader.ui import messages

if TYPE_CHECKING:
    from newsreader.feeds.store import Subscription


class FeedRefresher:
    def __init__(self, data_dir: Path, post: Callable[[Message], object]) -> None:
        self._data_dir = data_dir
        self._post = post
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> bool:
        """Fetch every subscription now; False when a fetch is already under way."""
        if self.running:
            return False
        self._cancel = threading.Event()
        self._thread = threading.Thread(
            target=self._fetch, args=(self._cancel,), name="feed-fetch", daemon=True
        )
        self._thread.start()
        return True

    def stop(self) -> None:
        self._cancel.set()

    def subscriptions(self) -> list[Subscription]:
        """Raises StoreError when the subscriptions cannot be read."""
        from newsreader.feeds.store import SubscriptionStore

        return SubscriptionStore(self._data_dir).all()

    def _fetch(self, cancel: threading.Event) -> None:
        from newsreader.feeds.fetch import FeedOutcome, fetch_feeds
        from newsreader.feeds.store import StoreError

        def progress(outcome: FeedOutcome, done: int, total: int) -> None:
            landed = bool(outcome.new or outcome.updated)
            self._post(messages.FeedsProgress(done, total, outcome.name, landed=landed))

        try:
            summary = fetch_feeds(self._data_dir, progress=progress, cancel=cancel)
        except StoreError as error:
            self._post(messages.FeedsFetched(f"Feeds not fetched: {one_line(str(error))}", []))
            return
        except Exception as error:  # a bug in a fetch must not go unsaid, nor stop the reader
            reason = f"{type(error).__name__}: {error}"
            self._post(messages.FeedsFetched(f"Feeds not fetched: {one_line(reason)}", []))
            return
        if not summary.outcomes and not summary.cancelled:
            line = "No subscriptions yet: add one with `newsreader feeds add URL`."
        else:
            line = summary.line()
        failures = [
            f"{one_line(outcome.name)}: {one_line(outcome.error or '')}"
            for outcome in sorted(summary.failed, key=lambda outcome: outcome.name)
        ]
        self._post(messages.FeedsFetched(line, failures, fetched=bool(summary.outcomes)))
