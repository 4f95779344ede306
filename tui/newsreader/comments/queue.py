"""PendingQueue: submitted comments waiting for a moderator, kept in a local SQLite file.

"Comments are approved by a moderator and will not appear in real time." Until then this
file is the only copy of what someone wrote, so every write is a committed `BEGIN
IMMEDIATE` transaction with `synchronous=FULL`, rows are never deleted (withdrawing only
changes the status), and a retried submission with the same id cannot be stored twice.

Each operation opens its own connection, so one `PendingQueue` can be shared by the UI
thread, thread workers and other processes alike. Drafts (comments still being written)
live in the same file; see `draft_store.py`.
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from newsreader.comments.comment_rules import CommentDraft, stored_article_id
from newsreader.comments.draft_store import (
    LAST_WRITTEN_FIRST,
    DraftKind,
    DraftOwner,
    SavedDraft,
    claim_draft,
    delete_draft,
    free_draft_ids,
    release_claim,
    renew_claim,
    upsert_draft,
)
from newsreader.comments.pending_comment import (
    InvalidComment,
    PendingComment,
    canonical_id,
    id_prefix,
    same_text,
)
from newsreader.comments.queue_errors import (
    CommentIdTaken,
    CommentNotPending,
    CommentWithdrawn,
    DraftClaimed,
    EditConflict,
    QueuePermissionDenied,
    storage_error_type,
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
from newsreader.comments.stored_items import (
    COMMENT_COLUMNS,
    PageKey,
    StoredComment,
    StoredDraft,
    comment_rows,
    draft_rows,
    drafts_saved_last_first,
    stored_comment,
)
from newsreader.comments.stored_rows import RowDamage
from newsreader.comments.times import utc_timestamp

__all__ = [
    "MIGRATIONS",
    "QUEUE_FILE_NAME",
    "SCHEMA_VERSION",
    "CommentIdTaken",
    "CommentNotPending",
    "CommentWithdrawn",
    "DraftClaimed",
    "DraftOwner",
    "EditConflict",
    "InvalidComment",
    "PendingComment",
    "PendingQueue",
    "QueueError",
    "RowDamage",
    "SavedDraft",
    "StoredComment",
    "StoredDraft",
    "canonical_id",
    "id_prefix",
]

PENDING = "pending"
WITHDRAWN = "withdrawn"


# Comments no site has taken yet (no delivery attempt, or one that will be retried).
_UNSENT_COUNT = """SELECT count(*) FROM comments AS c LEFT JOIN deliveries AS d
    ON d.comment_id = c.id WHERE c.status = ? AND coalesce(d.state, 'pending') = 'pending'"""


def delivery_state(connection: sqlite3.Connection, comment_id: str) -> str | None:
    """The outbox's state for a comment (see delivery/), None when it was never tried."""
    row = connection.execute(
        "SELECT state FROM deliveries WHERE comment_id = ?", (comment_id,)
    ).fetchone()
    return None if row is None else str(row[0])


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
            yield from comment_rows(connection)
            yield from draft_rows(connection)

    @contextmanager
    def _connect(self, action: str = "use the pending queue") -> Iterator[sqlite3.Connection]:
        """A connection for one operation; storage failures become typed QueueErrors
        (QueueFull, QueueLocked, …) whose message names the `action`."""
        try:
            with connect(self.path, self.busy_timeout_ms) as connection:
                yield connection
        except (sqlite3.Error, OSError) as error:
            reason = explain(error, self.path, self.busy_timeout_ms)
            error_type = storage_error_type(error, disk_full=reason.startswith("the disk is full"))
            if reason.startswith("permission denied"):
                error_type = QueuePermissionDenied  # SQLite says "unable to open" for these
            raise error_type(f"Could not {action}: {reason}.") from error

    @contextmanager
    def _writing(self, action: str) -> Iterator[sqlite3.Connection]:
        """A connection inside one committed BEGIN IMMEDIATE transaction."""
        with self._connect(action) as connection, write_transaction(connection):
            yield connection

    def add(
        self,
        draft: CommentDraft,
        *,
        comment_id: str | None = None,
        now: datetime | None = None,
        owner: DraftOwner | None = None,
        article_url: str = "",
    ) -> PendingComment:
        """Queue the draft; returns once the comment is committed to disk.

        `article_url` is where the comment will be delivered (the article's own url), kept
        now so that delivery still works after the article file is moved or deleted.

        `article_url` is where the comment will be delivered (the article's own url), kept
        now so that delivery still works after the article file is moved or deleted.

        Pass the same `comment_id` when retrying after an error: if the first attempt did
        reach the disk with the same text, the stored comment is returned instead of a
        second copy. An id that already holds different text raises CommentIdTaken, one
        that was withdrawn CommentWithdrawn; nothing is changed then. A draft saved under
        that id is removed in the same transaction; with an `owner`, a draft another live
        form claims raises DraftClaimed instead.
        Raises InvalidComment, QueueError, or ValueError for an id that is not a UUID.
        """
        problems = draft.problems()
        if problems:
            raise InvalidComment(problems)
        draft = draft.as_sent()
        # The id exists before the write so a retry can name the same submission.
        comment_id = str(uuid.uuid4()) if comment_id is None else canonical_id(comment_id)
        created = utc_timestamp(now)
        with self._writing("save the comment") as connection:
            stored = stored_comment(connection, comment_id)
            if stored is None:
                if owner is not None:
                    claim_draft(connection, comment_id, owner, now=time.time())
                connection.execute(
                    f"INSERT INTO comments ({COMMENT_COLUMNS}, article_url) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
                    (
                        comment_id,
                        stored_article_id(draft.article_id),
                        draft.article_title,
                        draft.name,
                        draft.email,
                        draft.body,
                        created,
                        PENDING,
                        article_url,
                    ),
                )
                delete_draft(connection, comment_id)
                stored = stored_comment(connection, comment_id)
                assert stored is not None
        if stored.status == WITHDRAWN:
            raise CommentWithdrawn(comment_id)
        if not same_text(stored, draft):
            raise CommentIdTaken(comment_id)
        return stored

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
        with self._connect("read the pending queue") as connection:
            yield from comment_rows(
                connection, where, parameters, order="created, rowid", limit=limit
            )
            if limit is None:
                # A status stored as a BLOB (or a number) matches no status: said, not lost.
                yield from comment_rows(connection, "typeof(status) <> 'text'")

    def pending(self) -> list[PendingComment]:
        """Comments still waiting, oldest first (damaged ones salvaged; see read_pending)."""
        return [row.comment for row in self.read_pending()]

    def last_signature(self) -> tuple[str, str] | None:
        """The name and email of the comment written last, whatever became of it."""
        with self._connect("read the pending queue") as connection:
            rows = list(comment_rows(connection, order="rowid DESC", limit=1))
        return (rows[0].comment.name, rows[0].comment.email) if rows else None

    def get(self, comment_id: str) -> PendingComment | None:
        """The comment with this id whatever its status (see `.status`), or None."""
        with self._connect("read the pending queue") as connection:
            return stored_comment(connection, comment_id)

    def count(self, *, unsent: bool = False) -> int:
        """Comments in the queue (not withdrawn); `unsent`: only those not yet delivered."""
        query = _UNSENT_COUNT if unsent else "SELECT count(*) FROM comments WHERE status = ?"
        with self._connect("read the pending queue") as connection:
            (count,) = connection.execute(query, (PENDING,)).fetchone()
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
                "UPDATE comments SET status = ?, updated = ?, version = version + 1 "
                "WHERE id = ? AND status = ?",
                (WITHDRAWN, utc_timestamp(), comment_id, PENDING),
            )
            if cursor.rowcount == 1:
                delete_draft(connection, comment_id)
        return cursor.rowcount == 1

    def update(
        self, comment_id: str, draft: CommentDraft, *, expected_version: int | None = None
    ) -> PendingComment:
        """Replace the name, email and body of a pending comment with the draft's.

        The article is not changed: a comment stays with the piece it answered.
        `expected_version` is the version the form read: when the stored comment has moved
        on (another window saved), nothing is overwritten; the text is kept as a new draft
        on the same article and EditConflict names it.
        Raises InvalidComment, CommentWithdrawn, CommentNotPending (never queued, or past
        pending), or EditConflict.
        """
        problems = draft.problems()
        if problems:
            raise InvalidComment(problems)
        draft = draft.as_sent()
        with self._writing("save your changes") as connection:
            stored = stored_comment(connection, comment_id)
            delivered = delivery_state(connection, comment_id)
            if delivered not in (None, "pending", "returned"):
                raise CommentNotPending(
                    f"comment {comment_id} is {delivered}: the site has it or may have it, "
                    "so it can no longer be changed here"
                )
            if stored is None or stored.status != PENDING:
                pass  # raised below, after the (empty) transaction ends
            elif expected_version is not None and stored.version != expected_version:
                kept_as = str(uuid.uuid4())
                upsert_draft(
                    connection,
                    kept_as,
                    "new",
                    CommentDraft(
                        stored.article_id,
                        stored.article_title,
                        draft.name,
                        draft.email,
                        draft.body,
                    ),
                    utc_timestamp(),
                )
                # This window's own autosave of the same text would be a second copy.
                connection.execute(
                    "DELETE FROM drafts WHERE comment_id = ? AND kind = 'edit' "
                    "AND name IS ? AND body IS ?",
                    (comment_id, draft.name, draft.body),
                )
            else:
                connection.execute(
                    "UPDATE comments SET name = ?, email = ?, body = ?, updated = ?, "
                    "version = version + 1 WHERE id = ?",
                    (draft.name, draft.email, draft.body, utc_timestamp(), comment_id),
                )
                delete_draft(connection, comment_id)
                # A comment the server returned goes out again once it has been changed.
                connection.execute(
                    "UPDATE deliveries SET state = 'pending', next_attempt = NULL "
                    "WHERE comment_id = ? AND state = 'returned'",
                    (comment_id,),
                )
                kept_as = ""
                stored = stored_comment(connection, comment_id)
        if stored is None:
            raise CommentNotPending(f"comment {comment_id} is not in the queue")
        if stored.status == WITHDRAWN:
            raise CommentWithdrawn(comment_id)
        if stored.status != PENDING:
            raise CommentNotPending(f"comment {comment_id} is no longer pending")
        if kept_as:
            raise EditConflict(comment_id, kept_as)
        return stored

    # --- drafts ----------------------------------------------------------------------------

    def save_draft(
        self,
        comment_id: str,
        draft: CommentDraft,
        *,
        kind: DraftKind = "new",
        now: datetime | None = None,
        owner: DraftOwner | None = None,
        release: bool = False,
    ) -> bool:
        """Keep what the form holds under `comment_id`; no validation, text as typed.

        Returns False (and writes nothing) when the comment was sent meanwhile, or, for an
        edit, when it is no longer pending or the draft says what is already stored.
        With an `owner` the draft is claimed for that form (and let go when `release`);
        DraftClaimed when another live form holds it.
        """
        try:
            with self._writing("save the draft") as connection:
                return upsert_draft(
                    connection,
                    comment_id,
                    kind,
                    draft,
                    utc_timestamp(now),
                    owner=owner,
                    release=release,
                )
        except UnicodeEncodeError as error:
            # Lone surrogates (from undecodable input) have no UTF-8 form to store.
            raise QueueError(
                f"Could not save the draft: it holds a character that cannot be stored "
                f"(U+{ord(error.object[error.start]):04X})."
            ) from error

    def claim_draft(
        self, comment_id: str, owner: DraftOwner, *, now: float | None = None
    ) -> SavedDraft | None:
        """Claim the draft for the form `owner`; None when there is no such draft.

        Raises DraftClaimed when a live form holds it; a stale claim (its process gone,
        or no heartbeat for STALE_CLAIM_SECONDS) is taken over.
        """
        seconds = time.time() if now is None else now
        with self._writing("open the draft") as connection:
            if not claim_draft(connection, comment_id, owner, now=seconds):
                return None
            found = drafts_saved_last_first(connection, "comment_id = ?", (comment_id,))
        return found[0] if found else None

    def renew_claim(self, comment_id: str, owner: DraftOwner) -> bool:
        """The form is still open: refresh its claim. False when it holds no claim there."""
        with self._writing("keep the draft open") as connection:
            return renew_claim(connection, comment_id, owner, now=time.time())

    def release_draft(self, comment_id: str, owner: DraftOwner) -> bool:
        """The form closed: let another form take the draft. False when it held none."""
        with self._writing("close the draft") as connection:
            return release_claim(connection, comment_id, owner)

    def discard_draft(self, comment_id: str) -> bool:
        """Remove the draft kept under `comment_id`; False when there was none."""
        with self._writing("discard the draft") as connection:
            return delete_draft(connection, comment_id)

    def read_drafts(
        self, where: str = "1", parameters: tuple[str, ...] = ()
    ) -> Iterator[StoredDraft]:
        """Drafts matching `where`, most recently saved first, one row at a time."""
        with self._connect("read the drafts") as connection:
            yield from draft_rows(connection, where, parameters, order=LAST_WRITTEN_FIRST)

    def drafts(self) -> list[SavedDraft]:
        """Every draft, most recently saved first (damaged ones salvaged)."""
        return [row.draft for row in self.read_drafts()]

    def draft(self, comment_id: str) -> SavedDraft | None:
        """The draft kept under `comment_id` (a new comment's or an edit's), or None."""
        found = next(self.read_drafts("comment_id = ?", (comment_id,)), None)
        return None if found is None else found.draft

    def newest_draft_for(
        self, article_id: str, *, claim_for: DraftOwner | None = None, now: float | None = None
    ) -> SavedDraft | None:
        """The new-comment draft on this article saved last, or None.

        With `claim_for`, the newest one no other live form holds, claimed for that form
        in the same transaction: a second form on the article gets None (and so a draft of
        its own) rather than the one already open.
        """
        where, parameters = "article_id = ? AND kind = 'new'", (stored_article_id(article_id),)
        if claim_for is None:
            with self._connect("read the drafts") as connection:
                found = drafts_saved_last_first(connection, where, parameters)
            return found[0] if found else None
        seconds = time.time() if now is None else now
        with self._writing("open the draft") as connection:
            for comment_id in free_draft_ids(connection, where, parameters, now=seconds):
                claim_draft(connection, comment_id, claim_for, now=seconds)
                found = drafts_saved_last_first(connection, "comment_id = ?", (comment_id,))
                return found[0] if found else None
        return None
