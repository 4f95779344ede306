"""The pending screen reads the queue a page at a time: far rows, damaged rows, the keys."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

import pytest
from textual.containers import VerticalScroll

from newsreader.comments.delivery.outbox_pages import OutboxPages
from newsreader.comments.queue import PendingQueue
from newsreader.ui.screens.help import HelpScreen
from newsreader.ui.screens.pending import CommentView, PendingScreen
from newsreader.ui.widgets.pending_list import PAGE_SIZE, PendingList
from ui_helpers import make_app, settle, static_text, wait_until

SIZE = (110, 34)
COUNT = 3 * PAGE_SIZE + 7


def fill(data_dir: Path, count: int = COUNT) -> PendingQueue:
    queue = PendingQueue.open(data_dir)
    with contextlib.closing(sqlite3.connect(queue.path)) as connection, connection:
        connection.executemany(
            "INSERT INTO comments (id, article_id, article_title, name, email, body, created, "
            "status, version, article_url) VALUES (?, 'a', 'Tides', 'Ana', '', ?, ?, "
            "'pending', 1, 'https://nowhere.example.net/tides')",
            (
                (f"00000000-0000-4000-8000-{n:012d}", f"Comment number {n}", f"2026-11-01T{n:06d}")
                for n in range(count)
            ),
        )
    return queue


def test_pages_come_in_queued_order_and_a_damaged_row_keeps_its_neighbours(
    data_dir: Path,
) -> None:
    queue = fill(data_dir)
    with contextlib.closing(sqlite3.connect(queue.path)) as connection, connection:
        connection.execute(
            "UPDATE comments SET body = CAST(x'ff41' AS TEXT) WHERE id LIKE '%000000000105'"
        )
    pages = OutboxPages(queue)
    assert pages.count() == COUNT
    last = pages.page(3, PAGE_SIZE)
    assert [entry.body for _, entry in last if not isinstance(entry, str)][-1] == (
        f"Comment number {COUNT - 1}"
    )
    second = pages.page(1, PAGE_SIZE)
    assert len(second) == PAGE_SIZE
    damaged = [entry for _, entry in second if isinstance(entry, str)]
    assert len(damaged) == 1 and "UTF-8" in damaged[0]
    assert sum(not isinstance(entry, str) for _, entry in second) == PAGE_SIZE - 1


async def test_keys_move_through_a_list_longer_than_a_page(articles: Path, data_dir: Path) -> None:
    fill(data_dir)
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PendingScreen)
        pending_list = app.screen.query_one(PendingList)
        assert pending_list.row_count == COUNT
        assert pending_list.row_texts(0)[-1] == "Comment number 0"
        await pilot.press("G")
        await wait_until(
            pilot,
            lambda: pending_list.row_texts(COUNT - 1)[-1:] == [f"Comment number {COUNT - 1}"],
            "the last page read",
        )
        assert pending_list.cursor_row == COUNT - 1
        assert "no comment server for nowhere.example.net" in static_text(app, "#pending-detail")
        await pilot.press("k", "k")
        assert pending_list.cursor_row == COUNT - 3
        await pilot.press("g")
        assert pending_list.cursor_row == 0
        await pilot.press("j", "end")
        assert pending_list.cursor_row == COUNT - 1
        await pilot.press("home", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CommentView)
        assert "Comment number 0" in static_text(app, "#comment-view Static")
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_comment_longer_than_the_screen_scrolls_with_the_list_keys(
    articles: Path, data_dir: Path
) -> None:
    queue = fill(data_dir, 1)
    long_body = "\n".join(f"Line {n} of a long comment." for n in range(150))
    with contextlib.closing(sqlite3.connect(queue.path)) as connection, connection:
        connection.execute("UPDATE comments SET body = ?", (long_body,))
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CommentView)
        text = app.screen.query_one("#comment-view", VerticalScroll)
        assert text.max_scroll_y > 100  # far longer than the dialog
        await pilot.press("G")
        assert text.scroll_y == text.max_scroll_y
        await pilot.press("g", "j", "j")
        assert text.scroll_y == 2
        await pilot.press("space")
        assert text.scroll_y > 10
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PendingScreen)


async def test_an_older_read_that_finishes_last_does_not_bring_rows_back(
    articles: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    queue = fill(data_dir, 2)
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PendingScreen)
        pending_list = screen.query_one(PendingList)
        # The first of two reads is held after it counted two comments…
        counted: list[int] = []
        first_may_go = threading.Event()
        count = OutboxPages.count

        def held_count(pages: OutboxPages) -> int:
            found = count(pages)
            counted.append(found)
            if len(counted) == 1:
                first_may_go.wait(20)
            return found

        monkeypatch.setattr(OutboxPages, "count", held_count)
        screen.reload()
        await wait_until(pilot, lambda: counted == [2], "the first read")
        # … one is withdrawn meanwhile, and a second read shows what is left.
        queue.withdraw(queue.pending()[0].id)
        screen.reload()
        await wait_until(pilot, lambda: pending_list.row_count == 1, "the second read")
        first_may_go.set()
        await settle(pilot)
        assert pending_list.row_count == 1  # the first read's two rows came too late
