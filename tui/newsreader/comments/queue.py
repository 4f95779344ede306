"""PendingQueue: submitted comments waiting for a moderator, kept in a local SQLite file.

"Comments are approved by a moderator and will not appear in real time." Until then this
file is the only copy of what someone wrote, so every write is a committed `BEGIN
IMMEDIATE` transaction with `synchronous=FULL`, rows are never deleted (withdrawing only
changes the status), and a retried submission with the same id cannot be stored twice.

Each operation opens its own connection, so one `PendingQueue` can be shared by the UI
thread, thread workers and other processes alike. Drafts (comments still being written)
live in the same file; see `drafts.py`.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from newsreader.comments.draft import CommentDraft, FieldProblem, stored_article_id
from newsreader.comments.drafts import (
    DRAFT_COLUMNS,
    DraftKind,
    SavedDraft,
    delete_draft,
    row_to_draft,
    upsert_draft,
)
from newsreader.comments.store import (
    DEFAULT_BUSY_TIMEOUT_MS,
    MIGRATIONS,
    QUEUE_FILE_NAME,
    SCHEMA_VERSION,
    QueueError,
    connect,
    explain,
    open_store,
    write_transaction,
)
from newsreader.comments.stored_rows import DecodedRow, RowDamage, read_rows, select_columns
from newsreader.comments.times import readable_minute, utc_timestamp

__all__ = [
    "MIGRATIONS",
    "QUEUE_FILE_NAME",
    "SCHEMA_VERSION",
    "CommentNotPending",
    "InvalidComment",
    "PendingComment",
    "PendingQueue",
    "QueueError",
    "RowDamage",
    "SavedDraft",
    "StoredComment",
    "StoredDraft",
]

PENDING = "pending"
WITHDRAWN = "withdrawn"
_STILL_IN_FORM = " Your text is still in the form."
_COLUMNS = "id, article_id, article_title, name, email, body, created, status"
_COLUMN_NAMES = tuple(_COLUMNS.split(", "))
_SELECT = select_columns(_COLUMN_NAMES)
_DRAFT_COLUMN_NAMES = tuple(DRAFT_COLUMNS.split(", "))
_DRAFT_SELECT = select_columns(_DRAFT_COLUMN_NAMES)
# Where the next page starts: (created, rowid) of the last row read.
PageKey = tuple[str, int]


class InvalidComment(ValueError):
    """The draft breaks at least one rule; `problems` says which, field by field."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__(" ".join(problem.message for problem in problems))
        self.problems = problems


class CommentNotPending(QueueError):
    """The comment to edit is gone from the pending list (withdrawn, or never queued)."""


