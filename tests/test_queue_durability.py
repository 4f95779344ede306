"""The pending queue under real faults: kill -9, concurrent writers, locks, full disk."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import uuid
from pathlib import Path

import pytest

from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import (
    PendingQueue,
    QueueError,
)
from newsreader.comments.queue_errors import QueueLocked
from queue_helpers import (
    child_env,
    draft,
)

PROGRAMS = Path(__file__).parent / "programs"


# --- durability and concurrency -----------------------------------------------------------

ADD_IN_A_LOOP = PROGRAMS / "add_in_a_loop.py"


def test_a_comment_is_on_disk_when_add_returns_even_if_killed(data_dir: Path) -> None:
    PendingQueue.open(data_dir)
    child = subprocess.Popen(
        [sys.executable, str(ADD_IN_A_LOOP), str(data_dir), "100000"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    assert child.stdin is not None and child.stdout is not None
    assert child.stdout.readline() == "ready\n"
    child.stdin.write("go\n")
    child.stdin.flush()
    confirmed = [child.stdout.readline().strip() for _ in range(30)]
    child.send_signal(signal.SIGKILL)
    child.wait()
    queue = PendingQueue.open(data_dir)
    assert queue.quarantined_to is None
    assert all(queue.get(comment_id) is not None for comment_id in confirmed)
    assert queue.count() >= len(confirmed)


def test_two_threads_adding_at_once_store_every_comment(queue: PendingQueue) -> None:
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def add_fifty(writer: str) -> None:
        start.wait()
        try:
            for number in range(50):
                queue.add(draft(f"{writer} {number}", name=writer))
        except BaseException as error:  # reported below; a thread cannot fail the test itself
            failures.append(error)

    threads = [threading.Thread(target=add_fifty, args=(name,)) for name in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    stored = queue.pending()
    assert len(stored) == 100
    assert len({c.id for c in stored}) == 100
    assert sorted(c.body for c in stored) == sorted(
        f"{writer} {number}" for writer in ("left", "right") for number in range(50)
    )


def test_another_process_adding_at_the_same_time(queue: PendingQueue, data_dir: Path) -> None:
    each = 150
    child = subprocess.Popen(
        [sys.executable, str(ADD_IN_A_LOOP), str(data_dir), str(each)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    assert child.stdin is not None and child.stdout is not None
    assert child.stdout.readline() == "ready\n"
    child.stdin.write("go\n")
    child.stdin.flush()
    for number in range(each):
        queue.add(draft(f"parent comment {number}", name="parent"))
    _, errors = child.communicate(timeout=120)
    assert child.returncode == 0, errors
    assert "locked" not in errors
    stored = queue.pending()
    assert len(stored) == 2 * each
    assert sum(c.name == "child" for c in stored) == each


# --- failures become one clear line ---------------------------------------------------------


def test_a_held_write_lock_becomes_a_clear_error_and_reads_still_work(data_dir: Path) -> None:
    queue = PendingQueue.open(data_dir, busy_timeout_ms=200)
    kept = queue.add(draft("before the lock"))
    holder = sqlite3.connect(queue.path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(QueueLocked) as raised:
            queue.add(draft("during the lock"))
        message = str(raised.value)
        assert message.startswith("Could not save the comment: another program kept the queue")
        assert "locked for more than 0.2 s" in message
        # The core says what happened; the form, not the queue, says the text is kept.
        assert "still in the form" not in message
        assert "\n" not in message
        # WAL lets readers through while someone writes.
        assert queue.pending() == [kept]
        assert PendingQueue.open(data_dir).count() == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    queue.add(draft("after the lock"))
    assert queue.count() == 2


def test_a_data_dir_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a directory")
    with pytest.raises(QueueError, match=r"^Could not open the pending queue: .*data"):
        PendingQueue.open(blocker)


FILL_THE_DISK = PROGRAMS / "fill_the_disk.py"


def test_full_disk_is_reported_and_nothing_is_lost(tmp_path: Path) -> None:
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) to mount a private tmpfs")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    # A private mount namespace: the tmpfs disappears with the child, whatever happens.
    script = 'mount -t tmpfs -o size=512k tmpfs "$1" || exit 77; exec "$2" "$3" "$1"'
    result = subprocess.run(
        [
            "unshare",
            "--mount",
            "sh",
            "-c",
            script,
            "sh",
            str(mount),
            sys.executable,
            str(FILL_THE_DISK),
        ],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=120,
    )
    if result.returncode == 77 or "unshare failed" in result.stderr:
        pytest.skip(f"cannot mount a small tmpfs here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["error"] is not None
    assert report["error"].startswith("Could not save the comment: the disk is full (")
    assert report["error"].endswith(").")
    assert report["type"] == "QueueFull"
    assert report["bodies"] == ["saved before the disk filled", "saved after space came back"]


def attempt_as_unprivileged_user(
    private: Path, read_only: Path, request: pytest.FixtureRequest
) -> dict[str, str | None]:
    """Run try_without_permission.py as nobody: root would walk straight through the modes.
    (conftest's runner: from a copy when the checkout is out of nobody's reach.)"""
    runner, programs = request.getfixturevalue("nobody_programs")
    result = subprocess.run(
        runner.python_command(
            str(programs / "try_without_permission.py"), str(private), str(read_only)
        ),
        capture_output=True,
        text=True,
        env=runner.env,
        cwd="/",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, str | None] = json.loads(result.stdout)
    return report


def attempt_here(private: Path, read_only: Path) -> dict[str, str | None]:
    report: dict[str, str | None] = {}
    for label, data_dir in (("private", private), ("read_only", read_only)):
        try:
            PendingQueue.open(data_dir).add(draft("hello"))
            report[label] = None
        except QueueError as error:
            report[label] = str(error)
    return report


def test_permission_denied_is_a_clear_error_and_never_a_quarantine(
    request: pytest.FixtureRequest,
) -> None:
    # A temp dir of our own that an unprivileged user may enter (pytest's are 0700).
    with tempfile.TemporaryDirectory(prefix="newsreader-perm-") as base_name:
        base = Path(base_name)
        base.chmod(0o755)
        private, read_only = base / "private", base / "read-only"
        PendingQueue.open(private).add(draft("owner's comment"))
        PendingQueue.open(read_only).add(draft("owner's comment"))
        before = {d: (d / "queue.sqlite3").read_bytes() for d in (private, read_only)}
        try:
            if os.geteuid() == 0:
                # private stays 0700 root; read-only becomes readable, not writable, by others.
                read_only.chmod(0o755)
                (read_only / "queue.sqlite3").chmod(0o644)
                report = attempt_as_unprivileged_user(private, read_only, request)
            else:
                private.chmod(0o000)
                read_only.chmod(0o555)
                (read_only / "queue.sqlite3").chmod(0o444)
                report = attempt_here(private, read_only)
        finally:
            private.chmod(0o700)
            read_only.chmod(0o700)
            (read_only / "queue.sqlite3").chmod(0o600)
        assert report["private"] == (
            f"Could not open the pending queue: permission denied for {private / 'queue.sqlite3'}."
        )
        # Depending on the SQLite build this fails at open or at the first write.
        assert re.fullmatch(
            r"Could not (open the pending queue|save the comment): permission denied for "
            + re.escape(str(read_only / "queue.sqlite3"))
            + r"\.",
            report["read_only"] or "",
        ), report["read_only"]
        for data_dir, data in before.items():
            assert sorted(p.name for p in data_dir.iterdir()) == ["queue.sqlite3"]
            assert (data_dir / "queue.sqlite3").read_bytes() == data


def test_an_article_id_from_a_file_name_that_is_not_utf8_is_stored(queue: PendingQueue) -> None:
    article_id = os.fsdecode(b"caf\xe9")  # as os.listdir gives an undecodable name
    draft = CommentDraft(article_id, "Caf\ufffd", "Ana", "", "Hello")
    stored = queue.add(draft)
    assert queue.pending()[0].article_id == "caf\\xe9" == stored.article_id
    queue.save_draft(str(uuid.uuid4()), draft)
    found = queue.newest_draft_for(article_id)
    assert found is not None and found.body == "Hello"
