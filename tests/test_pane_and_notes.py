"""Pilot tests: the reading pane's measure and search highlights; status notes that go
away once they are no longer true."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.widgets.reading_pane import ReadingPane
from ui_helpers import press_and_settle, settle, static_text, type_text

NEVER = 3600.0


def reader(articles: Path, data_dir: Path, measure: int | None = None) -> NewsReaderApp:
    return NewsReaderApp(articles, data_dir, read_after_seconds=NEVER, measure=measure)


@pytest.mark.parametrize("measure", [40, 90])
async def test_lines_keep_to_the_measure_on_a_wide_terminal(
    articles: Path, data_dir: Path, measure: int
) -> None:
    app = reader(articles, data_dir, measure=measure)
    async with app.run_test(size=(250, 40)) as pilot:
        await settle(pilot)
        pane = app.main_screen.query_one(ReadingPane)
        assert pane.scrollable_content_region.width > measure + 20
        lines = pane.plain_lines()
        assert lines and max(len(line.rstrip()) for line in lines) <= measure
        # Set in the middle: the margin is on both sides.
        drawn = [strip.text for strip in (pane.render_line(y) for y in range(3))]
        assert drawn[0].startswith(" " * ((pane.scrollable_content_region.width - measure) // 2))


async def test_search_words_are_highlighted_in_the_pane(articles: Path, data_dir: Path) -> None:
    app = reader(articles, data_dir)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        pane = app.main_screen.query_one(ReadingPane)
        match_style = pane.render_styles.search_match

        def marked() -> list[str]:
            texts = []
            for y in range(pane.scrollable_content_region.height):
                for segment in pane.render_line(y):
                    if segment.style is not None and segment.style.bgcolor == match_style.bgcolor:
                        texts.append(segment.text)
            return texts

        assert marked() == []
        await pilot.press("slash")
        await type_text(pilot, "gran")
        await settle(pilot)
        assert "gran" in [text.lower() for text in marked()]  # "granite", its start
        await pilot.press("escape")
        await settle(pilot)
        assert marked() == []


async def test_a_failed_search_note_goes_when_a_search_works(
    articles: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from newsreader.library import search

    real = search.matching_rows

    def failing_for_x(index: object, text: str) -> set[int] | None:
        if "zz" in text:
            raise sqlite3.OperationalError("disk I/O error")
        return real(index, text)  # type: ignore[arg-type]

    monkeypatch.setattr(search, "matching_rows", failing_for_x)
    app = reader(articles, data_dir)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "zz")
        await settle(pilot)
        assert "Search failed" in static_text(app, "#status")
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "tide")
        await settle(pilot)
        assert "Search failed" not in static_text(app, "#status")


async def test_the_draft_waiting_line_goes_once_it_is_sent(articles: Path, data_dir: Path) -> None:
    PendingQueue.open(data_dir).save_draft(
        "00000000-0000-4000-8000-0000000000b1",
        CommentDraft("harbour-wall", "Harbour wall repairs finish early", "Ana", "", "text"),
    )
    app = reader(articles, data_dir)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        assert "draft is waiting" in static_text(app, "#status")
        await pilot.press("c")  # the draft comes back in the form
        await settle(pilot)
        await press_and_settle(pilot, "ctrl+s")
        assert "draft is waiting" not in static_text(app, "#status")


async def test_tags_show_in_the_header_and_tag_finds_the_article(
    articles: Path, data_dir: Path
) -> None:
    from newsreader.ui.widgets.article_list import ArticleList

    app = reader(articles, data_dir)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        article_list = app.main_screen.query_one(ArticleList)
        pane = app.main_screen.query_one(ReadingPane)
        assert pane.article is not None and pane.article.id == "harbour-wall"
        assert "Tags: harbour, council" in [line.rstrip() for line in pane.plain_lines()]
        await pilot.press("slash")
        await type_text(pilot, "tag:counc")
        await settle(pilot)
        assert [article_list._rows[i].id for i in range(article_list.row_count)] == ["harbour-wall"]
        assert article_list.border_title is not None and "1 of 3" in article_list.border_title