@dataclass(frozen=True)
class PendingComment:
    """A comment as stored in the queue."""

    id: str
    article_id: str
    article_title: str
    name: str
    email: str
    body: str
    created: str  # UTC, ISO 8601 with microseconds and "Z": sorts as text in time order
    status: str

    @property
    def first_line(self) -> str:
        """The first line with any text on it, for one-row listings."""
        return next((line.strip() for line in self.body.splitlines() if line.strip()), "")

    @property
    def created_minute(self) -> str:
        """`2026-11-30T07:15:02.000000Z` → `2026-11-30 07:15 UTC`, for people to read."""
        return readable_minute(self.created)

    def as_json_dict(self) -> dict[str, str]:
        """The fields a moderator export carries, and only those."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "article_title": self.article_title,
            "name": self.name,
            "email": self.email,
            "body": self.body,
            "created": self.created,
            "status": self.status,
        }


def _row_to_comment(row: tuple[str, ...]) -> PendingComment:
    return PendingComment(*row)


class StoredComment(NamedTuple):
    """One row of `comments` as read: the comment (salvaged if damaged), what is wrong
    with it (None when nothing), and the key that starts the page after it."""

    comment: PendingComment
    damage: RowDamage | None
    key: PageKey


class StoredDraft(NamedTuple):
    """One row of `drafts` as read; see StoredComment."""

    draft: SavedDraft
    damage: RowDamage | None


def _stored_comment(row: DecodedRow) -> StoredComment:
    comment = PendingComment(*row.values)
    damage = RowDamage("comments", row.rowid, comment.id, row.problems) if row.problems else None
    return StoredComment(comment, damage, (comment.created, row.rowid))


def _stored_draft(row: DecodedRow) -> StoredDraft:
    draft = row_to_draft(row.values)
    damage = (
        RowDamage("drafts", row.rowid, draft.comment_id, row.problems) if row.problems else None
    )
    return StoredDraft(draft, damage)


class PendingQueue:
    """The store of submitted comments. Create with `PendingQueue.open(data_dir)`."""

    def __init__(
        self,
        path: Path,
        *,
        quarantined_to: Path | None = None,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        notices: list[str] | None = None,
    ) -> None:
        self.path = path
        # Set when a damaged queue file was moved aside at open, so the UI can say where.
        self.quarantined_to = quarantined_to
        self.busy_timeout_ms = busy_timeout_ms
        # What was made private at open (a dir or file others could read), to say once.
        self.notices = notices or []

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        full_check: bool = False,
    ) -> PendingQueue:
        """Open (creating if needed) `data_dir / "queue.sqlite3"`; raise QueueError if not.

        The file gets SQLite's full integrity check only after an unclean shutdown (see
        `clean_state`), or when `full_check` is asked for (`newsreader queue check`).
        """
        opened = open_store(data_dir, busy_timeout_ms, full_check=full_check)
        return cls(
            opened.path,
            quarantined_to=opened.quarantined_to,
            busy_timeout_ms=busy_timeout_ms,
            notices=opened.notices,
        )

    def read_all_rows(self) -> Iterator[StoredComment | StoredDraft]:
        """Every row of both tables, whatever its status, for `queue check`."""
        with self._connect("read the pending queue") as connection:
            sql = f"SELECT {_SELECT} FROM comments ORDER BY rowid"
            for row in read_rows(connection, "comments", _COLUMN_NAMES, sql):
                yield _stored_comment(row)
            sql = f"SELECT {_DRAFT_SELECT} FROM drafts ORDER BY rowid"
            for row in read_rows(connection, "drafts", _DRAFT_COLUMN_NAMES, sql):
                yield _stored_draft(row)

    @contextmanager
    def _connect(
        self, action: str = "use the pending queue", hint: str = ""
    ) -> Iterator[sqlite3.Connection]:
        """A connection for one operation; storage failures become QueueError(action)."""
        try:
            with connect(self.path, self.busy_timeout_ms) as connection:
                yield connection
        except (sqlite3.Error, OSError) as error:
            reason = explain(error, self.path, self.busy_timeout_ms)
            raise QueueError(f"Could not {action}: {reason}.{hint}") from error

    @contextmanager
    def _writing(self, action: str, hint: str = "") -> Iterator[sqlite3.Connection]:
        """A connection inside one committed BEGIN IMMEDIATE transaction."""
        with self._connect(action, hint) as connection, write_transaction(connection):
            yield connection

    def add(
        self,
        draft: CommentDraft,
        *,
        comment_id: str | None = None,
        now: datetime | None = None,
    ) -> PendingComment:
        """Queue the draft; returns once the comment is committed to disk.

        Pass the same `comment_id` when retrying after an error: if the first attempt did
        reach the disk, the stored comment is returned instead of a second copy. A draft
        saved under that id is removed in the same transaction.
        Raises InvalidComment, QueueError, or ValueError for an id that is not a UUID.
        """
        problems = draft.problems()
        if problems:
            raise InvalidComment(problems)
        # The id exists before the write so a retry can name the same submission.
        comment_id = str(uuid.uuid4()) if comment_id is None else str(uuid.UUID(comment_id))
        created = utc_timestamp(now)
        with self._writing("save the comment", _STILL_IN_FORM) as connection:
            connection.execute(
                f"INSERT OR IGNORE INTO comments ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    comment_id,
                    stored_article_id(draft.article_id),
                    draft.article_title,
                    draft.name,
                    draft.email,
                    draft.body,
                    created,
                    PENDING,
                ),
            )
            delete_draft(connection, comment_id)
            row = connection.execute(
                f"SELECT {_COLUMNS} FROM comments WHERE id = ?", (comment_id,)
            ).fetchone()
        return _row_to_comment(row)

    # --- reading: row by row, so one damaged row never hides the rest --------------------

    def read_pending(
        self, *, after: PageKey | None = None, limit: int | None = None
    ) -> Iterator[StoredComment]:
        """Pending comments oldest first, streamed one row at a time.

        A damaged row comes salvaged, with `.damage` saying what is wrong. For pages, pass
        the last row's `.key` as `after` and a `limit`; rows whose status is not even text
        come last, in a read without a limit.
        """
        where = "status = ?"
        parameters: list[object] = [PENDING]
        if after is not None:
            where += " AND (created, rowid) > (?, ?)"
            parameters.extend(after)
        sql = f"SELECT {_SELECT} FROM comments WHERE {where} ORDER BY created, rowid"
        if limit is not None:
            sql += " LIMIT ?"
            parameters.append(limit)
        with self._connect("read the pending queue") as connection:
            rows = read_rows(connection, "comments", _COLUMN_NAMES, sql, parameters)
            yield from (_stored_comment(row) for row in rows)
            if limit is None:
                # A status stored as a BLOB (or a number) matches no status: said, not lost.
                odd = read_rows(
                    connection,
                    "comments",
                    _COLUMN_NAMES,
                    f"SELECT {_SELECT} FROM comments WHERE typeof(status) <> 'text'",
                )
                yield from (_stored_comment(row) for row in odd)

    def pending(self) -> list[PendingComment]:
        """Comments still waiting, oldest first (damaged ones salvaged; see read_pending)."""
        return [row.comment for row in self.read_pending()]

    def get(self, comment_id: str) -> PendingComment | None:
        """The comment with this id whatever its status (see `.status`), or None."""
        with self._connect("read the pending queue") as connection:
            rows = read_rows(
                connection,
                "comments",
                _COLUMN_NAMES,
                f"SELECT {_SELECT} FROM comments WHERE id = ?",
                (comment_id,),
            )
            found = next(rows, None)
        return None if found is None else _stored_comment(found).comment

    def count(self) -> int:
        """How many comments are still waiting."""
        with self._connect("read the pending queue") as connection:
            (count,) = connection.execute(
                "SELECT count(*) FROM comments WHERE status = ?", (PENDING,)
            ).fetchone()
        return int(count)

    def draft_count(self) -> int:
        """How many drafts are kept (new comments and unsaved edits)."""
        with self._connect("read the drafts") as connection:
            (count,) = connection.execute("SELECT count(*) FROM drafts").fetchone()
        return int(count)

    def ids_starting_with(self, prefix: str) -> tuple[set[str], set[str]]:
        """Ids of pending comments, and of drafts, that begin with `prefix` (index look-ups)."""
        # An id range instead of LIKE: no wildcard in the prefix can widen the match.
        upper = prefix + "\U0010ffff"
        with self._connect("read the pending queue") as connection:
            connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
            pending = connection.execute(
                "SELECT id FROM comments WHERE id >= ? AND id < ? AND status = ?",
                (prefix, upper, PENDING),
            ).fetchall()
            drafts = connection.execute(
                "SELECT comment_id FROM drafts WHERE comment_id >= ? AND comment_id < ?",
                (prefix, upper),
            ).fetchall()
        return {row[0] for row in pending}, {row[0] for row in drafts}

    def withdraw(self, comment_id: str) -> bool:
        """Take a pending comment back; the row stays, marked withdrawn.

        Unsaved changes to it (an edit draft) go with it: they could no longer be saved.
        Returns False when there is no pending comment with this id.
        """
        with self._writing("withdraw the comment") as connection:
            cursor = connection.execute(
                "UPDATE comments SET status = ?, updated = ? WHERE id = ? AND status = ?",
                (WITHDRAWN, utc_timestamp(), comment_id, PENDING),
            )
            if cursor.rowcount == 1:
                delete_draft(connection, comment_id)
        return cursor.rowcount == 1

    def update(self, comment_id: str, draft: CommentDraft) -> PendingComment:
        """Replace the name, email and body of a pending comment with the draft's.

        The article is not changed: a comment stays with the piece it answered.
        Raises InvalidComment, or CommentNotPending when it was withdrawn or never queued.
        """
        problems = draft.problems()
        if problems:
            raise InvalidComment(problems)
        with self._writing("save your changes", _STILL_IN_FORM) as connection:
            cursor = connection.execute(
                "UPDATE comments SET name = ?, email = ?, body = ?, updated = ? "
                "WHERE id = ? AND status = ?",
                (draft.name, draft.email, draft.body, utc_timestamp(), comment_id, PENDING),
            )
            if cursor.rowcount == 1:
                delete_draft(connection, comment_id)
            row = connection.execute(
                f"SELECT {_COLUMNS} FROM comments WHERE id = ?", (comment_id,)
            ).fetchone()
        if cursor.rowcount != 1:
            raise CommentNotPending(
                "Could not save your changes: this comment is no longer pending "
                f"(it was withdrawn or is not in the queue).{_STILL_IN_FORM}"
            )
        return _row_to_comment(row)

    # --- drafts ----------------------------------------------------------------------------

    def save_draft(
        self,
        comment_id: str,
        draft: CommentDraft,
        *,
        kind: DraftKind = "new",
        now: datetime | None = None,
    ) -> bool:
        """Keep what the form holds under `comment_id`; no validation, text as typed.

        Returns False (and writes nothing) when the comment was sent meanwhile, or, for an
        edit, when it is no longer pending or the draft says what is already stored.
        """
        try:
            with self._writing("save the draft", _STILL_IN_FORM) as connection:
                return upsert_draft(connection, comment_id, kind, draft, utc_timestamp(now))
        except UnicodeEncodeError as error:
            # Lone surrogates (from undecodable input) have no UTF-8 form to store.
            raise QueueError(
                f"Could not save the draft: it holds a character that cannot be stored "
                f"(U+{ord(error.object[error.start]):04X}).{_STILL_IN_FORM}"
            ) from error

    def discard_draft(self, comment_id: str) -> bool:
        """Remove the draft kept under `comment_id`; False when there was none."""
        with self._writing("discard the draft") as connection:
            return delete_draft(connection, comment_id)

    def read_drafts(
        self, where: str = "1", parameters: tuple[str, ...] = ()
    ) -> Iterator[StoredDraft]:
        """Drafts matching `where`, most recently saved first, one row at a time."""
        sql = f"SELECT {_DRAFT_SELECT} FROM drafts WHERE {where} ORDER BY updated DESC, rowid DESC"
        with self._connect("read the drafts") as connection:
            for row in read_rows(connection, "drafts", _DRAFT_COLUMN_NAMES, sql, parameters):
                yield _stored_draft(row)

    def drafts(self) -> list[SavedDraft]:
        """Every draft, most recently saved first (damaged ones salvaged)."""
        return [row.draft for row in self.read_drafts()]

    def draft(self, comment_id: str) -> SavedDraft | None:
        """The draft kept under `comment_id` (a new comment's or an edit's), or None."""
        found = next(self.read_drafts("comment_id = ?", (comment_id,)), None)
        return None if found is None else found.draft

    def newest_draft_for(self, article_id: str) -> SavedDraft | None:
        """The most recently saved new-comment draft on this article, or None."""
        where = "article_id = ? AND kind = 'new'"
        found = next(self.read_drafts(where, (stored_article_id(article_id),)), None)
        return None if found is None else found.draft
