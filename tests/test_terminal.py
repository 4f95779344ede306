"""The whole path in a real terminal: tmux runs the installed `newsreader`, keys are typed
with send-keys and the screen is read with capture-pane, as a person at a terminal would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from library_samples import write_library

pytestmark = [
    pytest.mark.skipif(
        shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
    ),
    # One xdist worker runs every tmux test: typed at a person's pace, they stay reliable
    # when they do not compete with each other for the two cores.
    pytest.mark.xdist_group("tmux"),
]

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
KEY_PAUSE = 0.15  # a person's pace: Textual moves focus asynchronously


class Terminal:
    def __init__(self, socket: str, session: str) -> None:
        self.socket, self.session = socket, session

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return result.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.session, key)
            time.sleep(KEY_PAUSE)

    def tab(self, times: int = 1) -> None:
        """Move the focus on with Tab and wait until the screen shows it moved.

        Text typed before the move lands would go into the previous field. A field's focus
        shows only in the colour of its border lines (`capture-pane -e`), which, unlike the
        line with the blinking cursor, change with nothing else.
        """
        for _ in range(times):
            before = self._field_borders()
            self.keys("Tab")
            deadline = time.monotonic() + 30
            while self._field_borders() == before:
                if time.monotonic() > deadline:
                    raise AssertionError(f"the focus never moved; the screen was:\n{self.screen()}")
                time.sleep(0.05)

    def _field_borders(self) -> list[str]:
        lines = self.tmux("capture-pane", "-p", "-e", "-t", self.session).splitlines()
        return [line for line in lines if "▔" in line or "▁" in line]

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.session, "-l", text)
        time.sleep(KEY_PAUSE)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[tuple[Terminal, Path, Path]]:
    articles = write_library(tmp_path / "articles")
    data_dir = tmp_path / "data"
    term = Terminal(f"newsreader-test-{uuid.uuid4().hex[:8]}", "reader")
    env = {**os.environ, "TERM": "xterm-256color"}
    command = f"{NEWSREADER} --articles {articles} --data-dir {data_dir}; echo EXITED:$?; sleep 30"
    subprocess.run(
        [
            "tmux",
            "-L",
            term.socket,
            "new-session",
            "-d",
            "-s",
            term.session,
            "-x",
            "120",
            "-y",
            "40",
            command,
        ],
        check=True,
        env=env,
    )
    try:
        yield term, articles, data_dir
    finally:
        subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True)


def test_read_comment_quit_then_export(terminal: tuple[Terminal, Path, Path]) -> None:
    term, _articles, data_dir = terminal
    term.wait_for("Articles (3)")
    # The reading pane reads its article in a worker: it may follow the list by a frame.
    term.wait_for("Harbour wall repairs finish early")
    term.keys("j")
    term.wait_for("Library extends opening hours")
    term.keys("k", "enter")
    term.keys("c")
    term.wait_for("approved by a moderator")
    term.type("Ana Pires")
    term.tab(2)
    term.type("Glad the walkway is wider [bold]now[/bold].")
    term.keys("C-s")
    term.wait_for("Saved to the pending queue (1 pending)")
    term.keys("q")  # focus is back in the reading pane, where `c` was pressed: q leaves it
    term.keys("q")  # and in the list, q quits
    term.wait_for("EXITED:0")
    title = term.tmux("display", "-p", "-t", term.session, "#{pane_title}")
    assert "\x1b" not in title

    export = subprocess.run(
        [NEWSREADER, "queue", "export", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    [line] = export.stdout.splitlines()
    comment = json.loads(line)
    assert comment["article_id"] == "harbour-wall"
    assert comment["article_title"] == "Harbour wall repairs finish early"
    assert comment["name"] == "Ana Pires"
    assert comment["body"] == "Glad the walkway is wider [bold]now[/bold]."
    assert comment["status"] == "pending"
