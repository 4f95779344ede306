"""Pilot tests: moving around as a keyboard user expects (q, escape, focus, bursts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, TextArea

from library_samples import write
from newsreader.ui import key_order
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.comment import CommentScreen
from newsreader.ui.screens.help import HelpScreen
from newsreader.ui.screens.problems import ProblemsScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.reading_pane import ReadingPane
from ui_helpers import settle, type_text

SIZE = (110, 34)
LONG_BODY = "\n\n".join(f"Paragraph {n} of a long piece about the harbour." for n in range(200))


def reader(articles: Path, data_dir: Path) -> NewsReaderApp:
    return NewsReaderApp(articles, data_dir, read_after_seconds=3600)


def burst(app: NewsReaderApp, keys: str) -> None:
    """Keys as a paste or a fast link delivers them: all queued before any is handled."""
    names = {"/": "slash", "\n": "enter", "A": "A"}
    for char in keys:
        app.post_message(events.Key(names.get(char, char), char))


def footer_keys(app: NewsReaderApp) -> dict[str, str]:
    return {
        key: active.binding.description
        for key, active in app.screen.active_bindings.items()
        if active.binding.show and active.enabled
    }


async def test_q_and_escape_in_the_pane_go_back_to_the_list(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        assert isinstance(app.focused, ReadingPane)
        assert footer_keys(app).get("q") == "Back to list"
        await pilot.press("q")
        assert isinstance(app.focused, ArticleList)
        assert app.is_running
        assert footer_keys(app).get("q") == "Quit"
        await pilot.press("enter", "escape")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_burst_lands_where_slow_keys_would(tmp_path: Path, data_dir: Path) -> None:
    root = tmp_path / "library"
    for n in range(8):
        write(
            root,
            f"piece-{n}.md",
            f"---\ntitle: Piece {n}\ndate: 2026-01-{20 - n:02}\n---\n{LONG_BODY}",
        )
    app = reader(root, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "jjjj\nG")
        await settle(pilot)
        pane = app.main_screen.query_one(ReadingPane)
        assert pane.article is not None and pane.article.id == "piece-4"
        assert isinstance(app.focused, ReadingPane)
        assert pane.scroll_y > 0 and pane.scroll_y == pane.max_scroll_y


async def test_slash_then_letters_in_a_burst_search_them(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "/harb")
        await settle(pilot)
        assert app.main_screen.query_one("#filter", Input).value == "harb"
        assert app.main_screen.query_one(ArticleList).row_count == 1


async def test_down_in_the_search_box_moves_into_the_results(
    articles: Path, data_dir: Path
) -> None:
    app = reader(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press("down")
        assert isinstance(app.focused, ArticleList)


async def test_c_then_a_name_in_a_burst_fills_the_name(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "jcAna")
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)
        assert app.screen.article_id == "town/library-hours"
        assert app.screen.query_one("#name", Input).value == "Ana"


async def test_a_key_after_a_priority_binding_is_not_held(
    articles: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ctrl+s is taken by the form's priority binding and never reaches a widget; the key
    # after it must not wait for it to come back (it waited the give-up time, 5 s).
    monkeypatch.setattr(key_order, "GIVE_UP_SECONDS", 3600.0)
    app = reader(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("ctrl+s")  # nothing filled in: the form stays, naming the problems
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)
        assert app.screen.query_one("#name", Input).value == "A"


async def test_enter_in_name_and_email_moves_on(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await type_text(pilot, "Ana")
        await pilot.press("enter")
        assert app.focused is app.screen.query_one("#email", Input)
        await pilot.press("enter")
        assert app.focused is app.screen.query_one("#body", TextArea)
        assert isinstance(app.screen, CommentScreen)  # Enter never submits


async def test_help_scrolls_with_the_list_keys(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query_one("#help", VerticalScroll)
        await pilot.press("j")
        assert keys.scroll_y == 1
        await pilot.press("space")
        assert keys.scroll_y > 1
        await pilot.press("G")
        assert keys.scroll_y == keys.max_scroll_y > 0
        await pilot.press("b")
        assert keys.scroll_y < keys.max_scroll_y
        await pilot.press("g")
        assert keys.scroll_y == 0


async def test_enter_on_a_problem_opens_its_article(tmp_path: Path, data_dir: Path) -> None:
    root = tmp_path / "library"
    write(root, "a-good.md", "---\ntitle: Good\ndate: 2026-01-02\n---\nFine.\n")
    write(root, "b-odd.md", "---\ntitle: [unclosed\n---\nThe body is still shown.\n")
    app = reader(root, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("j", "k")
        assert app.screen.query_one(DataTable).cursor_row == 0
        await pilot.press("enter")
        await settle(pilot)
        pane = app.main_screen.query_one(ReadingPane)
        assert pane.article is not None and pane.article.id == "b-odd"
        assert isinstance(app.focused, ReadingPane)
        assert app.main_screen.query_one(ArticleList).is_read("b-odd")


async def test_one_focus_is_shown_search_box_or_list(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.main_screen.query_one(ArticleList)
        await pilot.press("slash")
        await settle(pilot)
        assert not article_list.has_focus
        cursor = article_list.get_component_rich_style("article-list--cursor")
        focused_cursor_colour = cursor.bgcolor
        search_box = app.main_screen.query_one("#filter", Input)
        box_border_while_typing = search_box.styles.border_top
        await pilot.press("down")
        await settle(pilot)
        assert article_list.get_component_rich_style("article-list--cursor").bgcolor != (
            focused_cursor_colour
        )
        # The box, still open, no longer looks focused: the list's border has the accent.
        assert search_box.display and search_box.styles.border_top != box_border_while_typing
        assert article_list.styles.border_top[1] == box_border_while_typing[1]


async def test_the_form_opens_at_its_top_with_name_focused(articles: Path, data_dir: Path) -> None:
    # Name is focused at once (for keys typed right after `c`), before the form has a size;
    # that once scrolled the heading and the moderation notice out of sight.
    app = reader(articles, data_dir)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        form = app.screen.query_one("#comment-form", VerticalScroll)
        assert app.focused is app.screen.query_one("#name", Input)
        assert form.max_scroll_y > 0 and form.scroll_y == 0
