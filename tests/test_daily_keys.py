"""Pilot tests: n / N to the next and previous unread article, space at the end of one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from newsreader.library.read_marks import ReadMarks
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.reading_pane import ReadingPane
from ui_helpers import settle

SIZE = (120, 34)
NEWEST = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


def five_stories(root: Path, body: str = "A short story.") -> Path:
    for number in range(5):
        moment = NEWEST - dt.timedelta(hours=number)
        path = root / f"story-{number}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: Story {number}\ndate: {moment.isoformat()}\n---\n{body}\n",
            encoding="utf-8",
        )
    return root


def cursor_id(app: NewsReaderApp) -> str | None:
    entry = app.main_screen.query_one(ArticleList).highlighted_entry
    return None if entry is None else entry.id


async def test_n_and_capital_n_skip_what_is_read(tmp_path: Path) -> None:
    app = NewsReaderApp(
        five_stories(tmp_path / "articles"), tmp_path / "data", read_after_seconds=3600
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "r", "j", "r", "g")  # stories 1 and 2 are read
        await settle(pilot)
        assert cursor_id(app) == "story-0"
        await pilot.press("n")
        assert cursor_id(app) == "story-3"
        await pilot.press("n", "n")  # story 4, then nothing further down
        await settle(pilot)
        assert cursor_id(app) == "story-4"
        assert any("No unread article below" in n.message for n in app._notifications)
        await pilot.press("N")
        assert cursor_id(app) == "story-3"
        await pilot.press("N")
        assert cursor_id(app) == "story-0"


async def test_space_at_the_end_of_an_article_goes_to_the_next_unread(tmp_path: Path) -> None:
    long_body = "\n\n".join(f"Paragraph {n}." for n in range(60))
    app = NewsReaderApp(
        five_stories(tmp_path / "articles", long_body), tmp_path / "data", read_after_seconds=3600
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "r", "g", "enter")  # story 1 is read
        await settle(pilot)
        pane = app.main_screen.query_one(ReadingPane)
        assert app.focused is pane
        await pilot.press("space")
        await settle(pilot)
        assert cursor_id(app) == "story-0"  # a page down, not yet the end
        for _ in range(10):
            if pane.scroll_y >= pane.max_scroll_y:
                break
            await pilot.press("space")
            await settle(pilot)
        assert cursor_id(app) == "story-0"
        await pilot.press("space")  # at the end: on to story 2, past the read story 1
        await settle(pilot)
        assert cursor_id(app) == "story-2"
        assert app.focused is pane
        assert pane.article is not None and pane.article.id == "story-2"


def titles(app: NewsReaderApp) -> list[str]:
    return [row.title for row in app.main_screen.query_one(ArticleList).rows]


async def test_h_hides_read_articles_but_not_the_one_being_read(tmp_path: Path) -> None:
    app = NewsReaderApp(
        five_stories(tmp_path / "articles"), tmp_path / "data", read_after_seconds=3600
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "r", "j", "r")  # stories 1 and 2 read; the cursor on 2
        await pilot.press("h")
        await settle(pilot)
        assert titles(app) == ["Story 0", "Story 2", "Story 3", "Story 4"]
        assert cursor_id(app) == "story-2"
        subtitle = app.main_screen.query_one(ArticleList).border_subtitle
        assert subtitle is not None and "read hidden" in str(subtitle)
        await pilot.press("h")
        await settle(pilot)
        assert len(titles(app)) == 5


async def test_s_cycles_the_sort_and_keeps_the_cursor(tmp_path: Path) -> None:
    root = five_stories(tmp_path / "articles")
    (root / "story-3.md").write_text(
        "---\ntitle: Aardvark news\ndate: 2026-11-20T09:00:00+00:00\n---\nWords.\n"
    )
    app = NewsReaderApp(root, tmp_path / "data", read_after_seconds=3600)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j")  # story 1
        await pilot.press("s")
        await settle(pilot)
        assert titles(app) == ["Aardvark news", "Story 0", "Story 1", "Story 2", "Story 4"]
        assert cursor_id(app) == "story-1"
        await pilot.press("s", "s")  # by source (all the same: newest first), then date
        await settle(pilot)
        assert titles(app)[0] == "Story 0"


async def test_capital_a_marks_all_in_view_read_and_u_undoes_it(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    app = NewsReaderApp(five_stories(tmp_path / "articles"), data_dir, read_after_seconds=3600)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "r")  # story 1 was read before
        await pilot.press("A")
        await settle(pilot)
        article_list = app.main_screen.query_one(ArticleList)
        assert all(article_list.is_read(f"story-{n}") for n in range(5))
        assert ReadMarks(data_dir).all_read() == {f"story-{n}" for n in range(5)}
        await pilot.press("u")
        await settle(pilot)
        assert [n for n in range(5) if article_list.is_read(f"story-{n}")] == [1]
        assert ReadMarks(data_dir).all_read() == {"story-1"}
