"""The reader under real faults: another process holding the queue's write lock, a full
disk (a small tmpfs in a private mount namespace) and a data dir the user may not write
(root dropped with setpriv). In each, the UI keeps answering, says what is wrong, and the
form keeps the text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.widgets import TextArea

from library_samples import write_library
from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.comment import CommentScreen
from newsreader.ui.screens.pending import PendingScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.pending_list import PendingList
from ui_helpers import make_app, settle, static_text, type_text, wait_for_draft, wait_until

SIZE = (110, 34)
TESTS = Path(__file__).parent
SOURCE_ROOT = TESTS.parent / "tui"
PROGRAMS = TESTS / "programs"
HARBOUR = ("harbour-wall", "Harbour wall repairs finish early")

HOLD_THE_WRITE_LOCK = PROGRAMS / "hold_write_lock.py"


@contextmanager
def write_lock_held(queue: PendingQueue) -> Iterator[subprocess.Popen[str]]:
    """Another process holds the queue's write lock until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, str(HOLD_THE_WRITE_LOCK), str(queue.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline() == "locked\n"
        yield holder
    finally:
        holder.stdin.write("release\n")
        holder.stdin.flush()
        holder.wait(timeout=30)


def patient_app(articles: Path, data_dir: Path) -> tuple[NewsReaderApp, PendingQueue]:
    app = make_app(articles, data_dir)
    # Long enough that a slow machine cannot turn the wait into a timeout error.
    queue = PendingQueue.open(data_dir, busy_timeout_ms=60_000)
    app._queue = queue
    return app, queue


# --- another process holds the write lock ---------------------------------------------------


