"""Fetched feeds landing in the library, a group at a time: parse, convert, write the changed
entries' files, one flush to disk and one store transaction for the whole group.

`fetch.py` hands every answer to one thread that runs `land`, with all the answers that
arrived while it wrote the last group. Measured on 100 feeds × 50 entries: with a thread per
feed, the threads spent the fetch handing the GIL to each other (159,000 futex calls) and
sleeping on each other's SQLite write locks; one writer has neither.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from newsreader.feeds.entry_files import (
    ArticleFile,
    FileBatch,
    entry_file_name,
    fingerprint,
    remove_leftovers,
)
from newsreader.feeds.html_markdown import html_to_markdown_text, html_to_summary
from newsreader.feeds.http import Response
from newsreader.feeds.parse import ParsedEntry, ParsedFeed, ParseError, parse_feed
from newsreader.feeds.store import FeedRecord, StoredEntry, StoreError, SubscriptionStore
from newsreader.feeds.times import now_text

# An entry's extracted page (None: convert the feed's HTML) and a note for its header.
Body = tuple[str | None, str | None]


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    name: str
    new: int = 0
    updated: int = 0
    not_modified: bool = False
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Arrival:
    """One feed's answer, waiting to land. `feed` and `bodies` are there when the feed was
    parsed already (full-text feeds, whose pages are fetched before landing)."""

    name: str
    url: str  # the URL to store: the permanent redirect's target, else the subscribed one
    answer: Response
    feed: ParsedFeed | None = None
    bodies: Sequence[Body] | None = None


@dataclass(slots=True)
class _Written:
    arrival: Arrival
    feed: ParsedFeed
    new: int
    updated: int
    rows: list[tuple[str, str, str]]

    def record(self) -> FeedRecord:
        answer = self.arrival.answer
        return FeedRecord(
            name=self.arrival.name,
            rows=self.rows,
            url=self.arrival.url,
            title=self.feed.title,
            etag=answer.etag,
            last_modified=answer.last_modified,
        )


def _stage(batch: FileBatch, folder: Path, files: Sequence[tuple[str, str]]) -> None:
    remove_leftovers(folder)
    batch.stage(folder, files)


def article_file(
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


def parse_arrival(arrival: Arrival) -> ParsedFeed:
    answer = arrival.answer
    return parse_feed(answer.body, url=answer.url, content_type=answer.content_type)


class Lander:
    """Lands groups of arrivals (`land`, from one thread at a time); `close` when done.

    Files are created by a second thread while this one converts the next feed: creating
    5,000 files takes this machine's ext4 0.05-0.5 s in system calls, which need no GIL.
    """

    def __init__(self, store: SubscriptionStore, root: Path) -> None:
        self.store = store
        self.root = root
        self._files = ThreadPoolExecutor(max_workers=1, thread_name_prefix="feed-files")

    def close(self) -> None:
        self._files.shutdown()

    def land(self, arrivals: Sequence[Arrival]) -> list[FeedOutcome]:
        """Each arrival's outcome, in order."""
        outcomes: dict[str, FeedOutcome] = {}
        try:
            known = self.store.entries_of([arrival.name for arrival in arrivals])
        except StoreError as error:
            return [self._failed(arrival.name, str(error)) for arrival in arrivals]
        batch = FileBatch()
        staging: list[tuple[_Written, Future[None]]] = []
        for arrival in arrivals:
            try:
                feed = arrival.feed or parse_arrival(arrival)
            except ParseError as error:
                outcomes[arrival.name] = self._failed(arrival.name, str(error))
                continue
            item, files = self._changes(arrival, feed, known[arrival.name])
            folder = self.root / arrival.name
            staging.append((item, self._files.submit(_stage, batch, folder, files)))
        written: list[_Written] = []
        for item, staged in staging:
            try:
                staged.result()
            except OSError as error:
                reason = f"could not write its articles: {error}"
                outcomes[item.arrival.name] = self._failed(item.arrival.name, reason)
                continue
            written.append(item)
        try:
            batch.commit()
            self.store.record_fetches([item.record() for item in written], fetched=now_text())
        except (OSError, StoreError) as error:
            reason = str(error)
            if isinstance(error, OSError):
                reason = f"could not write its articles: {error}"
            for item in written:
                outcomes[item.arrival.name] = self._failed(item.arrival.name, reason)
            written = []
        for item in written:
            outcomes[item.arrival.name] = FeedOutcome(
                item.arrival.name, new=item.new, updated=item.updated
            )
        return [outcomes[arrival.name] for arrival in arrivals]

    def _changes(
        self, arrival: Arrival, feed: ParsedFeed, known: dict[str, StoredEntry]
    ) -> tuple[_Written, list[tuple[str, str]]]:
        """The feed's new and changed entries: what to record, and the files to write."""
        folder = self.root / arrival.name
        bodies = arrival.bodies or [(None, None)] * len(feed.entries)
        files: list[tuple[str, str]] = []
        item = _Written(arrival, feed, 0, 0, [])
        seen: set[str] = set()
        for entry, (body, note) in zip(feed.entries, bodies, strict=True):
            if entry.key in seen:
                continue  # a feed listing one entry twice: the first one wins
            seen.add(entry.key)
            text = article_file(entry, feed, body, note).text()
            print_ = fingerprint(text)
            stored = known.get(entry.key)
            file_name = stored.file_name if stored else entry_file_name(entry.title, entry.key)
            if stored and stored.fingerprint == print_ and (folder / file_name).exists():
                continue
            if stored:
                item.updated += 1
            else:
                item.new += 1
            files.append((file_name, text))
            item.rows.append((entry.key, file_name, print_))
        return item, files

    def _failed(self, name: str, reason: str) -> FeedOutcome:
        record_failure(self.store, name, reason)
        return FeedOutcome(name, error=reason)


def record_failure(store: SubscriptionStore, name: str, reason: str) -> None:
    # The failure is reported either way; only its record can be lost.
    with contextlib.suppress(StoreError):
        store.record_failure(name, reason, fetched=now_text())
