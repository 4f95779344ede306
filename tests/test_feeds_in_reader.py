"""R in the reader: the feeds are fetched from a local server while it runs; new articles
join the list, the article being read stays, failures are named."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from feed_server import FeedServer, Route, rss2
from newsreader.feeds.store import SubscriptionStore
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.feeds import FeedsScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.reading_pane import ReadingPane
from ui_helpers import settle, wait_until

SIZE = (120, 34)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer().running(seconds=120) as running:
        yield running


def listed_ids(app: NewsReaderApp) -> list[str]:
    return [row.id for row in app.main_screen.query_one(ArticleList).rows]


def reader_with_two_feeds(articles: Path, data_dir: Path, server: FeedServer) -> NewsReaderApp:
    """Subscribed to a feed of 3 entries, and to one whose server fails (500)."""
    server.routes["/harbour.xml"] = Route(rss2(1, 3, title="Harbour news"))
    server.routes["/broken.xml"] = Route(status=500)
    store = SubscriptionStore(data_dir)
    store.add("harbour", server.url("/harbour.xml"))
    store.add("broken", server.url("/broken.xml"))
    return NewsReaderApp(articles, data_dir, read_after_seconds=3600)


async def fetch_with_r(app: NewsReaderApp, pilot: Pilot[None]) -> None:
    await pilot.press("R")
    await wait_until(
        pilot,
        lambda: sum(i.startswith("feeds/harbour/") for i in listed_ids(app)) == 3,
        "the fetched articles listed",
    )


async def test_r_fetches_and_the_new_articles_join_the_list(
    articles: Path, data_dir: Path, server: FeedServer
) -> None:
    app = reader_with_two_feeds(articles, data_dir, server)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = listed_ids(app)
        pane = app.main_screen.query_one(ReadingPane)
        reading = pane.article.id if pane.article else None
        await fetch_with_r(app, pilot)
        await settle(pilot)
        assert set(before) <= set(listed_ids(app))
        assert (pane.article.id if pane.article else None) == reading  # the pane stayed
        said = "\n".join(n.message for n in app._notifications)
        assert "2 feeds: 3 new, 0 updated, 1 failed" in said
        assert "broken:" in said


async def test_f_lists_the_feeds_and_enter_narrows_the_list(
    articles: Path, data_dir: Path, server: FeedServer
) -> None:
    app = reader_with_two_feeds(articles, data_dir, server)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await fetch_with_r(app, pilot)
        await pilot.press("F")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FeedsScreen)
        rows = {row.name: row for row in screen.rows}
        assert (rows["harbour"].articles, rows["harbour"].unread) == (3, 3)
        assert rows["broken"].last_error and "500" in rows["broken"].last_error
        order = [row.name for row in screen.rows]
        await pilot.press(*["j"] * (order.index("harbour") + 1), "enter")
        await settle(pilot)
        assert not isinstance(app.screen, FeedsScreen)
        assert len(listed_ids(app)) == 3
        assert all(i.startswith("feeds/harbour/") for i in listed_ids(app))
        await pilot.press("F", "g", "enter")  # Every article
        await settle(pilot)
        assert len(listed_ids(app)) == 6
