"""In a real terminal (tmux): a config that moves `c` to `w` and picks a light theme, an
$EDITOR script that appends a line, and a $BROWSER script that records the URL it got."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.skipif(
        shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
    ),
    pytest.mark.xdist_group("tmux"),
]

SIZE = ("-x", "120", "-y", "34")
NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
CONFIG = """
[reader]
theme = "solarized-light"

[keymap]
"main.comment" = "w"
"""
ARTICLE = """---
title: Harbour wall repairs finish early
date: 2026-11-20
url: https://news.example.org/harbour-wall
---
The harbour wall is mended.
"""


def script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


class Terminal:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def screen(self, *, colours: bool = False) -> str:
        return self.tmux("capture-pane", "-p", *(["-e"] if colours else []), "-t", "reader")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "reader", *keys)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in (screen := self.screen()):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")


def test_config_keymap_theme_editor_and_browser(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "harbour-wall.md").write_text(ARTICLE, encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    opened = tmp_path / "opened.txt"
    browser = script(tmp_path / "browser.sh", f'printf "%s\\n" "$1" >> "{opened}"\n')
    editor = script(tmp_path / "editor.sh", 'printf "\\nA line from the editor." >> "$1"\n')
    term = Terminal(f"newsreader-setup-{uuid.uuid4().hex[:8]}")
    command = (
        f"{NEWSREADER} --config {config} --articles {articles} --data-dir {tmp_path / 'data'}; "
        "echo EXITED:$?; sleep 30"
    )
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "BROWSER": str(browser),
        "VISUAL": str(editor),
    }
    subprocess.run(
        ["tmux", "-L", term.socket, "new-session", "-d", "-s", "reader", *SIZE, command],
        check=True,
        env=env,
    )
    try:
        screen = term.wait_for("The harbour wall is mended.")
        assert "w Comment" in screen.splitlines()[-1]  # the footer shows the key in force
        # solarized-light: its cream background (#fdf6e3; 230 in tmux's 256 colours)
        assert "48;5;230m" in term.screen(colours=True)
        term.keys("o")
        deadline = time.monotonic() + 10
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert opened.read_text() == "https://news.example.org/harbour-wall\n"
        term.keys("c")
        time.sleep(0.5)
        assert "approved by a moderator" not in term.screen()  # c is no longer the key
        term.keys("w")
        term.wait_for("approved by a moderator")
        term.keys("Tab", "Tab")
        term.keys("-l", "My words")
        term.wait_for("My words")
        term.keys("C-e")
        term.wait_for("A line from the editor.")
        assert "My words" in term.screen()
    finally:
        subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True)
