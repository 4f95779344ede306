"""Filling the article list: from the index at launch, then from the disk as it changes.

The order of events at launch, each step as early as it can be:

1. While Textual starts (before the first frame), a plain thread opens the index and
   reads the first screenful of entries and the read marks (`FirstPage`). When they are
   in by the time the main screen mounts, the very first frame shows them.
2. A thread worker reads every entry, then walks the library and reads the files that
   are new or changed since the index saw them (`index_sync`). While a big library is
   indexed for the first time the list is filled again every half second or so, and a
   bar under it counts the files.
3. Every little while, the walk is made again: files added, edited, renamed or removed
   while the reader is open show up without a restart.

Everything here that touches the disk runs off the UI thread, and tells the UI what it
found with messages (`ui/messages.py`) posted to the main screen; it never calls a screen.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from newsreader.library.article import ArticleEntry
from newsreader.library.index import LibraryIndex
from newsreader.library.read_marks import ReadMarks
from newsreader.library.sources import Library
from newsreader.sqlite_damage import is_damage
from newsreader.ui.messages import (
    IndexProgress,
    LibraryLoaded,
    LibraryWalked,
    ProblemsFound,
    Warn,
)

# Where the loader's messages go (the main screen's `post_message`).
Post = Callable[[Message], object]

if TYPE_CHECKING:
    from textual.worker import Worker

    from newsreader.library.index_sync import SyncProgress

# Enough rows for the tallest terminal: the first frame needs no more.
FIRST_ROWS = 200
FIRST_PAGE_WAIT = 0.05
# While a big library is indexed, the list is filled again at most this often, and never
# for more than a fifth of the time (reading 100,000 entries back takes a while).
REFILL_SECONDS = 0.5
REFILL_SHARE = 0.2
# How often the library is walked again for files added, changed or removed while the
# reader is open; the walk of a big library takes longer, so it waits longer.
RESCAN_SECONDS = 10.0
RESCAN_SHARE = 0.05


@dataclass(slots=True)
class FirstPage:
    """What launch reads before the first frame: the index, its first rows, read marks."""

    index: LibraryIndex | None = None
    entries: list[ArticleEntry] = field(default_factory=list)
    read: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    # What SQLite said when the index could be opened but not read.
    failure: sqlite3.DatabaseError | None = None


class LibraryLoader:
    """Keeps the main screen's list in step with the index, and the index with the disk."""

    def __init__(
        self, root: Path, cache_dir: Path, read_marks: ReadMarks, feeds: Path | None = None
    ) -> None:
        self.root = root
        # Fetched feeds (`feeds` in the data dir) join the list under the `feeds/` prefix.
        self.sources = Library.for_reader(root, feeds)
        self.cache_dir = cache_dir
        self.read_marks = read_marks
        self.index: LibraryIndex | None = None
        self._first = FirstPage()
        self._first_used = False
        # The UI thread (on mount) and the worker both try to take the first page; the
        # one that gets it shows it.
        self._first_lock = threading.Lock()
        self._early = threading.Thread(
            target=self._read_first_page, name="newsreader-first-page", daemon=True
        )
        self._early.start()

    # --- 1. before the first frame -----------------------------------------------------

    def _read_first_page(self) -> None:
        first = self._first
        try:
            first.index = LibraryIndex.open(self.cache_dir, self.sources)
            first.entries = first.index.entries(FIRST_ROWS)
        except sqlite3.DatabaseError as error:
            first.entries = []
            if first.index is not None:  # the worker sees to it
                first.failure = error
        except Exception as error:  # the worker tries again and reports what it finds
            first.warnings.append(f"Could not open the library index: {error}")
        try:
            first.read = self.read_marks.all_read()
        except Exception as error:  # read marks are a convenience; the list still shows
            first.warnings.append(f"Could not read the read marks: {error}")
        if first.index is not None and first.index.problem:
            first.warnings.append(
                f"The library index cannot be kept on disk ({first.index.problem}); "
                "it is rebuilt in memory at each launch."
            )

    def first_page_if_ready(self) -> FirstPage | None:
        """On mount: the first rows, if they are in (or nearly), for the caller to show.

        The thread needs a couple of milliseconds of work, but while the UI thread runs
        Python it gets the GIL only in 5 ms turns, each SQLite call costing one: waiting
        here (which lets go of the GIL) gets it done sooner than going on. Bounded, so a
        cache on a hung network disk costs 50 ms, not a frozen launch. None when it is not
        in yet (the worker shows it) or was taken already.
        """
        self._early.join(timeout=FIRST_PAGE_WAIT)
        return None if self._early.is_alive() else self._take_first_page()

    def _take_first_page(self) -> FirstPage | None:
        with self._first_lock:
            if self._first_used:
                return None
            self._first_used = True
            self.index = self._first.index
            return self._first

    # --- 2. the worker ----------------------------------------------------------------

    def load_and_sync(self, worker: Worker[None], post: Post) -> None:
        """The body of the app's library worker (runs in its thread)."""
        if not self._first_used:
            self._early.join()
            if (first := self._take_first_page()) is not None:
                for warning in first.warnings:
                    post(Warn(warning))
                if first.index is not None:
                    post(LibraryLoaded(first.entries, first.read, complete=False))
        try:
            if self._first.failure is not None:
                failure, self._first.failure = self._first.failure, None
                raise failure
            if self.index is None:
                self.index = LibraryIndex.open(self.cache_dir, self.sources)
                post(LibraryLoaded(self.index.entries(), complete=False))
            elif len(self._first.entries) == FIRST_ROWS:
                self._first.entries = []
                post(LibraryLoaded(self.index.entries(), complete=False))
            self._sync(self.index, worker, post)
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                self._cannot_write(error, worker, post)
                return
            # Damaged in a way opening it did not show (a bad disk block, a copy of the
            # reader killed mid-write on a disk that lies about syncing): it is a cache.
            index = self.index or LibraryIndex.open(self.cache_dir, self.sources)
            self.index = index
            post(Warn(f"The library index was damaged ({error}); it is being rebuilt."))
            index.start_afresh()
            post(LibraryLoaded([], complete=False))
            self._sync(index, worker, post)

    def _cannot_write(self, error: sqlite3.DatabaseError, worker: Worker[None], post: Post) -> None:
        """A full disk or an I/O error under the index (not damage to it)."""
        index = self.index
        if index is not None and index.location != "memory" and index.count() == 0:
            # Nothing to show from it: index in memory for this session instead.
            self.index = LibraryIndex.in_memory(self.sources, problem=str(error))
            post(
                Warn(
                    f"The library index cannot be kept on disk ({error}); "
                    "it is kept in memory for this session."
                )
            )
            self._sync(self.index, worker, post)
            return
        # What the index holds is right as far as it goes: the list stays as it is, and
        # the next look tries again.
        post(Warn(f"Could not bring the library index up to date: {error}"))
        post(LibraryWalked(RESCAN_SECONDS, synced=False))

    def _sync(self, index: LibraryIndex, worker: Worker[None], post: Post) -> None:
        from newsreader.library.index_sync import sync_index
        from newsreader.library.problem_list import indexed_problems

        started = time.monotonic()
        refill = _Refill(index, post)
        result = sync_index(
            index, self.sources, progress=refill.progress, stop=lambda: worker.is_cancelled
        )
        if result.stopped:
            return
        entries = index.entries() if result.changed else None
        problems = indexed_problems(self.sources, index, result.problems)
        seconds = time.monotonic() - started
        post(IndexProgress(0, 0))
        post(LibraryLoaded(entries, complete=True))
        post(ProblemsFound(problems))
        # 3. Walk again later; the app's worker is exclusive, so walks never overlap.
        post(LibraryWalked(max(RESCAN_SECONDS, seconds / RESCAN_SHARE), synced=True))


class _Refill:
    """Moves the progress bar, and fills the list again now and then, during a pass."""

    def __init__(self, index: LibraryIndex, post: Post) -> None:
        self.index, self.post = index, post
        self._last = 0.0  # the first batch is shown at once
        self._cost = 0.0

    def progress(self, progress: SyncProgress) -> None:
        self.post(IndexProgress(progress.done, progress.total))
        now = time.monotonic()
        wait = max(REFILL_SECONDS, self._cost / REFILL_SHARE)
        if progress.done < progress.total and now - self._last < wait:
            return
        entries = self.index.entries()
        self._cost = time.monotonic() - now
        self._last = time.monotonic()
        self.post(LibraryLoaded(entries, complete=False))
