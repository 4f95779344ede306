"""Leaving never loses a comment, in a real terminal: ctrl+q, SIGTERM and a closed terminal
(SIGHUP, by killing the tmux pane) with text in the form. The last save comes first; when it
fails (the data dir made unwritable under a reader run as `nobody`), the reader asks, or,
where nobody can answer, writes a recovery file that the next launch offers back."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from library_samples import write_library
from test_terminal import NEWSREADER
from test_terminal_drafts import Reader
from unprivileged import Unprivileged as NobodyRunner

pytestmark = [
    pytest.mark.skipif(
        shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
    ),
    pytest.mark.xdist_group("tmux"),  # with the other tmux tests, one at a time (test_terminal)
]

NOBODY = 65534
# What the runner sets so that `nobody` finds the copied packages (unprivileged.py).
COPY_VARIABLES = ("PYTHONPATH", "PYTHONNOUSERSITE")


def queued(data_dir: Path) -> list[dict[str, str]]:
    export = subprocess.run(
        [NEWSREADER, "queue", "export", "--drafts", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in export.stdout.splitlines()]


def pane_modes(term: Reader) -> str:
    return term.tmux("display", "-p", "-t", term.session, "#{alternate_on} #{mouse_any_flag}")


def wait_until_gone(pid: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while Path(f"/proc/{pid}").exists():
        assert time.monotonic() < deadline, f"process {pid} is still running"
        time.sleep(0.1)


def close_the_terminal(term: Reader) -> None:
    """SIGHUP for real: the pane goes, as when a terminal window is closed."""
    pid = term.reader_pid()
    # A second window keeps the tmux session (and server) alive after the pane goes.
    term.tmux("new-window", "-d", "-t", term.session)
    term.tmux("kill-pane", "-t", f"{term.session}:0")
    wait_until_gone(pid)


def open_form_and_type(term: Reader, body: str) -> None:
    term.launch()
    term.wait_for("Harbour wall repairs finish early")
    term.keys("c")
    term.wait_for("approved by a moderator")
    term.type("Ana Pires")
    term.tab(2)
    term.type(body)
    term.wait_for(body)


@pytest.fixture
def reader(tmp_path: Path) -> Iterator[tuple[Reader, Path]]:
    data_dir = tmp_path / "data"
    term = Reader(write_library(tmp_path / "articles"), data_dir)
    try:
        yield term, data_dir
    finally:
        subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True)


def test_sigterm_saves_the_last_typing_and_gives_the_terminal_back(
    reader: tuple[Reader, Path],
) -> None:
    term, data_dir = reader
    open_form_and_type(term, "Typed a moment before the kill.")
    assert pane_modes(term).split() == ["1", "1"]  # alternate screen, mouse tracking on
    os.kill(term.reader_pid(), signal.SIGTERM)
    term.wait_for("EXITED:143")
    assert pane_modes(term).split() == ["0", "0"]
    [draft] = queued(data_dir)
    assert (draft["status"], draft["body"]) == ("draft", "Typed a moment before the kill.")


def test_closing_the_terminal_saves_the_last_typing(reader: tuple[Reader, Path]) -> None:
    term, data_dir = reader
    open_form_and_type(term, "Typed just before the window was closed.")
    close_the_terminal(term)
    [draft] = queued(data_dir)
    assert draft["body"] == "Typed just before the window was closed."


def test_sighup_to_a_live_terminal_saves_and_gives_the_terminal_back(
    reader: tuple[Reader, Path],
) -> None:
    term, data_dir = reader
    open_form_and_type(term, "Typed before kill -HUP.")
    os.kill(term.reader_pid(), signal.SIGHUP)
    term.wait_for("EXITED:129")
    assert pane_modes(term).split() == ["0", "0"]
    [draft] = queued(data_dir)
    assert draft["body"] == "Typed before kill -HUP."


def test_ctrl_q_saves_the_last_typing(reader: tuple[Reader, Path]) -> None:
    term, data_dir = reader
    open_form_and_type(term, "Typed just before ctrl+q.")
    term.keys("C-q")
    term.wait_for("EXITED:0")
    [draft] = queued(data_dir)
    assert draft["body"] == "Typed just before ctrl+q."


# --- the last save fails: a reader run as nobody, its data dir made read-only -------------


@dataclass
class Unprivileged:
    term: Reader
    data_dir: Path
    temp_dir: Path

    def revoke(self) -> None:
        """Take away the reader's right to write its queue (root still can)."""
        (self.data_dir / "queue.sqlite3").chmod(0o400)
        self.data_dir.chmod(0o500)

    def give_back(self) -> None:
        self.data_dir.chmod(0o700)
        (self.data_dir / "queue.sqlite3").chmod(0o600)

    def recovery_files(self) -> list[Path]:
        return sorted(self.temp_dir.glob("newsreader-recovery-*.json"))

    def after_exit(self) -> str:
        return "".join(self.term.screen().split())  # long stderr lines wrap on screen


