"""Fetching every subscription at once: HTTP, parse, write the changed entries' files.

`fetch_feeds` is what the commands and the reader's `R` key call. It reports each finished
feed through a callback, from the thread that called it, and stops starting new work once its
`cancel` event is set (feeds already writing finish their files, atomically). The writing is
`landing.py`'s.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.feeds import feeds_folder
from newsreader.feeds.http import FetchError, FetchLimits, HttpFetcher
from newsreader.feeds.landing import (
    Arrival,
    Body,
    FeedOutcome,
    Lander,
    parse_arrival,
    record_failure,
)
from newsreader.feeds.parse import ParsedFeed, ParseError
from newsreader.feeds.store import StoreError, Subscription, SubscriptionStore

__all__ = ["FeedOutcome", "FetchSummary", "fetch_feeds", "fetch_subscriptions"]


@dataclass(slots=True)
class FetchSummary:
    outcomes: list[FeedOutcome] = field(default_factory=list)
    cancelled: bool = False

    @property
    def failed(self) -> list[FeedOutcome]:
        return [outcome for outcome in self.outcomes if outcome.error]

    def line(self) -> str:
        count = len(self.outcomes)
        new = sum(outcome.new for outcome in self.outcomes)
        updated = sum(outcome.updated for outcome in self.outcomes)
        feeds = "feed" if count == 1 else "feeds"
        text = f"{count:,} {feeds}: {new:,} new, {updated:,} updated, {len(self.failed):,} failed"
        return text + (" (cancelled)" if self.cancelled else "")


Progress = Callable[[FeedOutcome, int, int], None]  # outcome, feeds done, feeds in all


class _FeedRun:
    """The HTTP side of one fetch: every feed's request at once; each answer is handed to
    one writer thread (`Lander`), which takes all the answers waiting when it is free."""

    def __init__(
        self, store: SubscriptionStore, data_dir: Path, fetcher: HttpFetcher, full_text: bool
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.full_text = full_text
        self.unchanged: list[tuple[str, str, str | None, str | None]] = []
        self._lander = Lander(store, feeds_folder(data_dir))
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="feed-writer")
        self._waiting: list[tuple[Arrival, asyncio.Future[FeedOutcome]]] = []
        self._landing: asyncio.Task[None] | None = None

    async def fetch(self, subscription: Subscription) -> FeedOutcome:
        name = subscription.name
        try:
            answer = await self.fetcher.get(
                subscription.url, etag=subscription.etag, last_modified=subscription.last_modified
            )
            url = answer.moved_to or subscription.url
            if answer.status == 304:
                # Recorded for all such feeds at the end, in one transaction.
                self.unchanged.append(
                    (
                        name,
                        url,
                        answer.etag or subscription.etag,
                        answer.last_modified or subscription.last_modified,
                    )
                )
                return FeedOutcome(name, not_modified=True)
            arrival = Arrival(name, url, answer)
            if subscription.full_text or self.full_text:
                feed = await asyncio.to_thread(parse_arrival, arrival)
                bodies = await self._bodies(feed)
                arrival = Arrival(name, url, answer, feed, bodies)
            return await self._land(arrival)
        except (FetchError, ParseError, StoreError) as error:
            reason = str(error)
            await asyncio.to_thread(record_failure, self.store, name, reason)
            return FeedOutcome(name, error=reason)

    async def _bodies(self, feed: ParsedFeed) -> list[Body]:
        """Each entry's extracted page, or (None, None) to convert the feed's HTML; with a
        note for the header when the summary had to stand in."""
        results: list[Body] = []
        for entry in feed.entries:
            if not entry.content_html and entry.link:
                from newsreader.feeds.full_text import fetch_full_text

                body, note = await fetch_full_text(self.fetcher, entry.link)
                results.append((body, note or None))
            else:
                results.append((None, None))
        return results

    async def _land(self, arrival: Arrival) -> FeedOutcome:
        landed: asyncio.Future[FeedOutcome] = asyncio.get_running_loop().create_future()
        self._waiting.append((arrival, landed))
        if self._landing is None or self._landing.done():
            self._landing = asyncio.ensure_future(self._land_waiting())
        return await landed

    async def _land_waiting(self) -> None:
        loop = asyncio.get_running_loop()
        while self._waiting:
            # A feed whose task was cancelled (the fetch was) while it waited is not written.
            group = [(arrival, landed) for arrival, landed in self._waiting if not landed.done()]
            self._waiting = []
            if not group:
                continue
            try:
                outcomes = await loop.run_in_executor(
                    self._writer, self._lander.land, [arrival for arrival, _ in group]
                )
            except BaseException as error:
                for _, landed in group:
                    if not landed.done():
                        landed.set_exception(error)
                raise
            for (_, landed), outcome in zip(group, outcomes, strict=True):
                if not landed.done():  # done: that feed's task was cancelled meanwhile
                    landed.set_result(outcome)

    async def finish(self) -> None:
        """Wait for the group being written (a cancelled fetch still finishes its files)."""
        if self._landing is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await self._landing
        await asyncio.to_thread(self._writer.shutdown)
        self._lander.close()


async def fetch_subscriptions(
    store: SubscriptionStore,
    data_dir: Path,
    subscriptions: Sequence[Subscription],
    *,
    limits: FetchLimits | None = None,
    full_text: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> FetchSummary:
    summary = FetchSummary()
    async with HttpFetcher(limits) as fetcher:
        run = _FeedRun(store, data_dir, fetcher, full_text)
        tasks = [asyncio.ensure_future(run.fetch(subscription)) for subscription in subscriptions]
        watcher = asyncio.ensure_future(_watch(cancel, tasks)) if cancel else None
        try:
            for finished in asyncio.as_completed(tasks):
                try:
                    outcome = await finished
                except asyncio.CancelledError:
                    summary.cancelled = True
                    continue
                summary.outcomes.append(outcome)
                if progress is not None:
                    progress(outcome, len(summary.outcomes), len(tasks))
        finally:
            if watcher is not None:
                watcher.cancel()
            await run.finish()
            with contextlib.suppress(StoreError):
                await asyncio.to_thread(store.record_unchanged, run.unchanged)
    summary.cancelled = summary.cancelled or bool(cancel and cancel.is_set())
    return summary


async def _watch(cancel: threading.Event, tasks: Sequence[asyncio.Future[FeedOutcome]]) -> None:
    while not cancel.is_set():
        await asyncio.sleep(0.05)
    for task in tasks:
        task.cancel()


def fetch_feeds(
    data_dir: Path,
    names: Sequence[str] = (),
    *,
    limits: FetchLimits | None = None,
    full_text: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> FetchSummary:
    """Fetch the named feeds (names or URLs; all when none), from synchronous code.

    Raises StoreError when the subscriptions cannot be read, LookupError naming a feed that
    is not subscribed.
    """
    store = SubscriptionStore(data_dir)
    every = store.all()
    if names:
        chosen = []
        for wanted in names:
            match = [sub for sub in every if wanted in (sub.name, sub.url)]
            if not match:
                raise LookupError(wanted)
            chosen.extend(match)
        every = list({sub.name: sub for sub in chosen}.values())
    return asyncio.run(
        fetch_subscriptions(
            store,
            data_dir,
            every,
            limits=limits,
            full_text=full_text,
            progress=progress,
            cancel=cancel,
        )
    )
