"""Fetching every subscription at once: HTTP, parse, write the changed entries' files.

`fetch_feeds` is what the commands and (later) the reader's `R` key call. It reports each
finished feed through a callback, from the thread that called it, and stops starting new
work once its `cancel` event is set (feeds already writing finish their files, atomically).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.feeds import feeds_folder
from newsreader.feeds.entry_files import (
    ArticleFile,
    entry_file_name,
    fingerprint,
    remove_leftovers,
    write_files,
)
from newsreader.feeds.html_markdown import html_to_markdown_text, html_to_summary
from newsreader.feeds.http import FetchError, FetchLimits, HttpFetcher
from newsreader.feeds.parse import ParsedEntry, ParsedFeed, ParseError, parse_feed
from newsreader.feeds.store import StoreError, Subscription, SubscriptionStore
from newsreader.feeds.times import now_text


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    name: str
    new: int = 0
    updated: int = 0
    not_modified: bool = False
    error: str | None = None


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


def _article(
    entry: ParsedEntry, feed: ParsedFeed, body: str | None, note: str | None
) -> ArticleFile:
    # The summary goes in the header only when the body is something else: the full content,
    # or the page fetched for --full-text. An entry with a summary alone has it as its body.
    html = entry.content_html or entry.summary_html
    summary = None
    if entry.summary_html and (entry.content_html or body is not None):
        summary = html_to_summary(entry.summary_html)
    if body is None:
        body = html_to_markdown_text(html, entry.link or feed.link or "")
    if note:
        summary = f"{note} {summary or ''}".strip()
    return ArticleFile(
        title=entry.title or "(untitled)",
        body=body,
        author=entry.author,
        date=entry.date,
        source=feed.title,
        url=entry.link,
        summary=summary,
        tags=entry.tags,
        entry_id=entry.entry_id or entry.link,
    )


class _FeedRun:
    def __init__(
        self, store: SubscriptionStore, data_dir: Path, fetcher: HttpFetcher, full_text: bool
    ) -> None:
        self.store = store
        self.root = feeds_folder(data_dir)
        self.fetcher = fetcher
        self.full_text = full_text
        self.unchanged: list[tuple[str, str, str | None, str | None]] = []

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
            feed = await asyncio.to_thread(
                parse_feed, answer.body, url=answer.url, content_type=answer.content_type
            )
            bodies = await self._bodies(feed, subscription.full_text or self.full_text)
            new, updated, rows = await asyncio.to_thread(self._write, name, feed, bodies)
            await asyncio.to_thread(
                self.store.record_fetch,
                name,
                rows,
                url=url,
                title=feed.title,
                etag=answer.etag,
                last_modified=answer.last_modified,
                fetched=now_text(),
            )
            return FeedOutcome(name, new=new, updated=updated)
        except (FetchError, ParseError, StoreError) as error:
            return await self._failed(name, str(error))
        except OSError as error:
            return await self._failed(name, f"could not write its articles: {error}")

    async def _failed(self, name: str, reason: str) -> FeedOutcome:
        # The failure is reported either way; only its record can be lost.
        with contextlib.suppress(StoreError):
            await asyncio.to_thread(self.store.record_failure, name, reason, fetched=now_text())
        return FeedOutcome(name, error=reason)

    async def _bodies(
        self, feed: ParsedFeed, full_text: bool
    ) -> list[tuple[str | None, str | None]]:
        """Each entry's extracted page (None: convert the feed's HTML) and a note for its
        header when the summary had to stand in."""
        results: list[tuple[str | None, str | None]] = []
        for entry in feed.entries:
            if full_text and not entry.content_html and entry.link:
                from newsreader.feeds.full_text import fetch_full_text

                body, note = await fetch_full_text(self.fetcher, entry.link)
                results.append((body, note or None))
            else:
                results.append((None, None))
        return results

    def _write(
        self, name: str, feed: ParsedFeed, bodies: Sequence[tuple[str | None, str | None]]
    ) -> tuple[int, int, list[tuple[str, str, str]]]:
        known = self.store.entries(name)
        folder = self.root / name
        remove_leftovers(folder)
        files: list[tuple[str, str]] = []
        rows: list[tuple[str, str, str]] = []
        new = updated = 0
        seen: set[str] = set()
        for entry, (body, note) in zip(feed.entries, bodies, strict=True):
            if entry.key in seen:
                continue  # a feed listing one entry twice: the first one wins
            seen.add(entry.key)
            text = _article(entry, feed, body, note).text()
            print_ = fingerprint(text)
            stored = known.get(entry.key)
            file_name = stored.file_name if stored else entry_file_name(entry.title, entry.key)
            if stored and stored.fingerprint == print_ and (folder / file_name).exists():
                continue
            if stored:
                updated += 1
            else:
                new += 1
            files.append((file_name, text))
            rows.append((entry.key, file_name, print_))
        write_files(folder, files)
        return new, updated, rows


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
