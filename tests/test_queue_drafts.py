"""Drafts in the queue file: the v1 → v2 migration, saving as typed, and the hand-over
between a draft and the comment it becomes."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.comments import store
from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue, QueueError

COMMENT_ID = "6f1c1a4e-3b3f-4f55-9a52-1b2d3c4e5f60"
AS_TYPED = "  leading spaces, ESC \x1b[31m kept in a draft, RTL שלום, emoji 🙂\r\n\ttab"


def typed(body: str = "half a thought", article_id: str = "harbour-wall") -> CommentDraft:
    return CommentDraft(article_id, "Harbour wall repairs finish early", "Ana", "", body)


def write_first_version_file(data_dir: Path) -> Path:
    """A queue file as the first release left it: schema 1, one comment, no drafts table."""
    data_dir.mkdir(mode=0o700)
    path = data_dir / store.QUEUE_FILE_NAME
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        store.MIGRATIONS[1](connection)
        connection.execute(
            "INSERT INTO comments (id, article_id, article_title, name, email, body, created)"
            " VALUES (?, 'a', 'T', 'Old', '', 'written by version 1', '2026-01-01T00:00:00Z')",
            (COMMENT_ID,),
        )
        connection.execute("PRAGMA user_version = 1")
    return path


def test_a_first_version_file_is_migrated_and_keeps_its_comments(data_dir: Path) -> None:
    path = write_first_version_file(data_dir)
    queue = PendingQueue.open(data_dir)
    assert queue.quarantined_to is None
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (store.SCHEMA_VERSION,)
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert {"comments", "drafts", "deliveries"} <= tables
    [old] = queue.pending()
    assert (old.id, old.body) == (COMMENT_ID, "written by version 1")
    assert queue.save_draft("0b1f2c3d-0000-4000-8000-000000000000", typed()) is True
    assert len(queue.drafts()) == 1


def test_a_draft_keeps_exactly_what_was_typed(queue: PendingQueue) -> None:
    # A draft is not checked: control characters are refused when it is sent, not lost now.
    assert queue.save_draft(COMMENT_ID, typed(AS_TYPED)) is True
    saved = queue.draft(COMMENT_ID)
    assert saved is not None
    assert (saved.body, saved.kind, saved.is_edit) == (AS_TYPED, "new", False)
    assert saved.as_comment_draft() == typed(AS_TYPED)


def test_saving_again_refreshes_one_draft_and_keeps_its_start(queue: PendingQueue) -> None:
    start = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
    queue.save_draft(COMMENT_ID, typed("first"), now=start)
    queue.save_draft(COMMENT_ID, typed("first words, more"), now=start + timedelta(seconds=1))
    [saved] = queue.drafts()
    assert saved.body == "first words, more"
    assert saved.created == "2026-11-30T07:00:00.000000Z"
    assert saved.updated == "2026-11-30T07:00:01.000000Z"
    assert saved.updated_minute == "2026-11-30 07:00 UTC"


def test_newest_draft_for_an_article_ignores_other_articles_and_edits(
    queue: PendingQueue,
) -> None:
    start = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
    older = "00000000-0000-4000-8000-00000000000a"
    newer = "00000000-0000-4000-8000-00000000000b"
    elsewhere = "00000000-0000-4000-8000-00000000000c"
    queue.save_draft(older, typed("older"), now=start)
    queue.save_draft(newer, typed("newer"), now=start + timedelta(minutes=1))
    queue.save_draft(elsewhere, typed("other", "tide-clocks"), now=start + timedelta(minutes=2))
    pending = queue.add(typed("sent"))
    queue.save_draft(pending.id, typed("edited"), kind="edit", now=start + timedelta(minutes=3))
    newest = queue.newest_draft_for("harbour-wall")
    assert newest is not None and newest.body == "newer"
    assert queue.newest_draft_for("nothing-here") is None
    assert [d.body for d in queue.drafts()] == ["edited", "other", "newer", "older"]


def test_sending_moves_the_draft_into_the_queue(queue: PendingQueue) -> None:
    queue.save_draft(COMMENT_ID, typed("ready to send"))
    sent = queue.add(typed("ready to send"), comment_id=COMMENT_ID)
    assert queue.drafts() == []
    assert queue.pending() == [sent]


def test_a_late_autosave_cannot_bring_a_sent_comment_back_as_a_draft(
    queue: PendingQueue,
) -> None:
    queue.add(typed("sent"), comment_id=COMMENT_ID)
    assert queue.save_draft(COMMENT_ID, typed("sent")) is False
    assert queue.drafts() == []


def test_edit_drafts_live_only_while_they_differ_from_a_pending_comment(
    queue: PendingQueue,
) -> None:
    comment = queue.add(typed("original"))
    assert queue.save_draft(comment.id, typed("original"), kind="edit") is False
    assert queue.save_draft(comment.id, typed("changed"), kind="edit") is True
    saved = queue.draft(comment.id)
    assert saved is not None and saved.is_edit and saved.body == "changed"
    queue.update(comment.id, typed("changed"))
    assert queue.draft(comment.id) is None
    # The autosave that was on its way when the edit was saved writes nothing.
    assert queue.save_draft(comment.id, typed("changed"), kind="edit") is False
    assert queue.save_draft(comment.id, typed("changed again"), kind="edit") is True
    assert queue.withdraw(comment.id) is True
    assert queue.draft(comment.id) is None
    assert queue.save_draft(comment.id, typed("too late"), kind="edit") is False


def test_discarding_removes_only_that_draft(queue: PendingQueue) -> None:
    other = "00000000-0000-4000-8000-00000000000d"
    queue.save_draft(COMMENT_ID, typed("going"))
    queue.save_draft(other, typed("staying"))
    assert queue.discard_draft(COMMENT_ID) is True
    assert queue.discard_draft(COMMENT_ID) is False
    assert [d.body for d in queue.drafts()] == ["staying"]


def test_a_character_sqlite_cannot_store_is_a_clear_error(queue: PendingQueue) -> None:
    with pytest.raises(QueueError, match=r"cannot be stored \(U\+DCFF\)\.$"):
        queue.save_draft(COMMENT_ID, typed("bad \udcff byte"))
    assert queue.drafts() == []


def test_draft_export_uses_the_comment_fields(queue: PendingQueue) -> None:
    queue.save_draft(COMMENT_ID, typed("draft text"), now=datetime(2026, 11, 30, tzinfo=UTC))
    [saved] = queue.drafts()
    assert saved.as_json_dict() == {
        "id": COMMENT_ID,
        "article_id": "harbour-wall",
        "article_title": "Harbour wall repairs finish early",
        "name": "Ana",
        "email": "",
        "body": "draft text",
        "created": "2026-11-30T00:00:00.000000Z",
        "status": "draft",
    }
