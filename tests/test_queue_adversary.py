"""The queue file tried by an adversary (issue 8, items 4-8): damaged rows, odd things at
the queue path, raw control sequences, and what a big queue costs at open. (Permissions:
test_data_dir_privacy.py.)"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.comments import store
from newsreader.comments.queue import PendingQueue, QueueError
from queue_helpers import CORRUPT_NAME, child_env, draft, plain_sqlite

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [NEWSREADER, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        errors="surrogateescape",
    )


def three_comments(data_dir: Path) -> tuple[PendingQueue, list[str]]:
    queue = PendingQueue.open(data_dir)
    ids = [
        queue.add(draft(f"Comment {n}: Café crème number {n}", name=f"Reader {n}")).id
        for n in (1, 2, 3)
    ]
    return queue, ids


def assert_one_summary_and_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    summary = result.stderr.splitlines()[-1]
    assert "damaged" in summary and "1 " in summary, summary


# --- item 4: damage that integrity_check cannot see ----------------------------------------


def flip_high_bit_in_file(path: Path, marker: bytes) -> None:
    """Turn the é (C3 A9) after `marker` into C3 29: not UTF-8 any more, same length."""
    data = bytearray(path.read_bytes())
    at = data.index(marker) + len(marker)
    assert data[at : at + 2] == "é".encode()
    data[at + 1] ^= 0x80
    path.write_bytes(bytes(data))


def test_a_body_that_is_not_utf8_after_a_checkpoint_spoils_only_its_own_row(
    data_dir: Path,
) -> None:
    queue, ids = three_comments(data_dir)
    assert not Path(f"{queue.path}-wal").exists()  # checkpointed: the bytes are in the file
    flip_high_bit_in_file(queue.path, b"Comment 2: Caf")
    # The bytes are wrong but the b-trees are fine: SQLite's own check sees nothing.
    with plain_sqlite(queue.path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]

    listed = run("queue", "list", "--data-dir", str(data_dir))
    assert_one_summary_and_no_traceback(listed)
    assert "Comment 1" in listed.stdout and "Comment 3" in listed.stdout
    assert ids[1] in listed.stderr
    assert "not valid UTF-8" in listed.stderr
    assert "Caf\ufffd" in listed.stderr  # the text salvaged, the bad byte replaced

    exported = run("queue", "export", "--data-dir", str(data_dir))
    assert_one_summary_and_no_traceback(exported)
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [r["id"] for r in records] == [ids[0], ids[2]]
    assert ids[1] in exported.stderr

    # The pending screen's read: every comment, the damaged one salvaged.
    reopened = PendingQueue.open(data_dir)
    bodies = [c.body for c in reopened.pending()]
    assert bodies[0].startswith("Comment 1") and bodies[2].startswith("Comment 3")
    assert "Caf\ufffd" in bodies[1]
    [damaged] = [r for r in reopened.read_pending() if r.damage is not None]
    assert damaged.comment.id == ids[1] and damaged.damage is not None
    assert "body" in damaged.damage.describe()


def test_a_column_turned_blob_spoils_only_its_own_row(data_dir: Path) -> None:
    queue, ids = three_comments(data_dir)
    with plain_sqlite(queue.path) as connection:
        connection.execute(
            "UPDATE comments SET body = CAST(x'4361666520ff21' AS BLOB), "
            "name = CAST('Blob Reader' AS BLOB) WHERE id = ?",
            (ids[0],),
        )
    listed = run("queue", "list", "--data-dir", str(data_dir))
    assert_one_summary_and_no_traceback(listed)
    assert "Comment 2" in listed.stdout and "Comment 3" in listed.stdout
    assert ids[0] in listed.stderr and "BLOB" in listed.stderr
    assert "Cafe \ufffd!" in listed.stderr
    exported = run("queue", "export", "--data-dir", str(data_dir))
    assert_one_summary_and_no_traceback(exported)
    assert [json.loads(line)["id"] for line in exported.stdout.splitlines()] == ids[1:]
    assert next(c.name for c in PendingQueue.open(data_dir).pending()) == "Blob Reader"


@pytest.mark.parametrize("damage", ["not-utf8", "blob"])
def test_one_damaged_comment_does_not_keep_the_others_from_being_sent(
    data_dir: Path, damage: str
) -> None:
    queue, ids = three_comments(data_dir)
    if damage == "not-utf8":
        flip_high_bit_in_file(queue.path, b"Comment 2: Caf")
    else:
        with plain_sqlite(queue.path) as connection:
            connection.execute(
                "UPDATE comments SET name = CAST('Blob Reader' AS BLOB) WHERE id = ?", (ids[1],)
            )
    sent = run("queue", "send", "--dry-run", "--data-dir", str(data_dir))
    assert sent.returncode == 1 and "Traceback" not in sent.stderr
    assert [line.split()[0] for line in sent.stdout.splitlines()] == [ids[0][:8], ids[2][:8]]
    assert "is damaged and was left out" in sent.stderr
    # The pending screen's page names it damaged too, between its neighbours.
    from newsreader.comments.delivery.outbox_pages import OutboxPages

    page = OutboxPages(PendingQueue.open(data_dir)).page(0, 10)
    assert [isinstance(entry, str) for _row, entry in page] == [False, True, False]


def test_a_damaged_draft_is_reported_too(data_dir: Path) -> None:
    queue = PendingQueue.open(data_dir)
    queue.save_draft("00000000-0000-4000-8000-000000000001", draft("good draft"))
    queue.save_draft("00000000-0000-4000-8000-000000000002", draft("bad draft"))
    with plain_sqlite(queue.path) as connection:
        connection.execute(
            "UPDATE drafts SET body = CAST(x'626164ff' AS TEXT) WHERE body = 'bad draft'"
        )
    exported = run("queue", "export", "--drafts", "--data-dir", str(data_dir))
    assert_one_summary_and_no_traceback(exported)
    assert [json.loads(line)["body"] for line in exported.stdout.splitlines()] == ["good draft"]
    assert "000000000002" in exported.stderr
    assert len(queue.drafts()) == 2


# --- item 5: odd things at the queue path ---------------------------------------------------


def open_in_a_child(data_dir: Path) -> subprocess.CompletedProcess[str]:
    """PendingQueue.open in another process, so a hang fails the test instead of hanging it."""
    script = (
        "import sys; from pathlib import Path\n"
        "from newsreader.comments.queue import PendingQueue, QueueError\n"
        "try:\n    PendingQueue.open(Path(sys.argv[1]))\n"
        "except QueueError as error:\n    print(error); sys.exit(1)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script, str(data_dir)],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=20,
    )


def test_a_fifo_at_the_queue_path_is_one_line_and_no_hang(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    os.mkfifo(data_dir / "queue.sqlite3")
    opened = open_in_a_child(data_dir)
    assert opened.returncode == 1, opened.stderr
    assert "not a regular file" in opened.stdout and "FIFO" in opened.stdout
    listed = subprocess.run(
        [NEWSREADER, "queue", "list", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert listed.returncode == 1
    assert listed.stderr.count("\n") == 1 and "FIFO" in listed.stderr


def test_a_directory_at_the_queue_path_is_one_line(data_dir: Path) -> None:
    (data_dir / "queue.sqlite3").mkdir(parents=True)
    opened = open_in_a_child(data_dir)
    assert opened.returncode == 1
    assert "is a directory" in opened.stdout
    assert "disk I/O" not in opened.stdout


def make_other_database(path: Path) -> bytes:
    with plain_sqlite(path) as connection:
        connection.execute("CREATE TABLE accounts (owner TEXT)")
        connection.execute("INSERT INTO accounts VALUES ('someone else')")
    return path.read_bytes()


def test_a_symlink_to_another_sqlite_file_is_refused_and_nothing_is_written(
    tmp_path: Path, data_dir: Path
) -> None:
    other = tmp_path / "elsewhere" / "accounts.sqlite3"
    other.parent.mkdir()
    before = make_other_database(other)
    data_dir.mkdir(mode=0o700)
    (data_dir / "queue.sqlite3").symlink_to(other)
    opened = open_in_a_child(data_dir)
    assert opened.returncode == 1
    assert "symbolic link" in opened.stdout and str(other) in opened.stdout
    assert other.read_bytes() == before
    assert sorted(p.name for p in other.parent.iterdir()) == ["accounts.sqlite3"]
    with plain_sqlite(other) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_a_dangling_symlink_is_refused_and_its_target_not_created(
    tmp_path: Path, data_dir: Path
) -> None:
    target = tmp_path / "nowhere" / "queue.sqlite3"
    data_dir.mkdir(mode=0o700)
    (data_dir / "queue.sqlite3").symlink_to(target)
    opened = open_in_a_child(data_dir)
    assert opened.returncode == 1
    assert "symbolic link" in opened.stdout
    assert not target.parent.exists()


def test_a_symlinked_side_file_is_refused(tmp_path: Path, data_dir: Path) -> None:
    PendingQueue.open(data_dir).add(draft())
    decoy = tmp_path / "decoy"
    decoy.write_bytes(b"keep me")
    Path(f"{data_dir / 'queue.sqlite3'}-wal").symlink_to(decoy)
    opened = open_in_a_child(data_dir)
    assert opened.returncode == 1
    assert "queue.sqlite3-wal" in opened.stdout and "symbolic link" in opened.stdout
    assert decoy.read_bytes() == b"keep me"


def test_a_newer_queue_in_rollback_mode_is_refused_without_changing_a_byte(
    data_dir: Path,
) -> None:
    data_dir.mkdir(mode=0o700)
    path = data_dir / "queue.sqlite3"
    with plain_sqlite(path) as connection:
        connection.execute("CREATE TABLE comments (id TEXT PRIMARY KEY, shiny_new_field TEXT)")
        connection.execute("PRAGMA user_version = 97")
    os.chmod(path, 0o600)
    before = path.read_bytes()
    with pytest.raises(QueueError, match=r"newer newsreader \(format 97"):
        PendingQueue.open(data_dir)
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["queue.sqlite3"]


# --- item 7: stored text never reaches the terminal raw ---------------------------------------

HOSTILE_ID = "abcdef12\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[H"


def assert_no_controls(*texts: str) -> None:
    for text in texts:
        assert not any(ch in text for ch in "\x1b\x07\x9b\r"), repr(text)


def test_queue_remove_and_list_never_echo_a_tampered_id_raw(data_dir: Path) -> None:
    queue = PendingQueue.open(data_dir)
    kept = queue.add(draft("kept"))
    with plain_sqlite(queue.path) as connection:
        connection.execute(
            "UPDATE comments SET id = ?, name = ? WHERE id = ?",
            (HOSTILE_ID, "Eve\x1b]0;title\x07", kept.id),
        )
    listed = run("queue", "list", "--data-dir", str(data_dir))
    exported = run("queue", "export", "--data-dir", str(data_dir))
    removed = run("queue", "remove", "abcdef12", "--data-dir", str(data_dir))
    assert removed.returncode == 0, removed.stderr
    assert "withdrawn abcdef12" in removed.stdout
    assert_no_controls(listed.stdout, listed.stderr, exported.stdout, removed.stdout)
    assert_no_controls(removed.stderr)


def test_a_data_dir_path_with_escape_and_newline_is_printed_safely(tmp_path: Path) -> None:
    hostile = tmp_path / "data\x1b[31m\nred"
    listed = run("queue", "list", "--data-dir", str(hostile))
    assert listed.returncode == 0
    assert_no_controls(listed.stdout, listed.stderr)
    assert len(listed.stdout.splitlines()) == 1
    hostile.mkdir(mode=0o755)
    hostile.chmod(0o755)  # whatever the umask
    again = run("queue", "list", "--data-dir", str(hostile))
    assert_no_controls(again.stdout, again.stderr)
    assert len(again.stderr.splitlines()) == 1  # the "tightened" notice, on one line
    # A failure message quoting the path, too.
    (hostile / "queue.sqlite3").unlink()
    (hostile / "queue.sqlite3").mkdir()
    failed = run("queue", "list", "--data-dir", str(hostile))
    assert failed.returncode == 1
    assert_no_controls(failed.stderr)
    assert len(failed.stderr.splitlines()) == 1


def test_an_error_quoting_damaged_text_is_printed_safely(data_dir: Path) -> None:
    queue, ids = three_comments(data_dir)
    with plain_sqlite(queue.path) as connection:
        connection.execute(
            "UPDATE comments SET body = CAST(? AS BLOB) WHERE id = ?",
            ("\x1b]52;c;ZXZpbA==\x07\x1b[2J bad \udcff".encode(errors="surrogateescape"), ids[1]),
        )
    listed = run("queue", "list", "--data-dir", str(data_dir))
    assert_one_summary_and_no_traceback(listed)
    assert_no_controls(listed.stdout, listed.stderr)


# --- item 8: the full check only when it is needed -------------------------------------------


def count_checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real = store._damage_found

    def counting(path: Path) -> bool:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(store, "_damage_found", counting)
    return calls


def test_a_cleanly_closed_queue_opens_without_a_full_check(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    PendingQueue.open(data_dir).add(draft())
    calls = count_checks(monkeypatch)
    queue = PendingQueue.open(data_dir)
    queue.add(draft("second"))
    PendingQueue.open(data_dir)
    assert calls == []


KILLED_MID_WRITE = """
import sqlite3, sys, os, signal
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE comments SET body = 'changed by a process that died'")
connection.execute("COMMIT")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_after_an_unclean_shutdown_the_full_check_runs(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    queue = PendingQueue.open(data_dir)
    queue.add(draft())
    child = subprocess.run([sys.executable, "-c", KILLED_MID_WRITE, str(queue.path)])
    assert child.returncode == -signal.SIGKILL
    calls = count_checks(monkeypatch)
    PendingQueue.open(data_dir)
    assert calls == [queue.path]
    PendingQueue.open(data_dir)
    assert calls == [queue.path]  # once checked, trusted again


def test_damage_met_while_reading_makes_the_next_open_check(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    queue = PendingQueue.open(data_dir)
    queue.add(draft())
    calls = count_checks(monkeypatch)

    def corrupt(*args: object) -> None:
        error = sqlite3.DatabaseError("database disk image is malformed")
        error.sqlite_errorcode = sqlite3.SQLITE_CORRUPT
        raise error

    with pytest.raises(QueueError, match="damaged"), queue._connect() as connection:
        corrupt(connection)
    PendingQueue.open(data_dir)
    assert calls == [queue.path]


def test_queue_check_finds_damage_and_sets_it_aside(data_dir: Path) -> None:
    queue = PendingQueue.open(data_dir)
    for number in range(200):
        queue.add(draft(f"comment {number} " + "words " * 150))
    healthy = run("queue", "check", "--data-dir", str(data_dir))
    assert healthy.returncode == 0, healthy.stderr
    assert "200 pending" in healthy.stdout and "no damage" in healthy.stdout
    data = bytearray(queue.path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    leaves = [s for s in range(page_size * 2, len(data), page_size) if data[s] == 0x0D]
    data[leaves[len(leaves) // 2] + 3] ^= 0x40
    damaged = bytes(data)
    stamp = queue.path.stat()
    queue.path.write_bytes(damaged)
    # Bit rot changes nothing a stat can see: make it look untouched.
    os.utime(queue.path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    checked = run("queue", "check", "--data-dir", str(data_dir))
    assert checked.returncode == 1
    assert "moved aside, not deleted" in checked.stderr
    [aside] = [p for p in data_dir.iterdir() if CORRUPT_NAME.match(p.name)]
    assert aside.read_bytes() == damaged


# --- item 8: a terminal gets a pager ----------------------------------------------------------


def test_queue_list_on_a_terminal_goes_through_a_pager(tmp_path: Path, data_dir: Path) -> None:
    import shutil
    import time

    if shutil.which("tmux") is None or shutil.which("less") is None:
        pytest.skip("needs tmux and less")
    queue = PendingQueue.open(data_dir)
    for number in range(100):
        queue.add(draft(f"Comment number {number}", name="Ana Pires"))
    socket = f"nr-pager-{os.getpid()}"
    command = f"{NEWSREADER} queue list --data-dir {data_dir}; echo EXITED:$?; sleep 60"
    tmux = ["tmux", "-L", socket]
    subprocess.run([*tmux, "new-session", "-d", "-x", "120", "-y", "40", command], check=True)

    def screen_with(text: str) -> str:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            shown = subprocess.run(
                [*tmux, "capture-pane", "-p"], capture_output=True, text=True
            ).stdout
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared:\n{shown}")

    try:
        first = screen_with("100 pending comments")
        assert "Comment number 0" in first and "Comment number 99" not in first
        assert "EXITED" not in first  # the pager holds the list until the person quits
        subprocess.run([*tmux, "send-keys", "q"], check=True)
        screen_with("EXITED:0")
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def test_a_damaged_header_is_not_taken_for_a_newer_version(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    damaged = b"SQLite format 3\x00" + b"\x5a" * 8000  # user_version would read 0x5a5a5a5a
    (data_dir / "queue.sqlite3").write_bytes(damaged)
    queue = PendingQueue.open(data_dir)
    assert queue.quarantined_to is not None
    assert queue.quarantined_to.read_bytes() == damaged
