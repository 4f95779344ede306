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

Everything here that touches the disk runs off the UI thread; the UI is changed only
through `call_from_thread`.
"""

from __future__ import annotations

import gc
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.library.article import ArticleEntry
from newsreader.library.index import LibraryIndex
from newsreader.library.read_marks import ReadMarks
from newsreader.library.sources import Library
from newsreader.sqlite_damage import is_damage

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.worker import Worker

    from newsreader.library.index_sync import SyncProgress
    from newsreader.library.problem_list import ProblemFile
    from newsreader.ui.app import NewsReaderApp

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
        self, app: NewsReaderApp, root: Path, cache_dir: Path, read_marks: ReadMarks
    ) -> None:
        self.app = app
        self.root = root
        self.sources = Library.of_folder(root)
        self.cache_dir = cache_dir
        self.read_marks = read_marks
        self.index: LibraryIndex | None = None
        self._first = FirstPage()
        self._first_used = False
        self._frozen = False
        self._rescan_timer: Timer | None = None
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

    def show_first_page_if_ready(self) -> None:
        """On mount: show the first rows now if they are in, or nearly.

        The thread needs a couple of milliseconds of work, but while the UI thread runs
        Python it gets the GIL only in 5 ms turns, each SQLite call costing one: waiting
        here (which lets go of the GIL) gets it done sooner than going on. Bounded, so a
        cache on a hung network disk costs 50 ms, not a frozen launch.
        """
        self._early.join(timeout=FIRST_PAGE_WAIT)
        if not self._early.is_alive():
            self._use_first_page()

    def _use_first_page(self) -> None:
        if self._first_used:
            return
        self._first_used = True
        first = self._first
        self.index = first.index
        for warning in first.warnings:
            self.app.warn(warning)
        if first.index is not None:
            self.app.main_screen.show_library(first.entries, first.read, complete=False)

    # --- 2. the worker ----------------------------------------------------------------

    def load_and_sync(self, worker: Worker[None]) -> None:
        """The body of the app's library worker (runs in its thread)."""
        call = self.app.call_from_thread
        if not self._first_used:
            self._early.join()
            call(self._use_first_page)
        try:
            if self._first.failure is not None:
                failure, self._first.failure = self._first.failure, None
                raise failure
            if self.index is None:
                self.index = LibraryIndex.open(self.cache_dir, self.sources)
                call(self.app.main_screen.show_library, self.index.entries(), None, complete=False)
            elif len(self._first.entries) == FIRST_ROWS:
                self._first.entries = []
                call(self.app.main_screen.show_library, self.index.entries(), None, complete=False)
            self._sync(self.index, worker)
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                self._cannot_write(error, worker)
                return
            # Damaged in a way opening it did not show (a bad disk block, a copy of the
            # reader killed mid-write on a disk that lies about syncing): it is a cache.
            index = self.index or LibraryIndex.open(self.cache_dir, self.sources)
            self.index = index
            call(self.app.warn, f"The library index was damaged ({error}); it is being rebuilt.")
            index.start_afresh()
            call(self.app.main_screen.show_library, [], None, complete=False)
            self._sync(index, worker)

    def _cannot_write(self, error: sqlite3.DatabaseError, worker: Worker[None]) -> None:
        """A full disk or an I/O error under the index (not damage to it)."""
        call = self.app.call_from_thread
        index = self.index
        if index is not None and index.location != "memory" and index.count() == 0:
            # Nothing to show from it: index in memory for this session instead.
            self.index = LibraryIndex.in_memory(self.sources, problem=str(error))
            call(
                self.app.warn,
                f"The library index cannot be kept on disk ({error}); "
                "it is kept in memory for this session.",
            )
            self._sync(self.index, worker)
            return
        # What the index holds is right as far as it goes: the list stays as it is, and
        # the next look tries again.
        call(self.app.warn, f"Could not bring the library index up to date: {error}")
        call(self._look_again_later, RESCAN_SECONDS)

    def _sync(self, index: LibraryIndex, worker: Worker[None]) -> None:
        from newsreader.library.index_sync import sync_index
        from newsreader.library.problem_list import indexed_problems

        started = time.monotonic()
        refill = _Refill(self.app, index)
        result = sync_index(
            index, self.sources, progress=refill.progress, stop=lambda: worker.is_cancelled
        )
        if result.stopped:
            return
        entries = index.entries() if result.changed else None
        problems = indexed_problems(self.sources, index, result.problems)
        self.app.call_from_thread(self._sync_done, entries, problems, time.monotonic() - started)

    def _sync_done(
        self, entries: list[ArticleEntry] | None, problems: list[ProblemFile], seconds: float
    ) -> None:
        screen = self.app.main_screen
        screen.index_progress.show_progress(0, 0)
        if entries is not None:
            screen.show_library(entries, complete=True)
        else:
            screen.mark_complete()
        screen.set_problems(problems)
        if not self._frozen and gc.get_freeze_count():
            # The program froze what it imported before starting (cli.run_reader); what
            # the first load added (readers, markdown-it, 10,000 entries) lasts as long.
            # Frozen, a full collection skips it: one took 13 ms, long enough to delay a
            # keypress. (Tests never freeze: their apps must be collected.)
            gc.freeze()
        self._frozen = True
        self._look_again_later(max(RESCAN_SECONDS, seconds / RESCAN_SHARE))

    def _look_again_later(self, delay: float) -> None:
        # 3. Walk again later; the app's worker is exclusive, so walks never overlap.
        if self._rescan_timer is not None:
            self._rescan_timer.stop()
        self._rescan_timer = self.app.set_timer(delay, self.app.refresh_library)


class _Refill:
    """Moves the progress bar, and fills the list again now and then, during a pass."""

    def __init__(self, app: NewsReaderApp, index: LibraryIndex) -> None:
        self.app, self.index = app, index
        self._last = 0.0  # the first batch is shown at once
        self._cost = 0.0

    def progress(self, progress: SyncProgress) -> None:
        screen = self.app.main_screen
        self.app.call_from_thread(
            screen.index_progress.show_progress, progress.done, progress.total
        )
        now = time.monotonic()
        wait = max(REFILL_SECONDS, self._cost / REFILL_SHARE)
        if progress.done < progress.total and now - self._last < wait:
            return
        entries = self.index.entries()
        self._cost = time.monotonic() - now
        self._last = time.monotonic()
        self.app.call_from_thread(screen.show_library, entries, None, complete=False)
