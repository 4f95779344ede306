"""Drafts and damage in a real terminal: tmux runs the installed `newsreader`, the process
is killed with SIGKILL in the middle of a comment, and the next launch must offer the
text back; a damaged queue is reported on screen and again on stderr after exit."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from library_samples import write_library
from newsreader.comments.queue import PendingQueue
from test_terminal import NEWSREADER, Terminal

pytestmark = [
    pytest.mark.skipif(
        shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
    ),
    # One xdist worker runs every tmux test: typed at a person's pace, they stay reliable
    # when they do not compete with each other for the two cores.
    pytest.mark.xdist_group("tmux"),
]


class Reader(Terminal):
    """One tmux server; each launch of the reader gets a fresh window in it."""

    def __init__(self, articles: Path, data_dir: Path) -> None:
        super().__init__(f"newsreader-drafts-{uuid.uuid4().hex[:8]}", "reader")
        self.command = (
            f"{NEWSREADER} --articles {articles} --data-dir {data_dir}; echo EXITED:$?; sleep 60"
        )
        self.session_started = False

    def launch(self) -> None:
        env = {**os.environ, "TERM": "xterm-256color"}
        args = ["-x", "120", "-y", "40", self.command]
        if self.session_started:
            self.tmux("respawn-pane", "-k", "-t", self.session, self.command)
        else:
            subprocess.run(
                ["tmux", "-L", self.socket, "new-session", "-d", "-s", self.session, *args],
                check=True,
                env=env,
            )
            self.session_started = True

    def reader_pid(self) -> int:
        """The newsreader process: the child of the pane's shell."""
        shell = int(self.tmux("display", "-p", "-t", self.session, "#{pane_pid}").strip())
        for _ in range(50):
            children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
            if children:
                return int(children[0])
            time.sleep(0.1)
        raise AssertionError("the reader process never started")


def wait_for_draft_on_disk(data_dir: Path, text: str, term: Reader, timeout: float = 30.0) -> None:
    """Wait until a draft in the queue file holds `text` (read by another process)."""
    deadline = time.monotonic() + timeout
    export = None
    while time.monotonic() < deadline:
        export = subprocess.run(
            [NEWSREADER, "queue", "export", "--drafts", "--data-dir", str(data_dir)],
            capture_output=True,
            text=True,
            check=False,
        )
        if any(text in json.loads(line)["body"] for line in export.stdout.splitlines()):
            return
        time.sleep(0.1)  # a poll interval, not a wait for the reader
    raise AssertionError(
        f"no draft holding {text!r} was ever saved; the queue held "
        f"{export.stdout if export else ''!r} {export.stderr if export else ''!r}; "
        f"the screen:\n{term.screen()}"
    )


@pytest.fixture
def reader(tmp_path: Path) -> Iterator[tuple[Reader, Path]]:
    data_dir = tmp_path / "data"
    term = Reader(write_library(tmp_path / "articles"), data_dir)
    try:
        yield term, data_dir
    finally:
        subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True)


def test_kill_9_mid_comment_and_the_next_launch_gives_it_back(
    reader: tuple[Reader, Path],
) -> None:
    term, data_dir = reader
    term.launch()
    term.wait_for("Harbour wall repairs finish early")
    term.keys("c")
    term.wait_for("approved by a moderator")
    term.type("Ana Pires")
    term.tab(2)
    term.type("A long comment I do not want to lose, ")
    term.type("with a second sentence typed later.")
    # Killed once the autosave has committed the last sentence: what it committed must
    # survive kill -9 (how soon it commits is measured by benchmarks/queue_writes.py).
    wait_for_draft_on_disk(data_dir, "with a second sentence typed later.", term)
    os.kill(term.reader_pid(), signal.SIGKILL)
    term.wait_for("EXITED:137")

    term.launch()
    term.wait_for("A draft is waiting")
    # The notice (from the queue) and the list (from the index) arrive independently.
    term.wait_for("Harbour wall repairs finish early")
    term.keys("c")
    screen = term.wait_for("with a second sentence typed later.")
    assert "A long comment I do not want to lose," in screen
    assert "Ana Pires" in screen
    term.keys("C-s")
    term.wait_for("Saved to the pending queue (1 pending)")
    term.keys("q")
    term.wait_for("EXITED:0")
    export = subprocess.run(
        [NEWSREADER, "queue", "export", "--drafts", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    [line] = export.stdout.splitlines()  # sent, and no draft left behind
    comment = json.loads(line)
    assert comment["status"] == "pending"
    assert comment["body"] == (
        "A long comment I do not want to lose, with a second sentence typed later."
    )


def test_a_damaged_queue_is_reported_on_screen_and_on_stderr(
    reader: tuple[Reader, Path],
) -> None:
    term, data_dir = reader
    data_dir.mkdir(mode=0o700)
    (data_dir / "queue.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x5a" * 8000)
    term.launch()
    term.wait_for("moved aside")
    term.keys("q")
    screen = term.wait_for("EXITED:0")
    [aside] = data_dir.glob("queue.sqlite3.corrupt-*")
    # After the terminal is given back, stderr says it again, with the whole path.
    after_exit = " ".join(screen.split())
    assert "newsreader: The pending queue was damaged." in after_exit
    assert aside.name in after_exit.replace(" ", "")
    assert PendingQueue.open(data_dir).quarantined_to is None
