"""`F` on the main screen: the feeds screen filled from the subscriptions and the list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from newsreader.library.article import ArticleEntry
from newsreader.library.sources import FEEDS_PREFIX
from newsreader.safe_text import one_line

if TYPE_CHECKING:
    from newsreader.ui.feed_refresher import FeedRefresher


def show_feeds(
    screen: Screen[Any],
    refresher: FeedRefresher | None,
    entries: Sequence[ArticleEntry],
    read: set[str],
    narrow_to: Callable[[str], None],
) -> None:
    """Open the feeds screen; the feed chosen there (or "" for all) goes to `narrow_to`."""
    from newsreader.feeds.store import StoreError
    from newsreader.ui.screens.feeds import FeedRow, FeedsScreen

    if refresher is None:
        screen.notify("Feeds are off in this reader.", severity="warning")
        return
    problem = ""
    try:
        subscriptions = refresher.subscriptions()
    except StoreError as error:
        subscriptions, problem = [], f"The subscriptions could not be read: {one_line(str(error))}"
    articles: Counter[str] = Counter()
    unread: Counter[str] = Counter()
    for entry in entries:
        prefix, _, rest = entry.id.partition("/")
        if prefix == FEEDS_PREFIX and "/" in rest:
            feed = rest.split("/", 1)[0]
            articles[feed] += 1
            unread[feed] += entry.id not in read
    rows = [
        FeedRow(
            sub.name,
            sub.url,
            articles[sub.name],
            unread[sub.name],
            sub.last_fetched,
            sub.last_error,
        )
        for sub in subscriptions
    ]

    def closed(feed: str | None) -> None:
        if feed is not None:
            narrow_to(feed)

    screen.app.push_screen(FeedsScreen(rows, problem), closed)
