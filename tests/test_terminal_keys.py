"""Keys sent in one burst (one `send-keys` call, as a paste or a laggy link delivers them)
land where keys typed at a person's pace would, at a narrow and a wide terminal."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from library_samples import write
from screen_check import stop_tmux_server
from test_terminal import NEWSREADER, Terminal

pytestmark = [
    pytest.mark.skipif(
        shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
    ),
    pytest.mark.xdist_group("tmux"),
]

LAST_LINE = "The closing line of piece"


class Burst(Terminal):
    """The tests' terminal, with every key of a burst in one `send-keys` call."""

    def __init__(self, socket: str) -> None:
        super().__init__(socket, "reader")

    def burst(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.session, *keys)


@pytest.fixture(params=[80, 200], ids=["80-columns", "200-columns"])
def term(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Burst]:
    articles = tmp_path / "articles"
    for n in range(6):
        body = "\n\n".join(f"Paragraph {i} of piece {n}." for i in range(150))
        write(
            articles,
            f"piece-{n}.md",
            f"---\ntitle: Piece {n} harbour news\ndate: 2026-01-{20 - n:02}\n---\n"
            f"{body}\n\n{LAST_LINE} {n}.\n",
        )
    width: int = request.param
    term = Burst(f"newsreader-keys-{uuid.uuid4().hex[:8]}")
    command = (
        f"{NEWSREADER} --articles {articles} --data-dir {tmp_path / 'data'}; "
        "echo EXITED:$?; sleep 30"
    )
    env = {**os.environ, "TERM": "xterm-256color"}
    size = ("-x", str(width), "-y", "30")
    subprocess.run(
        ["tmux", "-L", term.socket, "new-session", "-d", "-s", term.session, *size, command],
        check=True,
        env=env,
    )
    try:
        term.wait_for("Articles (6)")
        term.wait_for("Paragraph 0 of piece 0")
        yield term
    finally:
        stop_tmux_server(term.socket)


def test_burst_j_enter_G_ends_at_the_end_of_the_fifth(term: Burst) -> None:
    term.burst("j", "j", "j", "j", "Enter", "G")
    screen = term.wait_for(f"{LAST_LINE} 4.")
    assert "Back to list" in screen.splitlines()[-1]  # the pane has the focus


def test_burst_slash_harb_searches_harb(term: Burst) -> None:
    term.burst("/", "h", "a", "r", "b")
    term.wait_for("matching “harb”")


def test_burst_c_ana_puts_ana_in_name(term: Burst) -> None:
    term.burst("c", "A", "n", "a")
    screen = term.wait_for("approved by a moderator")
    deadline = time.monotonic() + 10
    while "Ana" not in screen and time.monotonic() < deadline:
        time.sleep(0.1)
        screen = term.screen()
    lines = screen.splitlines()
    label = next(n for n, line in enumerate(lines) if "Name (required)" in line)
    assert any("Ana" in line for line in lines[label + 1 : label + 4]), screen


def test_footer_keeps_help_and_quit(term: Burst) -> None:
    footer = term.screen().splitlines()[-1]
    assert "? Help" in footer and "q Quit" in footer
