"""Drafts: what is in an open comment form, saved about once a second so a crash loses little.

A draft is keyed by the id its comment will have (kind "new") or already has (kind "edit",
changes to a pending comment not yet saved). Using that id as the key is what makes the
moves between drafts and comments safe:

- submitting inserts the comment and deletes its draft in one transaction;
- a draft save that arrives after the submit (a late autosave) finds the comment already
  there and writes nothing, so a sent comment never comes back as a draft.

Drafts are stored as typed, without validation: rules are checked when the comment is sent.

A form that holds a draft *claims* it (a `DraftOwner`: a token of its own and its pid, with a
heartbeat it renews), so two forms never write under one id. A claim whose process is gone,
or whose heartbeat is older than `STALE_CLAIM_SECONDS`, may be taken over.
"""

from __future__ import annotations

import os
import sqlite3
import time
import uuid
from dataclasses import dataclass
from typing import Literal

from newsreader.comments.comment_rules import CommentDraft, stored_article_id
from newsreader.comments.queue_errors import DraftClaimed
from newsreader.comments.times import readable_minute

# A form renews its claim well within this; one silent for longer is taken to be gone (a
# hung process, or one on another machine sharing the data dir, whose pid means nothing).
STALE_CLAIM_SECONDS = 60.0
HEARTBEAT_SECONDS = 15.0

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


@dataclass(frozen=True)
class DraftOwner:
    """One open comment form, as a claim on a draft names it."""

    token: str
    pid: int

    @classmethod
    def new(cls) -> DraftOwner:
        return cls(str(uuid.uuid4()), os.getpid())


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    except OSError:
        return True  # cannot tell: assume alive, the heartbeat decides
    return True


def claim_is_live(
    owner: str | None, pid: int | None, heartbeat: float | None, *, now: float
) -> bool:
    """True while the form that claimed a draft may still be writing to it."""
    if owner is None:
        return False
    if heartbeat is None or now - heartbeat > STALE_CLAIM_SECONDS:
        return False
    return pid is None or _process_exists(pid)


def _refuse_if_claimed(
    connection: sqlite3.Connection, comment_id: str, owner: DraftOwner, now: float
) -> None:
    row = connection.execute(
        "SELECT owner, owner_pid, heartbeat FROM drafts WHERE comment_id = ?", (comment_id,)
    ).fetchone()
    if row is None:
        return
    held_by, pid, heartbeat = row
    if held_by != owner.token and claim_is_live(held_by, pid, heartbeat, now=now):
        raise DraftClaimed(comment_id, pid)


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
    *,
    owner: DraftOwner | None = None,
    release: bool = False,
) -> bool:
    """Insert or refresh the draft; False when its comment makes a draft pointless.

    With an `owner`, the draft is claimed for it (released again when `release`), and a
    draft another live form claimed raises DraftClaimed, writing nothing. Without one, the
    claim is left as it is.
    """
    allowed = _EDIT_DRAFT_ALLOWED if kind == "edit" else _NEW_DRAFT_ALLOWED
    seconds = time.time()
    if owner is not None:
        _refuse_if_claimed(connection, comment_id, owner, seconds)
    claim = ""
    if owner is not None:
        claim = (
            ", owner = excluded.owner, owner_pid = excluded.owner_pid, "
            "heartbeat = excluded.heartbeat"
        )
    claimed_by = owner if owner is not None and not release else None
    (written,) = connection.execute("SELECT coalesce(max(written), 0) + 1 FROM drafts").fetchone()
    cursor = connection.execute(
        f"INSERT INTO drafts ({DRAFT_COLUMNS}, owner, owner_pid, heartbeat, written) "
        "SELECT :comment_id, :kind, :article_id, :article_title, :name, :email, :body, "
        f":now, :now, :owner, :owner_pid, :heartbeat, :written WHERE {allowed} "
        "ON CONFLICT (comment_id) DO UPDATE SET name = excluded.name, "
        "email = excluded.email, body = excluded.body, updated = excluded.updated, "
        f"written = excluded.written{claim}",
        {
            "owner": None if claimed_by is None else claimed_by.token,
            "owner_pid": None if claimed_by is None else claimed_by.pid,
            "heartbeat": None if claimed_by is None else seconds,
            "written": written,
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


def claim_draft(
    connection: sqlite3.Connection, comment_id: str, owner: DraftOwner, *, now: float
) -> bool:
    """Claim the draft for `owner`; False when there is no such draft, DraftClaimed when a
    live form holds it."""
    _refuse_if_claimed(connection, comment_id, owner, now)
    cursor = connection.execute(
        "UPDATE drafts SET owner = ?, owner_pid = ?, heartbeat = ? WHERE comment_id = ?",
        (owner.token, owner.pid, now, comment_id),
    )
    return cursor.rowcount == 1


def renew_claim(
    connection: sqlite3.Connection, comment_id: str, owner: DraftOwner, *, now: float
) -> bool:
    """Refresh the heartbeat of `owner`'s claim; False when it no longer holds the draft."""
    cursor = connection.execute(
        "UPDATE drafts SET heartbeat = ? WHERE comment_id = ? AND owner = ?",
        (now, comment_id, owner.token),
    )
    return cursor.rowcount == 1


def release_claim(connection: sqlite3.Connection, comment_id: str, owner: DraftOwner) -> bool:
    cursor = connection.execute(
        "UPDATE drafts SET owner = NULL, owner_pid = NULL, heartbeat = NULL "
        "WHERE comment_id = ? AND owner = ?",
        (comment_id, owner.token),
    )
    return cursor.rowcount == 1


def free_draft_ids(
    connection: sqlite3.Connection, where: str, parameters: tuple[str, ...], *, now: float
) -> list[str]:
    """Ids of drafts matching `where` that no live form claims, last written first."""
    rows = connection.execute(
        f"SELECT comment_id, owner, owner_pid, heartbeat FROM drafts WHERE {where} "
        f"ORDER BY {LAST_WRITTEN_FIRST}",
        parameters,
    ).fetchall()
    return [
        comment_id
        for comment_id, owner, pid, heartbeat in rows
        if not claim_is_live(owner, pid, heartbeat, now=now)
    ]


# `written` is a counter: the draft saved last comes first even when the clock went back.
LAST_WRITTEN_FIRST = "written DESC, updated DESC, rowid DESC"


def delete_draft(connection: sqlite3.Connection, comment_id: str) -> bool:
    cursor = connection.execute("DELETE FROM drafts WHERE comment_id = ?", (comment_id,))
    return cursor.rowcount == 1
