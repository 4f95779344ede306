"""The whole hostile corpus in a real terminal (tmux), run as an ordinary user.

tmux is set to accept OSC 52 (it would store a clipboard write as a paste buffer), keeps
the pane title an OSC 0 would change, and flags a bell: so after walking every article,
`capture-pane -e` holding only colour sequences, an unchanged title, no buffer and no bell
mean nothing from the files reached the terminal as a command.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from hostile_corpus import Case, unlock, write_corpus
from test_terminal import NEWSREADER, Terminal

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
)

_COLOURS = re.compile(r"\x1b\[[0-9;:]*m")  # what capture-pane -e itself writes
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
NOBODY = ["--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def hostile_terminal() -> Iterator[tuple[Terminal, list[Case], bool]]:
    """newsreader on the whole corpus in tmux; as nobody when we are root and can drop it."""
    with tempfile.TemporaryDirectory(prefix="newsreader-tmux-") as folder:
        base = Path(folder)
        base.chmod(0o755)
        root = base / "library"
        cases = write_corpus(root)
        for path in [root, *root.rglob("*")]:
            if not path.is_symlink() and "locked" not in path.name:
                path.chmod(0o755 if path.is_dir() else 0o644)
        data_dir = base / "data"
        data_dir.mkdir(mode=0o777)
        data_dir.chmod(0o777)
        command = f"{NEWSREADER} --articles {root} --data-dir {data_dir}"
        setpriv = shutil.which("setpriv")
        as_nobody = os.geteuid() == 0 and setpriv is not None
        if as_nobody:
            # setpriv must exec newsreader itself: its interpreter may sit under /root, which
            # only the exec that drops root can still reach.
            command = f"{setpriv} {' '.join(NOBODY)} {command}"
        config = base / "tmux.conf"
        config.write_text("set -g set-clipboard on\nset -g history-limit 0\n")
        term = Terminal(f"newsreader-hostile-{uuid.uuid4().hex[:8]}", "reader")
        env = {**os.environ, "TERM": "xterm-256color", "HOME": str(data_dir)}
        subprocess.run(
            ["tmux", "-L", term.socket, "-f", str(config), "new-session", "-d", "-s",
             term.session, "-x", "120", "-y", "40", f"{command}; echo EXITED:$?; sleep 60"],
            check=True,
            env=env,
        )  # fmt: skip
        try:
            yield term, cases, as_nobody
        finally:
            subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True)
            unlock(root)


def assert_only_colours(term: Terminal, where: str) -> None:
    captured = term.tmux("capture-pane", "-p", "-e", "-t", term.session)
    leftovers = _CONTROL.findall(_COLOURS.sub("", captured).replace("\n", ""))
    assert leftovers == [], f"{where}: {leftovers!r} reached the terminal"


def test_hostile_corpus_in_a_real_terminal(
    hostile_terminal: tuple[Terminal, list[Case], bool],
) -> None:
    term, cases, as_nobody = hostile_terminal
    listed = {article for case in cases for article in case.expected(not as_nobody)[0]}
    problems = {path for case in cases for path in case.expected(not as_nobody)[1]}

    screen = term.wait_for(f"{len(problems)} file(s) had problems; press ! to list them")
    assert f"Articles ({len(listed)})" in screen
    assert_only_colours(term, "start")
    for step in range(len(listed) - 1):  # every article passes through the reading pane
        term.keys("j")
        if step % 8 == 7:
            assert_only_colours(term, f"article {step + 1}")
    time.sleep(0.3)
    assert_only_colours(term, "last article")

    term.keys("/")
    term.type("gnp.exe")  # the articles whose fields and bodies are full of escapes
    term.keys("Enter")
    screen = term.wait_for("Articles (4 of")
    for _ in range(4):
        term.keys("Enter", "G")
        time.sleep(0.3)
        assert_only_colours(term, "an escape-laden article, at its end")
        term.keys("BTab", "j")
    term.keys("Escape", "!")
    term.wait_for(f"Files with problems ({len(problems)})")
    assert_only_colours(term, "the problems screen")
    term.keys("Escape", "q")
    term.wait_for("EXITED:0")

    title = term.tmux("display", "-p", "-t", term.session, "#{pane_title}")
    assert "PWNED" not in title and "c1-title" not in title
    assert term.tmux("display", "-p", "-t", term.session, "#{window_bell_flag}").strip() == "0"
    assert term.tmux("list-buffers") == ""  # no OSC 52 clipboard write arrived
