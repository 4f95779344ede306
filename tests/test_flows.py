"""Pilot tests: each key flow a person uses, on temporary article and data dirs."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from newsreader.comments.queue import PendingQueue
from newsreader.library.read_marks import ReadMarks
from newsreader.ui.screens.choice import ChoiceScreen
from newsreader.ui.screens.comment import CommentScreen
from newsreader.ui.screens.help import HelpScreen
from newsreader.ui.screens.pending import CommentView, PendingScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.pending_list import PendingList
from newsreader.ui.widgets.reading_pane import ReadingPane
from ui_helpers import make_app, press_and_settle, settle, static_text, type_text, wait_until

SIZE = (110, 34)


async def test_list_shows_newest_first_and_reading_pane_follows_cursor(
    articles: Path, data_dir: Path
) -> None:
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        pane = app.screen.query_one(ReadingPane)
        assert article_list.border_title == "Articles (3)"
        assert article_list.highlighted_entry is not None
        assert article_list.highlighted_entry.id == "harbour-wall"
        assert "Harbour wall repairs finish early" in pane.plain_lines()[0]
        await pilot.press("j")
        await settle(pilot)
        assert article_list.highlighted_entry is not None
        assert article_list.highlighted_entry.id == "town/library-hours"
        assert pane.article is not None
        assert pane.article.id == article_list.highlighted_entry.id
        await pilot.press("G")
        await settle(pilot)
        assert article_list.highlighted_entry is not None
        assert article_list.highlighted_entry.id == "tide-clocks"  # undated ones last
        await pilot.press("g")
        assert article_list.highlighted_entry is not None
        assert article_list.highlighted_entry.id == "harbour-wall"


async def test_enter_moves_into_reading_pane_and_tab_moves_back(
    articles: Path, data_dir: Path
) -> None:
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, ArticleList)
        await pilot.press("enter")
        assert isinstance(app.focused, ReadingPane)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ArticleList)


async def test_reading_pane_renders_markdown_with_link_targets(
    articles: Path, data_dir: Path
) -> None:
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = " ".join(" ".join(app.screen.query_one(ReadingPane).plain_lines()).split())
        assert "By Mira Okafor" in text
        assert "The Kestleigh Courier" in text
        assert "min read" in text
        assert "What changed" in text
        assert "New granite facing" in text
        assert "https://example.org/notice" in text
        assert "## What changed" not in text  # rendered, not shown as source


async def test_read_marks_persist_and_r_toggles(articles: Path, data_dir: Path) -> None:
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert not article_list.is_read("harbour-wall")  # shown, not yet opened
        await pilot.press("enter")
        assert article_list.is_read("harbour-wall")  # opened
        assert not article_list.is_read("tide-clocks")
        await pilot.press("r")
        await settle(pilot)
        assert not article_list.is_read("harbour-wall")
        await pilot.press("r")
        await settle(pilot)
    assert ReadMarks(data_dir).all_read() == {"harbour-wall"}
    again = make_app(articles, data_dir)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.screen.query_one(ArticleList).is_read("harbour-wall")


@pytest.mark.parametrize("from_where", ["list", "pane"])
async def test_after_a_save_the_focus_is_back_where_c_was_pressed(
    articles: Path, data_dir: Path, from_where: str
) -> None:
    from newsreader.ui.widgets.article_list import ArticleList
    from newsreader.ui.widgets.reading_pane import ReadingPane

    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if from_where == "pane":
            await pilot.press("enter")
        await pilot.press("c")
        await settle(pilot)
        await type_text(pilot, "Ana")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Good news.")
        await press_and_settle(pilot, "ctrl+s")
        assert not isinstance(app.screen, CommentScreen)
        expected = ReadingPane if from_where == "pane" else ArticleList
        assert isinstance(app.focused, expected)


async def test_comment_is_saved_to_the_queue_and_form_closes(
    articles: Path, data_dir: Path
) -> None:
    app = make_app(articles, data_dir)
    notices: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CommentScreen)
        assert app.focused is app.screen.query_one("#name", Input)
        assert "approved by a moderator" in static_text(app, "#moderation-notice")
        await type_text(pilot, "Ana")
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#email", Input)
        await type_text(pilot, "ana@example.org")
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#body", TextArea)
        await type_text(pilot, "Good news for the harbour.")
        await press_and_settle(pilot, "ctrl+s")
        notices = [n.message for n in app._notifications]
        assert not isinstance(app.screen, CommentScreen)
    assert "Saved to the pending queue (1 pending)" in notices
    [comment] = PendingQueue.open(data_dir).pending()
    assert (comment.article_id, comment.article_title) == (
        "harbour-wall",
        "Harbour wall repairs finish early",
    )
    assert (comment.name, comment.email, comment.body) == (
        "Ana",
        "ana@example.org",
        "Good news for the harbour.",
    )


async def test_invalid_comment_says_what_is_wrong_and_keeps_the_text(
    articles: Path, data_dir: Path
) -> None:
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("tab", "b", "o", "b", "tab")
        await type_text(pilot, "A comment without a name")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)
        assert "Name" in static_text(app, "#name-error")
        assert "email" in static_text(app, "#email-error").lower()
        assert static_text(app, "#body-error") == ""
        assert app.screen.query_one("#email", Input).value == "bob"
        assert app.screen.query_one("#body", TextArea).text == "A comment without a name"
        assert app.focused is app.screen.query_one("#name", Input)
    assert PendingQueue.open(data_dir).count() == 0


async def test_escape_asks_before_discarding_typed_text(articles: Path, data_dir: Path) -> None:
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await type_text(pilot, "Ana")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert [c.value for c in app.screen.choices] == ["keep", "discard", "stay"]
        await pilot.press("escape")  # keep writing
        await pilot.pause()
        assert isinstance(app.screen, CommentScreen)
        assert app.screen.query_one("#name", Input).value == "Ana"
        await pilot.press("escape")
        await pilot.pause()
        await press_and_settle(pilot, "d")
        assert not isinstance(app.screen, (CommentScreen, ChoiceScreen))
        # An empty form closes without a question.
        await pilot.press("c")
        await settle(pilot)
        await press_and_settle(pilot, "escape")
        assert not isinstance(app.screen, (CommentScreen, ChoiceScreen))
    assert PendingQueue.open(data_dir).drafts() == []


async def test_save_failure_keeps_the_form_and_text(articles: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the data dir should be")
    app = make_app(articles, blocked)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        await type_text(pilot, "Ana")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Words worth keeping")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)
        assert "still in the form" in static_text(app, "#form-error")
        assert app.screen.query_one("#body", TextArea).text == "Words worth keeping"


async def test_pending_screen_shows_and_withdraws(articles: Path, data_dir: Path) -> None:
    from newsreader.comments.comment_rules import CommentDraft

    queue = PendingQueue.open(data_dir)
    queue.add(
        CommentDraft(
            "harbour-wall",
            "Harbour wall repairs finish early",
            "Ana",
            "",
            "First line\nSecond line",
        )
    )
    queue.add(CommentDraft("tide-clocks", "Notes on tidal clocks", "Ben", "", "Hello"))
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PendingScreen)
        table = app.screen.query_one(PendingList)
        assert table.row_count == 2
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CommentView)
        assert "Second line" in static_text(app, "#comment-view Static")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert [c.value for c in app.screen.choices] == ["yes", "no"]
        question = static_text(app, "#choice-question")  # which comment, by its words and time
        assert "“First line”" in question and "UTC" in question
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, PendingScreen)
        # The withdrawal and the re-read are two workers, one after the other.
        pending_list = app.screen.query_one(PendingList)
        await wait_until(pilot, lambda: pending_list.row_count == 1, "the list re-read")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PendingScreen)
    assert [c.name for c in PendingQueue.open(data_dir).pending()] == ["Ben"]


async def test_filter_narrows_as_you_type_and_escape_clears(articles: Path, data_dir: Path) -> None:
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#filter", Input)
        await type_text(pilot, "lunar")  # a word only in one body
        await pilot.pause()
        assert article_list.border_title == "Articles (1 of 3)"
        assert article_list.highlighted_entry is not None
        assert article_list.highlighted_entry.id == "tide-clocks"
        await type_text(pilot, " nothing-has-this")
        assert article_list.border_title == "Articles (0 of 3)"
        await pilot.press("escape")
        await pilot.pause()
        assert article_list.border_title == "Articles (3)"
        assert app.focused is article_list


async def test_help_lists_every_binding_and_closes(articles: Path, data_dir: Path) -> None:
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from newsreader.ui.binding_sections import sections
        from newsreader.ui.screens.help import help_table

        console_text = _plain(help_table(sections(), {}))
        for expected in ("ctrl+s", "Withdraw", "Search", "space", "ctrl+p", "j"):
            assert expected in console_text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits(articles: Path, data_dir: Path) -> None:
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_markup_in_titles_is_shown_not_run(tmp_path: Path, data_dir: Path) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    (root / "trap.md").write_text(
        "---\ntitle: '[@click=app.quit]Click me[/] [bold]x'\n---\nBody [@click=app.quit] \x1b[2J\n",
        encoding="utf-8",
    )
    app = make_app(root, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click(ArticleList, offset=(5, 0))
        await pilot.click(ReadingPane, offset=(5, 1))
        await settle(pilot)
        assert app.is_running
        lines = app.screen.query_one(ReadingPane).plain_lines()
        assert "[@click=app.quit]Click me[/] [bold]x" in lines[0]
        assert any("Body [@click=app.quit] ␛[2J" in line for line in lines)
        assert all("\x1b" not in line for line in lines)


def _plain(renderable: object) -> str:
    from rich.console import Console

    console = Console(width=120, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


async def test_a_comment_keeps_its_articles_url_for_delivery(tmp_path: Path) -> None:
    from newsreader.comments.delivery.outbox import Outbox
    from newsreader.comments.delivery.servers import ServerDirectory

    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "ferry.md").write_text(
        "---\ntitle: Ferry timetable\nurl: https://www.example.org/news/ferry\n---\n\nBody.\n"
    )
    data_dir = tmp_path / "data"
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await type_text(pilot, "Ana")
        await pilot.press("tab", "tab")
        await type_text(pilot, "The new times suit the school run.")
        await press_and_settle(pilot, "ctrl+s")
        assert not isinstance(app.screen, CommentScreen)
    # Moved away afterwards: the comment still knows where it goes.
    (articles / "ferry.md").unlink()
    [entry] = Outbox(PendingQueue.open(data_dir), ServerDirectory([])).entries()
    assert entry.article_url == "https://www.example.org/news/ferry"


async def test_the_theme_from_the_config_is_used_and_a_wrong_one_said(
    articles: Path, data_dir: Path
) -> None:
    from newsreader.ui.app import NewsReaderApp

    light = NewsReaderApp(articles, data_dir, theme_name="textual-light")
    async with light.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert light.theme == "textual-light"
    wrong = NewsReaderApp(articles, data_dir, theme_name="harbour-night")
    async with wrong.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert wrong.theme == "textual-dark"
        notices = [n.message for n in wrong._notifications]
    assert any("No theme named “harbour-night”" in notice for notice in notices)
    assert any("harbour-night" in message for message in wrong.messages_for_stderr)


def test_the_reader_is_given_the_theme_in_force(
    tmp_path: Path, articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader import cli
    from newsreader.ui import app as app_module

    seen: list[str] = []
    monkeypatch.setattr(
        app_module.NewsReaderApp, "run", lambda self: seen.append(self._theme_asked)
    )
    config = tmp_path / "config.toml"
    config.write_text('[reader]\ntheme = "nord"\n')
    base = ["--config", str(config), "--articles", str(articles), "--data-dir", str(tmp_path)]
    assert cli.main(base) == 0
    assert cli.main([*base, "--theme", "gruvbox"]) == 0
    assert seen == ["nord", "gruvbox"]
