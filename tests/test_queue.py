"""The pending queue: its file, what goes in and out, damaged files set aside."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import stat
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsreader.comments import store
from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import (
    CommentNotPending,
    CommentWithdrawn,
    InvalidComment,
    PendingComment,
    PendingQueue,
    QueueError,
)
from queue_helpers import (
    CORRUPT_NAME,
    EXOTIC_BODY,
    draft,
    plain_sqlite,
    raw_rows,
)

# --- the file and its settings ----------------------------------------------------------


def test_open_creates_private_dir_and_file(data_dir: Path, queue: PendingQueue) -> None:
    assert queue.path == data_dir / "queue.sqlite3"
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(queue.path.stat().st_mode) == 0o600
    assert queue.quarantined_to is None


def test_wal_and_shm_side_files_are_private_too(queue: PendingQueue) -> None:
    queue.add(draft())
    with queue._connect() as connection:
        connection.execute("SELECT count(*) FROM comments").fetchone()
        for suffix in ("-wal", "-shm"):
            side = Path(f"{queue.path}{suffix}")
            assert stat.S_IMODE(side.stat().st_mode) == 0o600, suffix


def test_wal_synchronous_full_and_schema_version(queue: PendingQueue) -> None:
    # journal_mode=WAL is stored in the file, so a stranger's connection sees it...
    with plain_sqlite(queue.path) as outsider:
        assert outsider.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert outsider.execute("PRAGMA user_version").fetchone() == (store.SCHEMA_VERSION,)
        indexes = outsider.execute("PRAGMA index_list(comments)").fetchall()
        assert any(row[1] == "comments_by_status" for row in indexes)
    # ...synchronous is per connection, so it must be the queue's own connections that set it.
    with queue._connect() as connection:
        assert connection.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
        assert connection.execute("PRAGMA busy_timeout").fetchone() == (5000,)


def test_reopening_keeps_everything_and_quarantines_nothing(data_dir: Path) -> None:
    first = PendingQueue.open(data_dir).add(draft(EXOTIC_BODY))
    again = PendingQueue.open(data_dir)
    assert again.quarantined_to is None
    assert again.pending() == [first]
    assert sorted(p.name for p in data_dir.iterdir()) == ["queue.sqlite3"]


def test_later_versions_can_add_migration_steps(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = PendingQueue.open(data_dir).add(draft())

    def add_moderator_note(connection: sqlite3.Connection) -> None:
        connection.execute("ALTER TABLE comments ADD COLUMN moderator_note TEXT")

    next_version = store.SCHEMA_VERSION + 1
    monkeypatch.setitem(store.MIGRATIONS, next_version, add_moderator_note)
    upgraded = PendingQueue.open(data_dir)
    with plain_sqlite(upgraded.path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (next_version,)
        columns = [row[1] for row in connection.execute("PRAGMA table_info(comments)")]
    assert "moderator_note" in columns
    assert upgraded.get(kept.id) == kept


def test_a_queue_from_a_newer_version_is_refused_not_touched(data_dir: Path) -> None:
    path = PendingQueue.open(data_dir).path
    with plain_sqlite(path) as connection:
        connection.execute("PRAGMA user_version = 97")
    before = path.read_bytes()
    with pytest.raises(QueueError, match=r"written by a newer newsreader \(format 97"):
        PendingQueue.open(data_dir)
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["queue.sqlite3"]


# --- what goes in comes out ---------------------------------------------------------------


def test_round_trip_keeps_text_byte_exact(queue: PendingQueue) -> None:
    typed = draft(EXOTIC_BODY, name="  زينب 李", email="zainab@example.org")
    added = queue.add(typed)
    assert queue.pending() == [added]
    assert queue.get(added.id) == added
    assert (added.name, added.email, added.body) == (typed.name, typed.email, typed.body)
    # Compare the bytes SQLite holds, not just what Python hands back.
    with plain_sqlite(queue.path) as connection:
        (stored_hex,) = connection.execute(
            "SELECT hex(CAST(body AS BLOB)) FROM comments WHERE id = ?", (added.id,)
        ).fetchone()
    assert stored_hex == EXOTIC_BODY.encode("utf-8").hex().upper()


def test_export_dict_has_exactly_the_documented_fields(queue: PendingQueue) -> None:
    added = queue.add(draft("Body"), now=datetime(2026, 11, 30, 7, 15, tzinfo=UTC))
    exported = added.as_json_dict()
    assert list(exported) == [
        "id",
        "article_id",
        "article_title",
        "name",
        "email",
        "body",
        "created",
        "status",
    ]
    assert exported["created"] == "2026-11-30T07:15:00.000000Z"
    assert exported["status"] == "pending"
    assert json.loads(json.dumps(exported)) == exported


def test_created_is_utc_with_z_and_ids_are_uuid4(queue: PendingQueue) -> None:
    tokyo = timezone(timedelta(hours=9))
    added = queue.add(draft(), now=datetime(2026, 12, 1, 9, 0, 5, 250, tzinfo=tokyo))
    assert added.created == "2026-12-01T00:00:05.000250Z"
    assert datetime.fromisoformat(added.created).utcoffset() == timedelta(0)
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", added.id
    )
    with pytest.raises(ValueError, match="timezone-aware"):
        queue.add(draft(), now=datetime(2026, 12, 1))


def test_pending_is_oldest_first(queue: PendingQueue) -> None:
    base = datetime(2026, 11, 30, 12, tzinfo=UTC)
    later = queue.add(draft("later"), now=base + timedelta(minutes=5))
    earlier = queue.add(draft("earlier"), now=base)
    same_time = queue.add(draft("same time, added after"), now=base)
    assert [c.body for c in queue.pending()] == [earlier.body, same_time.body, later.body]


def test_retry_with_the_same_id_stores_one_copy(queue: PendingQueue) -> None:
    comment_id = "6f1c1a4e-3b3f-4f55-9a52-1b2d3c4e5f60"
    first = queue.add(draft("original"), comment_id=comment_id)
    retried = queue.add(draft("original"), comment_id=comment_id)
    assert retried == first
    assert queue.count() == 1
    assert len(raw_rows(queue.path)) == 1


def test_invalid_draft_is_refused_and_nothing_is_stored(queue: PendingQueue) -> None:
    with pytest.raises(InvalidComment) as raised:
        queue.add(draft("ok\x1b[31m", name=""))
    assert [p.field for p in raised.value.problems] == ["name", "body"]
    assert "Name is required." in str(raised.value)
    assert queue.count() == 0
    assert raw_rows(queue.path) == []


def test_first_line_skips_blank_lines_and_strips() -> None:
    comment = PendingComment("i", "a", "t", "n", "", "\n  \n   Hello there  \nmore", "c", "pending")
    assert comment.first_line == "Hello there"


# --- withdraw, count, update ----------------------------------------------------------------


def test_withdraw_keeps_the_row_and_leaves_the_pending_list(queue: PendingQueue) -> None:
    kept = queue.add(draft("stays"))
    gone = queue.add(draft("taken back"))
    assert queue.count() == 2
    assert queue.withdraw(gone.id) is True
    assert queue.count() == 1
    assert queue.pending() == [kept]
    withdrawn = queue.get(gone.id)
    assert withdrawn is not None and withdrawn.status == "withdrawn"
    assert withdrawn.body == "taken back"
    assert len(raw_rows(queue.path)) == 2  # never deleted
    assert queue.withdraw(gone.id) is False
    assert queue.withdraw("no-such-id") is False


def test_update_edits_name_email_and_body_only(queue: PendingQueue) -> None:
    added = queue.add(draft("first thoughts"))
    edited = CommentDraft("other-article", "Other", "Ada L.", "ada@example.org", "second thoughts")
    updated = queue.update(added.id, edited)
    assert (updated.name, updated.email, updated.body) == (
        "Ada L.",
        "ada@example.org",
        "second thoughts",
    )
    assert (updated.id, updated.created, updated.article_id) == (
        added.id,
        added.created,
        added.article_id,
    )
    assert queue.get(added.id) == updated
    with plain_sqlite(queue.path) as connection:
        (changed,) = connection.execute("SELECT updated FROM comments").fetchone()
    assert changed is not None and changed.endswith("Z")


def test_update_refuses_invalid_drafts_and_withdrawn_comments(queue: PendingQueue) -> None:
    added = queue.add(draft("original"))
    with pytest.raises(InvalidComment):
        queue.update(added.id, draft(""))
    assert queue.get(added.id) == added
    queue.withdraw(added.id)
    with pytest.raises(CommentWithdrawn, match="was withdrawn") as withdrawn:
        queue.update(added.id, draft("too late"))
    assert withdrawn.value.comment_id == added.id
    assert queue.get(added.id) == replace(added, status="withdrawn", version=2)
    with pytest.raises(CommentNotPending, match="not in the queue"):
        queue.update("no-such-id", draft("nothing"))


# --- damaged files are set aside, never lost ------------------------------------------------


def fill_queue(data_dir: Path, comments: int = 200) -> Path:
    queue = PendingQueue.open(data_dir)
    for number in range(comments):
        queue.add(draft(f"comment {number} " + "words " * 150))
    # The last connection to close checkpoints the WAL, so the file holds everything.
    assert not Path(f"{queue.path}-wal").exists()
    return queue.path


def sqlite_calls_it_damaged(path: Path) -> bool:
    """Ask SQLite directly (on a copy), so the test does not trust the code it tests."""
    copy = path.with_name("independent-check.sqlite3")
    shutil.copyfile(path, copy)
    try:
        with plain_sqlite(copy) as connection:
            return connection.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
    except sqlite3.DatabaseError:
        return True
    finally:
        copy.unlink()


def assert_set_aside_and_fresh(data_dir: Path, damaged: bytes) -> None:
    queue = PendingQueue.open(data_dir)
    assert queue.quarantined_to is not None
    assert queue.quarantined_to.parent == data_dir
    assert CORRUPT_NAME.match(queue.quarantined_to.name), queue.quarantined_to.name
    assert queue.quarantined_to.read_bytes() == damaged
    assert queue.count() == 0
    fresh = queue.add(draft("after the damage"))
    assert queue.pending() == [fresh]
    # Opening again finds a healthy queue and leaves the set-aside file alone.
    again = PendingQueue.open(data_dir)
    assert again.quarantined_to is None
    assert again.count() == 1
    assert queue.quarantined_to.read_bytes() == damaged


def test_truncated_queue_is_set_aside(data_dir: Path) -> None:
    path = fill_queue(data_dir)
    damaged = path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(damaged)
    assert sqlite_calls_it_damaged(path)
    assert_set_aside_and_fresh(data_dir, damaged)


def test_smashed_header_is_set_aside(data_dir: Path) -> None:
    path = fill_queue(data_dir, comments=20)
    damaged = b"\xff" * 16 + path.read_bytes()[16:]
    path.write_bytes(damaged)
    assert sqlite_calls_it_damaged(path)
    assert_set_aside_and_fresh(data_dir, damaged)


def test_random_bytes_are_set_aside_with_their_side_files(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    damaged = os.urandom(3 * 4096)
    wal, shm = os.urandom(5000), os.urandom(32768)
    (data_dir / "queue.sqlite3").write_bytes(damaged)
    (data_dir / "queue.sqlite3-wal").write_bytes(wal)
    (data_dir / "queue.sqlite3-shm").write_bytes(shm)
    queue = PendingQueue.open(data_dir)
    assert queue.quarantined_to is not None
    assert Path(f"{queue.quarantined_to}-wal").read_bytes() == wal
    # The -shm file is only an index SQLite rebuilds from the WAL on every read (the check
    # itself rewrites it), so it travels along but its bytes are not the user's.
    assert Path(f"{queue.quarantined_to}-shm").stat().st_size >= len(shm)
    assert_set_aside_and_fresh_after_open(queue, damaged)


def assert_set_aside_and_fresh_after_open(queue: PendingQueue, damaged: bytes) -> None:
    assert queue.quarantined_to is not None
    assert queue.quarantined_to.read_bytes() == damaged
    queue.add(draft())
    assert queue.count() == 1


def btree_page_offsets(data: bytes, page_type: int) -> list[int]:
    page_size = int.from_bytes(data[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    return [
        start
        for start in range(page_size * 2, len(data), page_size)  # skip page 1 (file header)
        if data[start] == page_type
    ]


def test_bit_flipped_btree_page_is_set_aside(data_dir: Path) -> None:
    path = fill_queue(data_dir)
    data = bytearray(path.read_bytes())
    table_leaves = btree_page_offsets(bytes(data), 0x0D)
    assert len(table_leaves) > 10, "the queue should span many pages"
    middle = table_leaves[len(table_leaves) // 2]
    data[middle] ^= 0xFF  # page type 0x0D becomes 0xF2, which is no b-tree page at all
    data[middle + 3] ^= 0x40  # and the cell count is off
    damaged = bytes(data)
    path.write_bytes(damaged)
    assert sqlite_calls_it_damaged(path)
    assert_set_aside_and_fresh(data_dir, damaged)


def test_integrity_check_findings_without_an_error_also_set_it_aside(data_dir: Path) -> None:
    # A wrong free-page count makes the check *report* damage instead of raising.
    path = fill_queue(data_dir, comments=20)
    data = bytearray(path.read_bytes())
    data[36:40] = (7).to_bytes(4, "big")
    damaged = bytes(data)
    path.write_bytes(damaged)
    with plain_sqlite(f"{path.as_uri()}?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
    assert_set_aside_and_fresh(data_dir, damaged)


def test_damage_the_check_misses_is_set_aside_when_opening_fails(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fill_queue(data_dir, comments=5)
    damaged = b"\0" * 16 + path.read_bytes()[16:]
    path.write_bytes(damaged)
    monkeypatch.setattr(store, "_damage_found", lambda path: False)  # a check that misses it
    assert_set_aside_and_fresh(data_dir, damaged)


def test_two_quarantines_in_one_second_do_not_overwrite(tmp_path: Path) -> None:
    moment = datetime(2026, 11, 30, 7, 15, tzinfo=UTC)
    path = tmp_path / "queue.sqlite3"
    path.write_bytes(b"first damage")
    first = store.quarantine(path, now=moment)
    path.write_bytes(b"second damage")
    second = store.quarantine(path, now=moment)
    assert first.name == "queue.sqlite3.corrupt-20261130T071500Z"
    assert second != first
    assert (first.read_bytes(), second.read_bytes()) == (b"first damage", b"second damage")
