"""`newsreader comment` with the config file's name and email, and --edit never losing the
text written in the editor (refused before the editor opens, or kept as a draft after)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.comments.queue import PendingQueue
from newsreader.ui.screens.comment import CommentScreen
from test_cli_comment import comment, editor, one_line_refusal, places, stored
from test_flows_drafts import form_fields
from ui_helpers import make_app, settle

__all__ = ["places"]  # the fixture, used by name


def config_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, comments: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[comments]\n" + comments, encoding="utf-8")
    monkeypatch.setenv("NEWSREADER_CONFIG", str(config))


def test_the_name_and_email_come_from_the_config_file(
    places: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_with(tmp_path, monkeypatch, 'name = "Ana Pires"\nemail = "ana@example.org"\n')
    result = comment(places, "harbour-wall", "--text", "From the settings.")
    assert result.returncode == 0, result.stderr
    [entry] = PendingQueue.open(places[1]).pending()
    assert (entry.name, entry.email) == ("Ana Pires", "ana@example.org")
    # A flag still wins over the file.
    assert comment(places, "harbour-wall", "--name", "Ben", "--text", "Mine.").returncode == 0
    assert [row[2] for row in stored(places)] == ["Ana Pires", "Ben"]


def test_remember_takes_the_last_comments_name(
    places: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_with(tmp_path, monkeypatch, "remember = true\n")
    assert "Name is required" in one_line_refusal(comment(places, "harbour-wall", "--text", "x"))
    first = comment(
        places, "harbour-wall", "--name", "Ana", "--email", "a@example.org", "--text", "1"
    )
    assert first.returncode == 0, first.stderr
    again = comment(places, "tide-clocks", "--text", "Second, unsigned.")
    assert again.returncode == 0, again.stderr
    last = PendingQueue.open(places[1]).pending()[-1]
    assert (last.name, last.email, last.body) == ("Ana", "a@example.org", "Second, unsigned.")


def test_edit_without_a_name_is_refused_before_the_editor_opens(
    places: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran = tmp_path / "editor-ran"
    monkeypatch.setenv("VISUAL", editor(tmp_path, f'touch "{ran}"\necho words > "$1"\n'))
    assert "Name is required" in one_line_refusal(comment(places, "harbour-wall", "--edit"))
    assert not ran.exists()


async def test_edited_text_refused_afterwards_is_kept_as_a_draft_the_form_brings_back(
    places: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    too_long = "Considered words. " * 300  # 5,400 characters: over the limit
    text_file = tmp_path / "long.txt"
    text_file.write_text(too_long, encoding="utf-8")
    monkeypatch.setenv("VISUAL", editor(tmp_path, f'cat "{text_file}" > "$1"\n'))
    result = comment(places, "harbour-wall", "--name", "Ana", "--edit")
    assert "kept as a draft" in one_line_refusal(result)
    assert stored(places) == []
    [draft] = PendingQueue.open(places[1]).drafts()
    assert (draft.article_id, draft.name, draft.body) == ("harbour-wall", "Ana", too_long)
    app = make_app(*places)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")  # the newest article is harbour-wall
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)
        assert form_fields(app.screen) == ("Ana", "", too_long)
