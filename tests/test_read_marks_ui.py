"""Pilot tests: an article is read when opened or left shown, never when passed over;
what is being read does not change by itself when the library does."""

from __future__ import annotations

import os
from pathlib import Path

from newsreader.library.read_marks import ReadMarks
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.reading_pane import ReadingPane
from ui_helpers import settle, type_text, wait_until

SIZE = (110, 34)
# Long enough that no test here outlasts it by accident.
NEVER = 3600.0


def reader(articles: Path, data_dir: Path, read_after: float = NEVER) -> NewsReaderApp:
    return NewsReaderApp(articles, data_dir, read_after_seconds=read_after)


def shown_id(app: NewsReaderApp) -> str | None:
    article = app.main_screen.query_one(ReadingPane).article
    return None if article is None else article.id


async def test_launch_and_quit_marks_nothing(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir, read_after=3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown_id(app) == "harbour-wall"
    assert ReadMarks(data_dir).all_read() == set()


async def test_passing_over_articles_never_marks_them(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("G", "k", "k", "j", "g"):
            await pilot.press(key)
            await settle(pilot)
        article_list = app.main_screen.query_one(ArticleList)
        assert not any(article_list.is_read(i) for i in ("harbour-wall", "tide-clocks"))
    assert ReadMarks(data_dir).all_read() == set()


async def test_typing_a_search_does_not_mark_the_first_hit(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "tide")
        await settle(pilot)
        assert shown_id(app) == "tide-clocks"
    assert ReadMarks(data_dir).all_read() == set()


async def test_an_article_left_shown_becomes_read(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir, read_after=0.3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        article_list = app.main_screen.query_one(ArticleList)
        await wait_until(
            pilot, lambda: article_list.is_read("town/library-hours"), "the timer's read mark"
        )
        await wait_until(
            pilot,
            lambda: "town/library-hours" in ReadMarks(data_dir).all_read(),
            "the read mark on disk",
        )


async def test_enter_opens_and_marks_read_at_once(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        assert app.main_screen.query_one(ArticleList).is_read("town/library-hours")
        assert isinstance(app.focused, ReadingPane)


async def test_scrolling_the_pane_marks_read(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.main_screen.query_one(ArticleList)
        await pilot.press("tab")  # into the pane without Enter
        assert isinstance(app.focused, ReadingPane)
        assert not article_list.is_read("harbour-wall")
        await pilot.press("j")
        await settle(pilot)
        assert article_list.is_read("harbour-wall")


async def test_a_click_in_the_pane_marks_read(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.main_screen.query_one(ArticleList)
        assert not article_list.is_read("harbour-wall")
        await pilot.click(ReadingPane)
        await settle(pilot)
        assert article_list.is_read("harbour-wall")


async def test_unread_by_r_sticks_when_passed_again(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir, read_after=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.main_screen.query_one(ArticleList)
        await pilot.press("enter", "r")  # opened, then kept unread
        await settle(pilot)
        assert not article_list.is_read("harbour-wall")
        await pilot.press("escape", "j", "k")
        await settle(pilot)
        assert shown_id(app) == "harbour-wall"
        # The timer is not even armed for it, and the other article's timer proves time
        # passed: the one passed over was marked, this one never is.
        assert app.main_screen.read_marker._timer is None
        await pilot.press("j")
        await wait_until(pilot, lambda: article_list.is_read("town/library-hours"), "timer")
        assert not article_list.is_read("harbour-wall")
    assert "harbour-wall" not in ReadMarks(data_dir).all_read()


def add_newer_article(articles: Path) -> None:
    (articles / "newest.md").write_text(
        "---\ntitle: A newer piece arrives\ndate: 2030-01-01\n---\nNew text.\n",
        encoding="utf-8",
    )


async def test_a_refresh_keeps_the_article_being_read(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.main_screen.query_one(ReadingPane)
        before = pane.plain_lines()
        add_newer_article(articles)
        app.refresh_library()
        await settle(pilot)
        article_list = app.main_screen.query_one(ArticleList)
        assert article_list.row_count == 4
        assert article_list.highlighted_entry is not None
        assert article_list.highlighted_entry.id == "harbour-wall"
        assert shown_id(app) == "harbour-wall"
        assert pane.plain_lines() == before
    assert ReadMarks(data_dir).all_read() == set()


async def test_an_edited_article_stays_as_it_was_shown(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.main_screen.query_one(ReadingPane)
        before = pane.plain_lines()
        path = articles / "harbour-wall.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nA line added later.\n")
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        app.refresh_library()
        await settle(pilot)
        assert shown_id(app) == "harbour-wall"
        assert pane.plain_lines() == before


async def test_a_deleted_article_is_replaced_with_a_note(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        (articles / "harbour-wall.md").unlink()
        app.refresh_library()
        await settle(pilot)
        assert shown_id(app) == "town/library-hours"
        notes = [n.message for n in app._notifications]
        assert any("no longer in the library" in note for note in notes), notes
