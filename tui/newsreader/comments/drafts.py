"""Drafts: what is in an open comment form, saved about once a second so a crash loses little.

A draft is keyed by the id its comment will have (kind "new") or already has (kind "edit",
changes to a pending comment not yet saved). Using that id as the key is what makes the
moves between drafts and comments safe:

- submitting inserts the comment and deletes its draft in one transaction;
- a draft save that arrives after the submit (a late autosave) finds the comment already
  there and writes nothing, so a sent comment never comes back as a draft.

Drafts are stored as typed, without validation: rules are checked when the comment is sent.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Literal

from newsreader.comments.draft import CommentDraft, stored_article_id
from newsreader.comments.times import readable_minute

DraftKind = Literal["new", "edit"]

DRAFT_COLUMNS = "comment_id, kind, article_id, article_title, name, email, body, created, updated"


@dataclass(frozen=True)
class SavedDraft:
    """A draft as stored: the form's fields, and when it was first and last saved."""

    comment_id: str
    kind: DraftKind
    article_id: str
    article_title: str
    name: str
    email: str
    body: str
    created: str
    updated: str

    @property
    def is_edit(self) -> bool:
        """True when these are unsaved changes to a comment already in the queue."""
        return self.kind == "edit"

    @property
    def first_line(self) -> str:
        """The first line with any text on it, for one-row listings."""
        return next((line.strip() for line in self.body.splitlines() if line.strip()), "")

    @property
    def updated_minute(self) -> str:
        return readable_minute(self.updated)

    def as_comment_draft(self) -> CommentDraft:
        return CommentDraft(self.article_id, self.article_title, self.name, self.email, self.body)

    def as_json_dict(self) -> dict[str, str]:
        """The same fields as a queued comment's export, with status "draft" or "edit-draft"."""
        return {
            "id": self.comment_id,
            "article_id": self.article_id,
            "article_title": self.article_title,
            "name": self.name,
            "email": self.email,
            "body": self.body,
            "created": self.updated,
            "status": "edit-draft" if self.is_edit else "draft",
        }


def row_to_draft(row: tuple[str, ...]) -> SavedDraft:
    comment_id, kind, *fields = row
    return SavedDraft(comment_id, "edit" if kind == "edit" else "new", *fields)


# The guards below run inside the write transaction, so they see the comment table as it
# is at the moment of writing, not as it was when the form took its snapshot.
_NEW_DRAFT_ALLOWED = "NOT EXISTS (SELECT 1 FROM comments WHERE id = :comment_id)"
# An edit draft only makes sense while the comment is pending and differs from what is
# stored; the second part keeps a late autosave from reviving a draft just saved as an edit.
_EDIT_DRAFT_ALLOWED = (
    "EXISTS (SELECT 1 FROM comments WHERE id = :comment_id AND status = 'pending' "
    "AND (name IS NOT :name OR email IS NOT :email OR body IS NOT :body))"
)


def upsert_draft(
    connection: sqlite3.Connection,
    comment_id: str,
    kind: DraftKind,
    draft: CommentDraft,
    now: str,
) -> bool:
    """Insert or refresh the draft; False when its comment makes a draft pointless."""
    allowed = _EDIT_DRAFT_ALLOWED if kind == "edit" else _NEW_DRAFT_ALLOWED
    cursor = connection.execute(
        f"INSERT INTO drafts ({DRAFT_COLUMNS}) "
        "SELECT :comment_id, :kind, :article_id, :article_title, :name, :email, :body, "
        f":now, :now WHERE {allowed} "
        "ON CONFLICT (comment_id) DO UPDATE SET name = excluded.name, "
        "email = excluded.email, body = excluded.body, updated = excluded.updated",
        {
            "comment_id": comment_id,
            "kind": kind,
            "article_id": stored_article_id(draft.article_id),
            "article_title": draft.article_title,
            "name": draft.name,
            "email": draft.email,
            "body": draft.body,
            "now": now,
        },
    )
    return cursor.rowcount == 1


def delete_draft(connection: sqlite3.Connection, comment_id: str) -> bool:
    cursor = connection.execute("DELETE FROM drafts WHERE comment_id = ?", (comment_id,))
    return cursor.rowcount == 1


def select_drafts(
    connection: sqlite3.Connection, where: str = "1", parameters: tuple[str, ...] = ()
) -> list[SavedDraft]:
    """Drafts matching `where`, most recently saved first."""
    rows = connection.execute(
        f"SELECT {DRAFT_COLUMNS} FROM drafts WHERE {where} ORDER BY updated DESC, rowid DESC",
        parameters,
    ).fetchall()
    return [row_to_draft(row) for row in rows]