@pytest.fixture
def unprivileged(unprivileged: NobodyRunner) -> Iterator[Unprivileged]:
    """The reader in tmux as `nobody` (conftest's runner: from a copy when the checkout is
    out of nobody's reach), on a data dir and TMPDIR of nobody's own."""
    runner = unprivileged
    with tempfile.TemporaryDirectory(prefix="newsreader-leaving-") as base_name:
        base = Path(base_name)
        base.chmod(0o755)
        articles = write_library(base / "articles")
        for folder in (articles, articles / "town"):
            folder.chmod(0o755)
        data_dir, temp_dir = base / "data", base / "tmp"
        for folder in (data_dir, temp_dir):
            folder.mkdir(mode=0o700)
            os.chown(folder, NOBODY, NOBODY)
        term = Reader(articles, data_dir)
        copied = {name: runner.env[name] for name in COPY_VARIABLES if name in runner.env}
        # A config dir nobody can enter (root's test home) would be a config problem.
        home = {"HOME": str(base), "XDG_CONFIG_HOME": str(base / "config")}
        variables = {**home, "TMPDIR": str(temp_dir), **copied}
        assignments = " ".join(f"{name}={shlex.quote(value)}" for name, value in variables.items())
        reader = shlex.join(
            runner.newsreader("--articles", str(articles), "--data-dir", str(data_dir))
        )
        term.command = f"cd / && env {assignments} {reader}; echo EXITED:$?; sleep 60"
        try:
            yield Unprivileged(term, data_dir, temp_dir)
        finally:
            try:
                still_running = term.reader_pid() if term.session_started else None
            except (subprocess.CalledProcessError, AssertionError, OSError):
                still_running = None  # the pane is gone, and its process with it
            subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True)
            if still_running is not None:
                wait_until_gone(still_running)  # it saves on SIGHUP: let it finish first


def open_form_then_fail(reader: Unprivileged, body: str) -> None:
    term = reader.term
    term.launch()
    term.wait_for("Harbour wall repairs finish early")
    term.keys("c")
    term.wait_for("approved by a moderator")
    term.type("Ana Pires")
    term.wait_for("Draft saved")  # the queue file exists and took a first draft
    reader.revoke()
    term.tab(2)
    term.type(body)
    term.wait_for(body)


def check_recovered(reader: Unprivileged, body: str) -> Path:
    [path] = reader.recovery_files()
    status = path.stat()
    assert stat.S_IMODE(status.st_mode) == 0o600 and status.st_uid == NOBODY
    [form] = json.loads(path.read_text(encoding="utf-8"))["forms"]
    assert (form["name"], form["body"]) == ("Ana Pires", body)
    return path


def check_offered_back(reader: Unprivileged, path: Path, body: str) -> None:
    reader.give_back()
    term = reader.term
    term.launch()
    term.wait_for("is back as a draft")
    term.wait_for("Harbour wall repairs finish early")
    term.keys("c")
    term.wait_for(body)
    assert not path.exists()


def test_a_failed_save_on_ctrl_q_asks_and_quit_anyway_keeps_a_recovery_file(
    unprivileged: Unprivileged,
) -> None:
    term = unprivileged.term
    open_form_then_fail(unprivileged, "Words the queue refused.")
    term.keys("C-q")
    screen = term.wait_for("could not be saved before quitting")
    assert "permission denied" in screen and "EXITED" not in screen
    term.keys("Escape")  # keep writing
    deadline = time.monotonic() + 10
    while "Quit anyway?" in term.screen():
        assert time.monotonic() < deadline, "the question never closed"
        time.sleep(0.1)
    term.type(" And more.")
    term.wait_for("Words the queue refused. And more.")
    assert unprivileged.recovery_files() == []
    term.keys("C-q")
    term.wait_for("Quit anyway?")
    term.keys("q")
    term.wait_for("EXITED:0")
    path = check_recovered(unprivileged, "Words the queue refused. And more.")
    assert f"itiskeptin{path}" in unprivileged.after_exit()
    check_offered_back(unprivileged, path, "Words the queue refused. And more.")


def test_sigterm_after_a_failed_save_keeps_a_recovery_file(unprivileged: Unprivileged) -> None:
    term = unprivileged.term
    open_form_then_fail(unprivileged, "Stopped by SIGTERM.")
    os.kill(term.reader_pid(), signal.SIGTERM)
    term.wait_for("EXITED:143")
    assert pane_modes(term).split() == ["0", "0"]
    path = check_recovered(unprivileged, "Stopped by SIGTERM.")
    assert f"itiskeptin{path}" in unprivileged.after_exit()
    check_offered_back(unprivileged, path, "Stopped by SIGTERM.")


def test_closing_the_terminal_after_a_failed_save_keeps_a_recovery_file(
    unprivileged: Unprivileged,
) -> None:
    open_form_then_fail(unprivileged, "The window was closed on me.")
    close_the_terminal(unprivileged.term)
    path = check_recovered(unprivileged, "The window was closed on me.")
    unprivileged.term.session_started = True
    check_offered_back(unprivileged, path, "The window was closed on me.")
