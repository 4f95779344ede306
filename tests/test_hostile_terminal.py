"""The whole hostile corpus in a real terminal (tmux), run as an ordinary user.

tmux is set to accept OSC 52 (it would store a clipboard write as a paste buffer), keeps
the pane title an OSC 0 would change, and flags a bell: so after walking every article,
`capture-pane -e` holding only colour sequences, an unchanged title, no buffer and no bell
mean nothing from the files reached the terminal as a command.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from hostile_case import Case
from hostile_corpus import open_to_everyone, write_corpus
from newsreader.wording import count_of
from screen_check import stop_tmux_server
from test_terminal import NEWSREADER, Terminal
from unprivileged import Unprivileged

pytestmark = [
    pytest.mark.skipif(
        shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
    ),
    # One xdist worker runs every tmux test: typed at a person's pace, they stay reliable
    # when they do not compete with each other for the two cores.
    pytest.mark.xdist_group("tmux"),
]

_COLOURS = re.compile(r"\x1b\[[0-9;:]*m")  # what capture-pane -e itself writes
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def hostile_terminal(
    request: pytest.FixtureRequest, shared_tmp: Path
) -> Iterator[tuple[Terminal, list[Case], bool]]:
    """newsreader on the whole corpus in tmux; as nobody when we are root."""
    # Root reads every file whatever its mode: the unreadable ones need another user.
    as_nobody = os.geteuid() == 0 and shutil.which("setpriv") is not None
    runner: Unprivileged | None = request.getfixturevalue("unprivileged") if as_nobody else None
    base = shared_tmp
    root = base / "library"
    cases = write_corpus(root)
    open_to_everyone(root)
    data_dir = base / "data"
    data_dir.mkdir(mode=0o777)
    data_dir.chmod(0o777)
    arguments = ["--articles", str(root), "--data-dir", str(data_dir)]
    argv = runner.newsreader(*arguments) if runner else [NEWSREADER, *arguments]
    command = shlex.join(argv)
    config = base / "tmux.conf"
    config.write_text("set -g set-clipboard on\nset -g history-limit 0\n")
    term = Terminal(f"newsreader-hostile-{uuid.uuid4().hex[:8]}", "reader")
    env = {
        **(runner.env if runner else os.environ),
        "TERM": "xterm-256color",
        "HOME": str(data_dir),
        # root's test home is out of nobody's reach: there the config would be a problem.
        "XDG_CONFIG_HOME": str(data_dir / ".config"),
    }
    subprocess.run(
        ["tmux", "-L", term.socket, "-f", str(config), "new-session", "-d", "-s",
         term.session, "-x", "120", "-y", "40", f"{command}; echo EXITED:$?; sleep 60"],
        check=True,
        env=env,
    )  # fmt: skip
    try:
        yield term, cases, as_nobody
    finally:
        stop_tmux_server(term.socket)


def wait_until_still(term: Terminal, timeout: float = 10.0) -> None:
    """Wait until the screen stops changing (drawing has caught up with the keys)."""
    deadline = time.monotonic() + timeout
    screen = term.screen()
    while time.monotonic() < deadline:
        time.sleep(0.1)  # a poll: still means unchanged across one interval
        now = term.screen()
        if now == screen:
            return
        screen = now
    raise AssertionError(f"the screen never stopped changing; it was:\n{screen}")


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

    screen = term.wait_for(f"{count_of(len(problems), 'file')} had problems; press ! to list them")
    assert f"Articles ({len(listed)})" in screen
    assert_only_colours(term, "start")
    for step in range(len(listed) - 1):  # every article passes through the reading pane
        term.keys("j")  # at a reader's pace (keys() pauses): each one is drawn, not skipped
        if step % 8 == 7:
            assert_only_colours(term, f"article {step + 1}")
    wait_until_still(term)
    assert_only_colours(term, "last article")

    term.keys("/")
    term.type("gnp.exe")  # the articles whose fields and bodies are full of escapes
    term.keys("Enter")
    screen = term.wait_for("Articles (4 of")
    for _ in range(4):
        term.keys("Enter", "G")
        wait_until_still(term)
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


@pytest.fixture
def sample_terminal(tmp_path: Path) -> Iterator[Terminal]:
    from library_samples import write_library

    articles = write_library(tmp_path / "articles")
    term = Terminal(f"newsreader-paste-{uuid.uuid4().hex[:8]}", "reader")
    command = f"{NEWSREADER} --articles {articles} --data-dir {tmp_path / 'data'}"
    subprocess.run(
        ["tmux", "-L", term.socket, "-f", "/dev/null", "new-session", "-d", "-s", term.session,
         "-x", "120", "-y", "40", f"{command}; echo EXITED:$?; sleep 60"],
        check=True,
        env={**os.environ, "TERM": "xterm-256color"},
    )  # fmt: skip
    try:
        yield term
    finally:
        stop_tmux_server(term.socket)


def paste(term: Terminal, data: bytes) -> None:
    """Paste `data` as a terminal does: bracketed, bytes exactly as given."""
    with tempfile.NamedTemporaryFile() as file:
        file.write(data)
        file.flush()
        term.tmux("load-buffer", "-b", "pasted", file.name)
    term.tmux("paste-buffer", "-p", "-d", "-b", "pasted", "-t", term.session)


def test_pasting_controls_and_bytes_that_are_not_utf8_into_the_form(
    sample_terminal: Terminal,
) -> None:
    term = sample_terminal
    term.wait_for("Harbour wall repairs finish early")
    term.keys("c")
    term.wait_for("approved by a moderator")
    # C0 controls (ctrl+s among them: it must not submit), DEL, a C1 control in UTF-8, and
    # a Latin-1 "é" that is not UTF-8 at all (Textual's input thread used to die on it).
    paste(term, b"Ana\x01\x13 Pires\x7f \xc2\x9bcaf\xe9")
    screen = term.wait_for("Removed 4 control characters")
    assert "Ana Pires caf\ufffd" in screen
    assert_only_colours(term, "after the paste")
    term.tab(2)
    paste(term, b"First line\x00\r\nsecond \x1a line")
    screen = term.wait_for("second  line")
    assert "First line" in screen
    assert_only_colours(term, "after the second paste")
    term.keys("C-s")
    term.wait_for("Saved to the pending queue (1 pending)")
    term.keys("q")
    term.wait_for("EXITED:0")
