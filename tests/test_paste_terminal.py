"""Bracketed pastes in a real terminal: tmux pastes a buffer with `paste-buffer -p` (the
start and end markers a terminal sends around a paste) into the comment form of the
installed `newsreader`. Escape sequences inside a paste are text, never keys."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from library_samples import write_library
from test_terminal import NEWSREADER
from test_terminal_drafts import Reader

pytestmark = [
    pytest.mark.skipif(
        shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
    ),
    pytest.mark.xdist_group("tmux"),  # with the other tmux tests, one at a time (test_terminal)
]

COLOURED = b"START \x1b[31mred\x1b[0m END"


@pytest.fixture
def form(tmp_path: Path) -> Iterator[tuple[Reader, Path]]:
    """The reader with the comment form open, a name typed, the comment field focused."""
    data_dir = tmp_path / "data"
    term = Reader(write_library(tmp_path / "articles"), data_dir)
    try:
        term.launch()
        term.wait_for("Harbour wall repairs finish early")
        term.keys("c")
        term.wait_for("approved by a moderator")
        term.type("Ana Pires")
        term.tab(2)
        yield term, data_dir
    finally:
        subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True)


def paste(term: Reader, folder: Path, data: bytes) -> None:
    buffer = folder / f"paste-{uuid.uuid4().hex[:8]}"
    buffer.write_bytes(data)
    term.tmux("load-buffer", "-b", buffer.name, str(buffer))
    term.tmux("paste-buffer", "-p", "-d", "-b", buffer.name, "-t", term.session)


def queued(data_dir: Path) -> list[dict[str, str]]:
    export = subprocess.run(
        [NEWSREADER, "queue", "export", "--drafts", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in export.stdout.splitlines()]


def draft_body_becomes(data_dir: Path, body: str, timeout: float = 60.0) -> None:
    """Wait until the autosaved draft holds `body`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if [entry["body"] for entry in queued(data_dir)] == [body]:
            return
        time.sleep(0.3)
    raise AssertionError(f"the draft never held the pasted text; it holds {queued(data_dir)}")


def test_coloured_output_is_pasted_in_order_without_its_controls(
    form: tuple[Reader, Path], tmp_path: Path
) -> None:
    term, data_dir = form
    term.type("ab")
    paste(term, tmp_path, COLOURED)
    term.wait_for("Removed 2 control characters")
    term.wait_for("abSTART [31mred[0m END")
    term.keys("C-s")
    term.wait_for("Saved to the pending queue (1 pending)")
    [comment] = queued(data_dir)
    assert comment["body"] == "abSTART [31mred[0m END"


def test_pasted_ctrl_s_and_ctrl_q_are_not_keys(form: tuple[Reader, Path], tmp_path: Path) -> None:
    term, data_dir = form
    term.type("Before. ")
    paste(term, tmp_path, b"one\x1b\x13two")  # ESC ctrl+s: would submit the form
    term.wait_for("Removed 2 control characters")
    screen = term.wait_for("Before. onetwo")
    assert "Saved to the pending queue" not in screen
    paste(term, tmp_path, b" three\x1b\x11four")  # ESC ctrl+q: would quit
    term.wait_for("Before. onetwo threefour")
    draft_body_becomes(data_dir, "Before. onetwo threefour")
    assert "EXITED" not in term.screen()
    assert [entry["status"] for entry in queued(data_dir)] == ["draft"]
    term.keys("C-s")  # the keys of the keyboard still work
    term.wait_for("Saved to the pending queue (1 pending)")


def test_a_300_kb_paste_with_escape_d_keeps_the_draft(
    form: tuple[Reader, Path], tmp_path: Path
) -> None:
    term, data_dir = form
    # ESC d (escape, then "discard" in the leave dialog) all through the paste: a pause
    # in the terminal's delivery after any ESC used to turn it into the escape key.
    line = "A line of copied output with a coloured \x1b[1mword\x1b[0m and then \x1bd.\n"
    text = line * (300_000 // len(line))
    paste(term, tmp_path, text.encode())
    term.wait_for("control characters from the pasted text", timeout=120)
    draft_body_becomes(data_dir, text.replace("\x1b", ""), timeout=120)
    screen = term.screen()
    assert "Close this form?" not in screen
    assert "approved by a moderator" in screen and "EXITED" not in screen