async def test_the_form_answers_while_the_queue_is_locked(tmp_path: Path) -> None:
    articles, data_dir = write_library(tmp_path / "articles"), tmp_path / "data"
    app, queue = patient_app(articles, data_dir)
    assert isinstance(app, type(make_app(articles, data_dir)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await type_text(pilot, "Ana")
        await pilot.press("tab", "tab")
        await type_text(pilot, "before the lock")
        await wait_for_draft(pilot)
        screen = app.screen
        assert isinstance(screen, CommentScreen)
        with write_lock_held(queue):
            await type_text(pilot, ", typed while another program writes")
            await wait_until(
                pilot,
                lambda: "waiting for another program" in static_text(app, "#draft-status"),
                "the autosave waiting in SQLite's busy handler",
            )
            assert screen.keeper.write_running
            # Keys still land, and the timer-driven status line still changes.
            await type_text(pilot, "!")
            body = screen.query_one("#body", TextArea).text
            assert body == "before the lock, typed while another program writes!"
            assert "waiting for another program" in static_text(app, "#draft-status")
            app.simulate_key("ctrl+s")
            await wait_until(
                pilot, lambda: static_text(app, "#form-error") == "Saving…", "the submit waiting"
            )
            assert app.screen is screen  # waiting, not failed, not closed
            assert static_text(app, "#form-error") == "Saving…"
            assert screen.query_one("#body", TextArea).disabled
        await settle(pilot)
        assert not isinstance(app.screen, CommentScreen)
        notices = [n.message for n in app._notifications]
    assert "Saved to the pending queue (1 pending)" in notices
    assert not [n for n in notices if "locked" in n]
    [sent] = queue.pending()
    assert sent.body == "before the lock, typed while another program writes!"
    assert queue.drafts() == []


async def test_the_pending_list_moves_while_a_withdrawal_waits(tmp_path: Path) -> None:
    articles, data_dir = write_library(tmp_path / "articles"), tmp_path / "data"
    app, queue = patient_app(articles, data_dir)
    first = queue.add(CommentDraft(*HARBOUR, "Ana", "", "first"))
    queue.add(CommentDraft(*HARBOUR, "Ben", "", "second"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        table = app.screen.query_one(PendingList)
        with write_lock_held(queue):
            await pilot.press("d", "y")  # withdraw the first: waits for the lock
            await wait_until(
                pilot,
                lambda: any(w.is_running and w.group == "pending-withdraw" for w in app.workers),
                "the withdrawal waiting for the lock",
            )
            await pilot.press("down")
            assert table.cursor_row == 1
            await pilot.press("up")
            assert table.cursor_row == 0
            await pilot.press("escape")  # and the screens still change
            assert not isinstance(app.screen, PendingScreen)
            await pilot.press("j")
            assert app.screen.query_one(ArticleList).highlighted_entry is not None
        # The screen is gone, but its withdrawal thread goes on once the lock is free.
        for _ in range(100):
            if queue.count() == 1:
                break
            await pilot.pause(0.1)
    assert [c.name for c in queue.pending()] == ["Ben"]
    withdrawn = queue.get(first.id)
    assert withdrawn is not None and withdrawn.status == "withdrawn"


# --- a full disk, and a data dir that cannot be written: in child processes ---------------

FORM_UNDER_FAULT = PROGRAMS / "form_under_fault.py"


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(SOURCE_ROOT), str(TESTS)])}


def check_the_text_was_kept(report: dict[str, object], reason: str) -> None:
    assert report["form_open"] is True
    assert report["body"] == "Words worth keeping"
    form_error = str(report["form_error"])
    assert form_error.startswith("Could not ") and reason in form_error
    assert form_error.endswith("Your text is still in the form.")
    assert "Draft not saved" in str(report["draft_status"])
    assert reason in str(report["draft_status"])
    assert form_error in report["notices"]  # type: ignore[operator]
    assert not any("locked" in str(n) for n in report["notices"])  # type: ignore[attr-defined]
    assert report["back_on_main"] is True
    assert report["list_moves"] == "town/library-hours"


def test_a_full_disk_keeps_the_text_and_the_queue_opens_after(tmp_path: Path) -> None:
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) to mount a private tmpfs")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    script = 'mount -t tmpfs -o size=1m tmpfs "$1" || exit 77; exec "$2" "$3" full "$1"'
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
            str(FORM_UNDER_FAULT),
        ],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=180,
    )
    if result.returncode == 77 or "unshare failed" in result.stderr:
        pytest.skip(f"cannot mount a small tmpfs here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    check_the_text_was_kept(report, "the disk is full")
    assert report["saved_after"] is True
    assert report["quarantined"] is None
    assert report["bodies"] == ["after space came back"]


def test_a_data_dir_without_permission_keeps_the_text(request: pytest.FixtureRequest) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root, to run the reader as another user (nobody)")
    # conftest's runner: from a copy when the checkout is out of nobody's reach.
    runner, programs = request.getfixturevalue("nobody_programs")
    with tempfile.TemporaryDirectory(prefix="newsreader-perm-ui-") as base_name:
        base = Path(base_name)
        base.chmod(0o755)
        articles = write_library(base / "articles")
        for folder in (articles, articles / "town"):
            folder.chmod(0o755)
        private = base / "private"
        PendingQueue.open(private / "data").add(CommentDraft(*HARBOUR, "Root", "", "mine"))
        private.chmod(0o755)  # the data dir inside stays 0700, owned by root
        before = (private / "data" / "queue.sqlite3").read_bytes()
        command = runner.python_command(
            str(programs / "form_under_fault.py"), "denied", str(private), str(articles)
        )
        env = {**runner.env, "HOME": str(base)}
        result = subprocess.run(
            command, capture_output=True, text=True, env=env, cwd="/", timeout=180
        )
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout.splitlines()[-1])
        check_the_text_was_kept(report, "permission denied")
        # The queue was not touched, moved or set aside.
        assert sorted(p.name for p in (private / "data").iterdir()) == ["queue.sqlite3"]
        assert (private / "data" / "queue.sqlite3").read_bytes() == before
