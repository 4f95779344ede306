"""Pilot tests: the config's keymap and themes in force, problems named, the palette's
theme kept for the next launch."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from newsreader.ui.app import NewsReaderApp
from newsreader.ui.keymap_check import key_problem
from newsreader.ui.personal_setup import PersonalSetup, save_theme, saved_theme
from newsreader.ui.screens.comment import CommentScreen
from newsreader.ui.screens.help import HelpScreen
from ui_helpers import settle

SIZE = (120, 34)


def reader(articles: Path, data_dir: Path, setup: PersonalSetup) -> NewsReaderApp:
    return NewsReaderApp(articles, data_dir, read_after_seconds=3600, setup=setup)


def footer_key(app: NewsReaderApp, description: str) -> list[str]:
    return [
        key
        for key, active in app.screen.active_bindings.items()
        if active.binding.description == description and active.enabled
    ]


def help_text(app: NewsReaderApp) -> str:
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    console = Console(width=160, record=True)
    console.print(screen._keys_table)
    return console.export_text()


async def test_a_keymap_moves_a_key_everywhere_it_is_shown(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir, PersonalSetup(keymap={"main.comment": "w"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert footer_key(app, "Comment") == ["w"]
        assert not app.messages_for_stderr
        await pilot.press("question_mark")
        await settle(pilot)
        [line] = [line for line in help_text(app).splitlines() if "main.comment" in line]
        assert line.split()[0] == "w"
        await pilot.press("escape", "c")
        await settle(pilot)
        assert not isinstance(app.screen, CommentScreen)  # c is no longer the key
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)


async def test_keymap_problems_are_named_and_the_usual_keys_kept(
    articles: Path, data_dir: Path
) -> None:
    keymap = {
        "main.nothing": "x",  # no such binding
        "main.pending": "ctrl+nope",  # no such key
        "main.comment": "r",  # already toggles the read mark
    }
    app = reader(articles, data_dir, PersonalSetup(keymap=keymap))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        said = "\n".join(app.messages_for_stderr)
        assert "no binding is called “main.nothing”" in said
        assert "keymap.main.pending: “ctrl+nope” is not a key name" in said
        assert "keymap.main.comment: “r” is already main.toggle_read's key" in said
        assert footer_key(app, "Comment") == ["c"]
        assert footer_key(app, "Pending") == ["p"]
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)


async def test_a_theme_from_the_config_is_used_and_bad_colours_named(
    articles: Path, data_dir: Path
) -> None:
    themes: dict[str, dict[str, object]] = {
        "harbour": {"primary": "#3a7ca5", "background": "#0b1d2a", "dark": True},
        "broken": {"primary": "not-a-colour", "glitter": "#fff"},
    }
    app = NewsReaderApp(
        articles, data_dir, theme_name="harbour", setup=PersonalSetup(themes=themes)
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "harbour"
        said = "\n".join(app.messages_for_stderr)
        assert "themes.broken.primary: “not-a-colour” is not a colour" in said
        assert "themes.broken: “glitter” is not a theme colour" in said
        assert "broken" not in app.available_themes
    assert saved_theme(data_dir) is None  # the config's theme is not a palette choice


async def test_the_theme_chosen_is_kept_for_the_next_launch(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir, PersonalSetup())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert saved_theme(data_dir) is None  # the default at launch is not a choice
        app.theme = "solarized-light"  # what the palette's "Change theme" does
        await settle(pilot)
    assert saved_theme(data_dir) == "solarized-light"
    assert (data_dir / "last_theme").stat().st_mode & 0o777 == 0o600
    again = reader(articles, data_dir, PersonalSetup(last_theme=saved_theme(data_dir)))
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "solarized-light"


def test_a_damaged_theme_file_is_no_choice(tmp_path: Path) -> None:
    (tmp_path / "last_theme").write_bytes(b"\x1b[31mred\n")
    assert saved_theme(tmp_path) is None
    save_theme(tmp_path / "missing-folder", "nord")  # cannot be kept: no error either
    assert saved_theme(tmp_path / "missing-folder") is None


@pytest.mark.parametrize(
    ("key", "fine"),
    [
        ("w", True),
        ("ctrl+w", True),
        ("f5", True),
        ("slash", True),
        ("question_mark", True),
        ("pagedown", True),
        ("shift+tab", True),
        ("ctrl+nope", False),
        ("hyperdrive+w", False),
        ("two words", False),
        ("", False),
    ],
)
def test_key_names(key: str, fine: bool) -> None:
    assert (key_problem(key) is None) is fine
