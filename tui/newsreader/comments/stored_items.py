"""Comments and drafts as the queue file holds them, read row by row (see stored_rows).

Every read of a comment or a draft goes through here, inside a write transaction as well
as in a listing, so a damaged cell is salvaged and named the same way everywhere.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from newsreader.comments.draft_store import (
    DRAFT_COLUMNS,
    LAST_WRITTEN_FIRST,
    SavedDraft,
    row_to_draft,
)
from newsreader.comments.pending_comment import PendingComment, row_to_comment
from newsreader.comments.stored_rows import DecodedRow, RowDamage, read_rows, select_columns

# Text columns are read (and salvaged) one by one; `version`, a number, comes after them.
_TEXT_COLUMNS = "id, article_id, article_title, name, email, body, created, status"
COMMENT_COLUMNS = f"{_TEXT_COLUMNS}, version"
_COLUMN_NAMES = tuple(_TEXT_COLUMNS.split(", "))
_SELECT = select_columns(_COLUMN_NAMES, ("version",))
_DRAFT_COLUMN_NAMES = tuple(DRAFT_COLUMNS.split(", "))
_DRAFT_SELECT = select_columns(_DRAFT_COLUMN_NAMES)
# Where the next page starts: (created, rowid) of the last row read.
PageKey = tuple[str, int]


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
    version = row.numbers[0] if row.numbers else 1
    comment = row_to_comment((*row.values, version if isinstance(version, int) else 1))
    damage = RowDamage("comments", row.rowid, comment.id, row.problems) if row.problems else None
    return StoredComment(comment, damage, (comment.created, row.rowid))


def _stored_draft(row: DecodedRow) -> StoredDraft:
    draft = row_to_draft(row.values)
    damage = (
        RowDamage("drafts", row.rowid, draft.comment_id, row.problems) if row.problems else None
    )
    return StoredDraft(draft, damage)


def comment_rows(
    connection: sqlite3.Connection,
    where: str = "1",
    parameters: Sequence[object] = (),
    *,
    order: str = "rowid",
    limit: int | None = None,
) -> Iterator[StoredComment]:
    """Comments matching `where`, in `order`, streamed one row at a time."""
    sql = f"SELECT {_SELECT} FROM comments WHERE {where} ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    for row in read_rows(connection, "comments", _COLUMN_NAMES, sql, parameters):
        yield _stored_comment(row)


def stored_comment(connection: sqlite3.Connection, comment_id: str) -> PendingComment | None:
    """The comment with this id whatever its status, or None."""
    # Read to the end (ids are unique): the reader's text_factory is restored when it ends.
    found = list(comment_rows(connection, "id = ?", (comment_id,)))
    return found[0].comment if found else None


def draft_rows(
    connection: sqlite3.Connection,
    where: str = "1",
    parameters: Sequence[object] = (),
    *,
    order: str = "rowid",
) -> Iterator[StoredDraft]:
    """Drafts matching `where`, in `order`, streamed one row at a time."""
    sql = f"SELECT {_DRAFT_SELECT} FROM drafts WHERE {where} ORDER BY {order}"
    for row in read_rows(connection, "drafts", _DRAFT_COLUMN_NAMES, sql, parameters):
        yield _stored_draft(row)


def drafts_saved_last_first(
    connection: sqlite3.Connection, where: str, parameters: Sequence[object]
) -> list[SavedDraft]:
    """Drafts matching `where`, the one saved last first (damaged ones salvaged)."""
    rows = draft_rows(connection, where, parameters, order=LAST_WRITTEN_FIRST)
    return [row.draft for row in rows]
