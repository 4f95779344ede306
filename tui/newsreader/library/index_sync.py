"""Bringing the library index up to date with the files on disk.

One pass walks the library and compares each file's size and modification time with what
the index holds: unchanged files cost a `stat`, new and changed ones are read again,
deleted ones are forgotten. A renamed file is both: its old path is forgotten and its new
one read (its id comes from its path, so it is a different article to read marks).

Changes are committed in short batches, and `progress` is told after each, so the list
can fill in while a large library is indexed for the first time. The pass can be asked
to stop between files (`stop`); what was committed stays, and the next pass goes on
from there because finished files match their stamps.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

# The file readers, which sources import when first asked to read a file: imported here,
# with this module (in the worker), so their import (~35 ms) does not eat into the first
# batch's time and leave a first launch with a list of two rows.
import newsreader.library.formats  # noqa: F401
from newsreader.library.index import IndexWriter, LibraryIndex, Stamp
from newsreader.library.sources import FileProblem, Library, same_id_reason

# A batch is committed after this long, so the list fills in at a steady pace; the first
# one sooner, so that a first launch shows some rows at once.
FIRST_BATCH_SECONDS = 0.05
BATCH_SECONDS = 0.25
BATCH_FILES = 2_000


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """How far a pass has got: files read out of those that needed reading."""

    done: int
    total: int


@dataclass(slots=True)
class SyncResult:
    """What one pass found. `problems` are the walk's own: folders and links it could not
    follow (files that cannot be shown are kept in the index, see `unreadable`)."""

    read: int = 0
    forgotten: int = 0
    stopped: bool = False
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.read or self.forgotten)


def sync_index(
    index: LibraryIndex,
    library: Library,
    *,
    progress: Callable[[SyncProgress], None] | None = None,
    stop: Callable[[], bool] = lambda: False,
) -> SyncResult:
    """Make the index match the files of every source of `library`."""
    result = SyncResult()
    on_disk = _stamps_on_disk(library, result.problems)
    known = index.stamps()
    # An unmounted or mistyped folder: keep what the index has of it for when it is back.
    missing = [source for source in library.sources if source.missing() is not None]
    gone = sorted(
        path for path in known.keys() - on_disk.keys() if library.source_of(path) not in missing
    )
    if gone:
        with index.write() as writer:
            writer.forget(gone)
        result.forgotten = len(gone)
    # A NULL stamp marks a file that lost a clash of ids: it may win now, so read it again.
    # Newest files first: on a first indexing the list fills in from the top, as a rule.
    todo = sorted(
        (path for path, stamp in on_disk.items() if known.get(path) != stamp),
        key=lambda path: -(on_disk[path].mtime_ns or 0),
    )
    if not todo:
        return result
    total = len(todo)
    position = 0
    while position < total and not result.stopped:
        deadline = time.monotonic() + (BATCH_SECONDS if position else FIRST_BATCH_SECONDS)
        with index.write() as writer:
            for path in todo[position : position + BATCH_FILES]:
                if stop():
                    result.stopped = True
                    break
                _read_into(writer, library, path, on_disk[path], known=path in known)
                position += 1
                if time.monotonic() > deadline:
                    break
        result.read = position
        if progress is not None:
            progress(SyncProgress(position, total))
    return result


def _stamps_on_disk(library: Library, problems: list[FileProblem]) -> dict[str, Stamp]:
    found: dict[str, Stamp] = {}
    for path, file in library.article_paths(problems):
        try:
            info = os.stat(file)
        except OSError:
            continue  # gone since the walk listed it: it is simply not there
        found[path] = Stamp(info.st_size, info.st_mtime_ns)
    return found


def _read_into(
    writer: IndexWriter, library: Library, path: str, stamp: Stamp, *, known: bool
) -> None:
    article = library.load(path)
    if isinstance(article, str):
        writer.put_unreadable(path, stamp, article, known=known)
        return
    holder = writer.holder_of(article.id)
    if holder is not None and holder != path:
        # Of two files with one id, the first in path order is shown (`find_article` goes
        # by the same rule). The other is kept unstamped, so that it is read again next time.
        if PurePosixPath(holder) < PurePosixPath(path):
            writer.put_unreadable(path, Stamp(None, None), same_id_reason(holder), known=known)
            return
        writer.put_unreadable(holder, Stamp(None, None), same_id_reason(path))
    writer.put_article(article, path, stamp, known=known)
