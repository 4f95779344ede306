"""R and F on the main screen: fetching the feeds now, its progress and summary, and the
feeds screen whose choice narrows the list. The main screen is built on this class; what
it needs of the main screen is declared here and provided there."""

from __future__ import annotations

from textual import on
from textual.screen import Screen

from newsreader.library.article import ArticleEntry
from newsreader.ui import messages
from newsreader.ui.context import ReaderContext
from newsreader.ui.list_view import ListView
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.index_progress import IndexProgress


class FeedsOnMainScreen(Screen[None]):
    context: ReaderContext
    list_view: ListView

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def entries(self) -> list[ArticleEntry]:
        raise NotImplementedError  # the main screen's articles

    def _show_rows(self) -> None:
        raise NotImplementedError  # the main screen fills its list

    def action_fetch_feeds(self) -> None:
        refresher = self.context.feeds
        if refresher is None:
            self.notify("Fetching is off in this reader.", severity="warning")
        elif not refresher.start():
            self.notify("The feeds are being fetched already.", timeout=3)
        else:
            self.notify("Fetching the feeds…", timeout=3)

    @on(messages.FeedsProgress)
    def _feeds_progress(self, event: messages.FeedsProgress) -> None:
        self.query_one("#fetch-progress", IndexProgress).show_progress(event.done, event.total)
        if event.landed:
            self.post_message(messages.LibraryStale())  # its new articles, into the list now

    @on(messages.FeedsFetched)
    def _feeds_fetched(self, event: messages.FeedsFetched) -> None:
        self.query_one("#fetch-progress", IndexProgress).show_progress(0, 0)
        shown = [event.line, *event.failures[:3]]
        if len(event.failures) > 3:
            shown.append(f"and {len(event.failures) - 3} more (newsreader feeds list)")
        said = "\n".join(shown)
        if event.failures:
            self.notify(said, severity="warning", timeout=8, markup=False)
        else:
            self.notify(said, timeout=8, markup=False)
        if event.fetched:
            self.post_message(messages.LibraryStale())  # the new articles, into the list

    def action_feeds(self) -> None:
        from newsreader.ui.feeds_overview import show_feeds

        read = self.article_list.read_ids
        show_feeds(self, self.context.feeds, self.entries, read, self.narrow_to_feed)

    def narrow_to_feed(self, feed: str) -> None:
        self.list_view.feed = feed
        self._show_rows()
