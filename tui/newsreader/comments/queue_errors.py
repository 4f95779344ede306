"""What can go wrong when writing to the pending queue, one type per thing a person can do
something about.

The core says what happened, in a neutral line (`str()`); each interface words what it means
for its user: the form adds that the text is still in it, the command line names the exit
code. Nothing here knows about forms.
"""

from __future__ import annotations

import errno
import sqlite3

from newsreader.comments.store import QueueError

__all__ = [
    "CommentIdTaken",
    "CommentNotPending",
    "CommentWithdrawn",
    "DraftClaimed",
    "EditConflict",
    "QueueDamaged",
    "QueueError",
    "QueueFull",
    "QueueLocked",
    "QueuePermissionDenied",
    "storage_error_type",
]


class QueueFull(QueueError):
    """The disk holding the queue is full."""


class QueuePermissionDenied(QueueError):
    """The queue file, its folder or the disk cannot be written (permissions, read-only)."""


class QueueLocked(QueueError):
    """Another program held the queue's write lock for longer than the busy timeout."""


class QueueDamaged(QueueError):
    """SQLite says the queue file is damaged; a restart sets it aside."""


class CommentNotPending(QueueError):
    """The comment is not in the pending list (never queued, or no longer waiting)."""


class CommentWithdrawn(CommentNotPending):
    """The comment was withdrawn (`queue remove`, another window) before this write."""

    def __init__(self, comment_id: str) -> None:
        super().__init__(f"comment {comment_id} was withdrawn")
        self.comment_id = comment_id


class CommentIdTaken(QueueError):
    """A comment with this id is already queued with different text; nothing was changed."""

    def __init__(self, comment_id: str) -> None:
        super().__init__(f"a comment with id {comment_id} is already queued with different text")
        self.comment_id = comment_id


class EditConflict(QueueError):
    """The pending comment changed since the form read it (another window saved first).

    The stored comment is left as it is and the text of this save is kept as a new draft,
    `draft_id`, on the same article: both texts survive, and the person chooses.
    """

    def __init__(self, comment_id: str, draft_id: str) -> None:
        super().__init__(
            f"comment {comment_id} was changed elsewhere meanwhile; "
            f"this text was kept as draft {draft_id}"
        )
        self.comment_id = comment_id
        self.draft_id = draft_id


class DraftClaimed(QueueError):
    """The draft is open in another comment form (this process or another one)."""

    def __init__(self, comment_id: str, pid: int | None) -> None:
        where = f"process {pid}" if pid is not None else "another process"
        super().__init__(f"draft {comment_id} is open in another comment form ({where})")
        self.comment_id = comment_id
        self.pid = pid


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def storage_error_type(error: BaseException, *, disk_full: bool = False) -> type[QueueError]:
    """The QueueError subclass for a storage failure (`disk_full`: the caller saw the disk
    nearly full, which is what an SQLite I/O error on a full tmpfs means)."""
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return QueueFull
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return QueuePermissionDenied
        return QueueError
    if not isinstance(error, sqlite3.Error):
        return QueueError
    code = _primary_code(error)
    if code == sqlite3.SQLITE_FULL or (code == sqlite3.SQLITE_IOERR and disk_full):
        return QueueFull
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return QueueLocked
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return QueuePermissionDenied
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return QueueDamaged
    return QueueError
