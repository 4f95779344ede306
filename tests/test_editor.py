"""Editing text in $EDITOR: a private temp file, removed after; a failed editor changes nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsreader.editor import edit_text, editor_command

FAKE_EDITOR = Path(__file__).parent / "programs" / "fake_editor.py"


def fake(*options: str) -> list[str]:
    return [sys.executable, str(FAKE_EDITOR), *options]


def test_the_edited_text_comes_back_and_the_temp_file_is_private_and_gone(
    tmp_path: Path,
) -> None:
    record = tmp_path / "seen.json"
    folder = tmp_path / "data"
    outcome = edit_text("Dear editor,", fake("--record", str(record)), folder)
    assert outcome.problem is None
    assert outcome.changed
    assert outcome.text == "Dear editor,\nAdded in the editor."
    seen = json.loads(record.read_text())
    assert seen["mode"] == 0o600
    assert seen["text"] == "Dear editor,"
    assert Path(seen["path"]).parent == folder
    assert list(folder.iterdir()) == []


def test_an_editor_that_exits_non_zero_leaves_the_text(tmp_path: Path) -> None:
    outcome = edit_text("Keep me.", fake("--fail", "3"), tmp_path)
    assert outcome.text == "Keep me."
    assert not outcome.changed
    assert outcome.problem == "the editor exited with status 3"
    assert list(tmp_path.iterdir()) == []


def test_an_editor_that_is_not_there(tmp_path: Path) -> None:
    outcome = edit_text("Keep me.", ["no-such-editor-here"], tmp_path)
    assert outcome.text == "Keep me."
    assert outcome.problem == "the editor 'no-such-editor-here' was not found"
    assert edit_text("Keep me.", None, tmp_path).problem is not None


def test_the_configured_editor_then_visual_then_editor() -> None:
    environ = {"VISUAL": "vim -u NONE", "EDITOR": "nano"}
    assert editor_command("micro", environ) == ["micro"]
    assert editor_command("", environ) == ["vim", "-u", "NONE"]
    assert editor_command("", {"EDITOR": "nano"}) == ["nano"]
    assert editor_command("  ", {}) is None
    # An unbalanced quote is not an editor; the next candidate is tried.
    assert editor_command('vim "', {"EDITOR": "nano"}) == ["nano"]
