"""ctrl+e in the comment form: the text goes to $EDITOR in a private file and comes back
without control characters; an editor that fails leaves it as it was; the file is gone."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from textual.widgets import TextArea

from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.comment import CommentScreen
from ui_helpers import settle, type_text

SIZE = (120, 34)


def editor_script(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


async def edit_once(app: NewsReaderApp, typed: str) -> str:
    """The comment field's text after ctrl+e."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("tab", "tab")
        await type_text(pilot, typed)
        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CommentScreen)
        return form.query_one("#body", TextArea).text


async def test_the_edited_text_comes_back_without_controls(
    articles: Path, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen-mode"
    script = editor_script(
        tmp_path,
        f'stat -c %a "$1" > "{seen}"\nprintf " and more\\033[31m red" >> "$1"\n',
    )
    monkeypatch.setenv("VISUAL", str(script))
    app = NewsReaderApp(articles, data_dir, read_after_seconds=3600)
    assert await edit_once(app, "First words") == "First words and more[31m red"
    assert seen.read_text().strip() == "600"  # the editor's file is private
    assert list((data_dir / "editing").iterdir()) == []  # and removed after
    assert any("Removed 1 control character" in n.message for n in app._notifications)


async def test_an_editor_that_fails_leaves_the_text(
    articles: Path, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = editor_script(tmp_path, 'echo "lost" > "$1"\nexit 3\n')
    monkeypatch.setenv("VISUAL", str(script))
    app = NewsReaderApp(articles, data_dir, read_after_seconds=3600)
    assert await edit_once(app, "Kept as it was") == "Kept as it was"
    assert any("exited with status 3" in n.message for n in app._notifications)


async def test_no_editor_at_all_is_said(
    articles: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = NewsReaderApp(articles, data_dir, read_after_seconds=3600)
    assert await edit_once(app, "Still here") == "Still here"
    assert any("no editor" in n.message for n in app._notifications)
