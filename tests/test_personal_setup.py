"""Pilot tests: the config's keymap and themes in force, problems named, the palette's
theme kept for the next launch."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue
from newsreader.config.load import load_config
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.context import CommentDefaults
from newsreader.ui.keymap_check import key_problem
from newsreader.ui.personal_setup import PersonalSetup, save_theme, saved_theme, setup_from_config
from newsreader.ui.screens.comment import CommentScreen
from newsreader.ui.screens.help import HelpScreen
from ui_helpers import settle, static_text, wait_until

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
        palette = {command.title: command.help for command in app.get_system_commands(app.screen)}
        assert palette["Write a comment"].endswith("· key w")
        assert palette["Search articles"].endswith("· key /")
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
        "main.help": "ctrl+q",  # quits on every screen, before any screen sees it
    }
    app = reader(articles, data_dir, PersonalSetup(keymap=keymap))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        said = "\n".join(app.messages_for_stderr)
        assert "no binding is called “main.nothing”" in said
        assert "keymap.main.pending: “ctrl+nope” is not a key name" in said
        assert "keymap.main.comment: “r” is already main.toggle_read's key" in said
        assert "keymap.main.help: “ctrl+q” is quit (app.quit) on every screen" in said
        assert footer_key(app, "Comment") == ["c"]
        assert footer_key(app, "Pending") == ["p"]
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)


async def test_the_files_problems_are_said_on_screen_with_their_lines(
    tmp_path: Path, articles: Path, data_dir: Path
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[reader]\nmeasure = "wide"\n[keymap]\nmain.nothing = "x"\n')
    app = reader(articles, data_dir, setup_from_config(load_config(str(path)), data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [toast] = [n.message for n in app._notifications if "config file" in n.message]
        assert toast.splitlines()[0] == "The config file has 2 problems; defaults are used there:"
        assert f"{path}:4: keymap.main.nothing" in toast
        assert "Config: 2 problems (newsreader config show lists them)" in static_text(
            app, "#status"
        )
        assert app.messages_for_stderr == [
            f'{path}:2: reader.measure: should be a whole number, not the text "wide"; '
            "using the default, 90",
            f"{path}:4: keymap.main.nothing: no binding is called “main.nothing” (? lists them)",
        ]


async def test_an_email_a_comment_would_refuse_is_said_after_the_first_frame(
    tmp_path: Path, articles: Path, data_dir: Path
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[comments]\nname = "Ana"\nemail = "ana@@example.org"\n')
    app = reader(articles, data_dir, setup_from_config(load_config(str(path)), data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [said] = app.messages_for_stderr
        assert said.startswith(f"{path}:3: comments.email: Email “ana@@example.org” is not")
        assert "Config: 1 problem" in static_text(app, "#status")


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


async def test_a_theme_chosen_against_the_files_is_said_to_last_for_now(
    articles: Path, data_dir: Path
) -> None:
    app = NewsReaderApp(articles, data_dir, theme_name="textual-light", setup=PersonalSetup())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-light"
        assert not app._notifications  # the theme put on at launch is no choice
        app.theme = "gruvbox"
        await settle(pilot)
        [notice] = [note.message for note in app._notifications]
        assert notice.startswith("gruvbox for now:") and "names textual-light" in notice


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


async def open_form(app: NewsReaderApp, pilot: Pilot[None]) -> CommentScreen:
    await settle(pilot)
    await pilot.press("c")
    await settle(pilot)
    form = app.screen
    assert isinstance(form, CommentScreen)
    return form


def field_values(form: CommentScreen) -> tuple[str, str]:
    return form.query_one("#name", Input).value, form.query_one("#email", Input).value


async def test_name_and_email_from_the_settings_fill_a_new_form(
    articles: Path, data_dir: Path
) -> None:
    defaults = CommentDefaults("Ana Pires", "ana@example.org")
    app = reader(articles, data_dir, PersonalSetup(comment_defaults=defaults))
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot)
        assert field_values(form) == ("Ana Pires", "ana@example.org")
        assert app.focused is form.query_one("#body", TextArea)  # on to what is left
        await pilot.press("escape")  # only what the form started with: nothing to keep
        await settle(pilot)
        assert not isinstance(app.screen, CommentScreen)
    assert PendingQueue.open(data_dir).drafts() == []


async def test_the_last_comment_fills_what_the_settings_leave_empty(
    articles: Path, data_dir: Path
) -> None:
    queue = PendingQueue.open(data_dir)
    queue.add(CommentDraft("harbour-wall", "Harbour", "Ana", "ana@example.org", "Earlier."))
    remembering = CommentDefaults(name="Bo", remember=True)
    app = reader(articles, data_dir, PersonalSetup(comment_defaults=remembering))
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot)
        await wait_until(pilot, lambda: field_values(form)[1] != "", "the email filled in")
        assert field_values(form) == ("Bo", "ana@example.org")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, CommentScreen)
    forgetting = CommentDefaults(remember=False)
    app = reader(articles, data_dir, PersonalSetup(comment_defaults=forgetting))
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot)
        assert field_values(form) == ("", "")


async def test_the_comment_field_counts_as_the_limit_does(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir, PersonalSetup())
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot)
        count = form.query_one("#body-count", Static)
        body = form.query_one("#body", TextArea)
        body.text = "e\u0301" * 1_234  # é as e + accent: one character each
        await settle(pilot)
        assert str(count.render()) == "1,234 / 5,000"
        assert not count.has_class("over")
        body.text = "x" * 5_001
        await settle(pilot)
        assert str(count.render()) == "5,001 / 5,000"
        assert count.has_class("over")


async def test_messages_name_the_keys_in_force(tmp_path: Path, data_dir: Path) -> None:
    """A hint in a message ("press ! to list them") names the remapped key, not the usual."""
    from test_problems import troubled_library

    queue = PendingQueue.open(data_dir)
    queue.save_draft(
        "00000000-0000-4000-8000-000000000001",
        CommentDraft("harbour-wall", "Harbour wall repairs finish early", "Ana", "", "Half"),
    )
    keymap = {"main.comment": "w", "main.pending": "P", "main.problems": "f2"}
    root = troubled_library(tmp_path / "articles")
    app = reader(root, data_dir, PersonalSetup(keymap=keymap))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        status = static_text(app, "#status")
        assert "had problems; press f2 to list them" in status
        assert "Press w on that article, or P to see drafts" in status
        await pilot.press("A")
        await settle(pilot)
        assert any("read; u undoes it." in note.message for note in app._notifications)
