"""Workers' messages and the list's Textual idioms: coalesced progress, clicks by row."""

from __future__ import annotations

from pathlib import Path

from library_samples import write_library
from newsreader.ui import messages
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.reading_pane import ReadingPane
from ui_helpers import make_app, settle


def test_only_the_latest_index_progress_is_drawn() -> None:
    older, newer = messages.IndexProgress(10, 100), messages.IndexProgress(20, 100)
    assert older.can_replace(newer)
    loaded = messages.LibraryLoaded([], complete=False)
    assert not older.can_replace(loaded)
    assert not loaded.can_replace(messages.LibraryLoaded([], complete=True))


async def test_a_click_on_a_row_highlights_that_article(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "articles"), tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.highlighted == 0
        top = article_list.content_region.y - article_list.region.y  # the border
        await pilot.click(ArticleList, offset=(5, top + 2))
        await settle(pilot)
        assert article_list.highlighted == 2
        entry = article_list.highlighted_entry
        assert entry is not None
        pane = app.screen.query_one(ReadingPane)
        assert pane.article is not None and pane.article.id == entry.id
        # Below the last row there is no row to go to: the cursor stays.
        await pilot.click(ArticleList, offset=(5, top + article_list.row_count + 2))
        await settle(pilot)
        assert article_list.highlighted == 2


async def test_highlighted_is_kept_within_the_rows(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "articles"), tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        article_list.highlighted = 10_000
        assert article_list.highlighted == article_list.row_count - 1
        article_list.highlighted = -5
        assert article_list.highlighted == 0
        article_list.set_entries([])
        assert article_list.highlighted is None
        assert article_list.highlighted_entry is None


async def test_a_warning_posted_to_the_main_screen_reaches_the_app(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "articles"), tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.post_message(messages.Warn("The [b]cache[/b] is slow"))
        await settle(pilot)
        assert app.messages_for_stderr[-1] == "The [b]cache[/b] is slow"
        assert "The [b]cache[/b] is slow" in str(screen.query_one("#status").render())
