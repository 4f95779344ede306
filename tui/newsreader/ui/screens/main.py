"""The main screen: the article list beside the reading pane."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from newsreader.library.article import Article
from newsreader.library.scan import LibraryScan
from newsreader.library.search import WordFilter
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.reading_pane import ReadingPane


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "c",
            "comment",
            "Comment",
            tooltip="Write a comment on the article shown",
            id="main.comment",
        ),
        Binding(
            "slash",
            "filter",
            "Filter",
            key_display="/",
            tooltip="Filter the list by words as you type",
            id="main.filter",
        ),
        Binding(
            "escape",
            "clear_filter",
            "Clear filter",
            tooltip="Show every article again",
            id="main.clear_filter",
        ),
        Binding(
            "r", "toggle_read", "Read/unread", tooltip="Toggle the read mark", id="main.toggle_read"
        ),
        Binding(
            "p",
            "app.pending",
            "Pending",
            tooltip="Comments waiting for a moderator",
            id="main.pending",
        ),
        Binding(
            "question_mark",
            "app.help",
            "Help",
            key_display="?",
            tooltip="Every key, on one screen",
            id="main.help",
        ),
        Binding("q", "app.quit", "Quit", tooltip="Quit newsreader", id="main.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._all_articles: list[Article] = []
        self._filter: WordFilter | None = None
        self._status_notes: list[str] = []
        self.library_shown = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with Vertical(id="list-column"):
                yield Input(placeholder="Filter: type words (escape clears)", id="filter")
                yield ArticleList(id="articles")
            yield ReadingPane(id="reader")
        yield Static("", id="status", markup=False)
        yield Footer()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reading_pane(self) -> ReadingPane:
        return self.query_one(ReadingPane)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    def on_mount(self) -> None:
        self.reading_pane.border_title = "Reading"
        if not self.library_shown:
            # The library can load before this screen mounts; keep the count it set.
            self.article_list.border_title = "Articles"
            self.reading_pane.show_placeholder("Loading the library…")
        self.article_list.focus()

    # --- the library -------------------------------------------------------------------

    def show_library(self, scan: LibraryScan, read: set[str]) -> None:
        self._all_articles = scan.articles
        self._filter = WordFilter(scan.articles)
        self.article_list.set_articles(scan.articles, read)
        self._update_count()
        self.library_shown = True
        if not scan.articles:
            self.reading_pane.show_placeholder(f"No articles in {scan.root}")
        problems = scan.problem_count
        if problems:
            self.add_status_note(
                f"{problems} file(s) had problems; run `newsreader check` to list them"
            )

    def add_status_note(self, note: str) -> None:
        self._status_notes.append(note)
        status = self.query_one("#status", Static)
        status.update(" · ".join(self._status_notes))
        status.add_class("shown")

    def _update_count(self) -> None:
        shown, total = self.article_list.row_count, len(self._all_articles)
        count = f"{total}" if shown == total else f"{shown} of {total}"
        self.article_list.border_title = f"Articles ({count})"

    # --- list → reading pane -----------------------------------------------------------

    @on(ArticleList.Highlighted)
    def _show_highlighted(self, event: ArticleList.Highlighted) -> None:
        self.reading_pane.show(event.article)
        if event.article is None:
            if self._all_articles:
                self.reading_pane.show_placeholder("No article matches the filter.")
            return
        if not self.article_list.is_read(event.article.id):
            self.article_list.set_read(event.article.id, True)
            self._save_read_mark(event.article.id, True)

    @on(ArticleList.Opened)
    def _focus_reader(self) -> None:
        self.reading_pane.focus()

    @work(thread=True, exit_on_error=False, group="read-marks")
    def _save_read_mark(self, article_id: str, read: bool) -> None:
        from newsreader.ui.app import NewsReaderApp

        app = self.app
        assert isinstance(app, NewsReaderApp)
        try:
            app.read_marks.mark([article_id], read=read)
        except Exception as error:  # a lost read mark must never stop the reader
            app.call_from_thread(
                app.notify,
                f"Could not save the read mark: {error}",
                severity="warning",
                markup=False,
            )

    def action_toggle_read(self) -> None:
        article = self.article_list.highlighted
        if article is None:
            return
        read = not self.article_list.is_read(article.id)
        self.article_list.set_read(article.id, read)
        self._save_read_mark(article.id, read)

    # --- filtering ---------------------------------------------------------------------

    def action_filter(self) -> None:
        self.filter_input.add_class("active")
        self.filter_input.focus()

    @on(Input.Changed, "#filter")
    def _apply_filter(self, event: Input.Changed) -> None:
        if self._filter is None:
            return
        self.article_list.set_articles(self._filter.matching(event.value))
        self._update_count()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.article_list.focus()

    def clear_filter(self) -> None:
        self.filter_input.value = ""
        self.filter_input.remove_class("active")
        self.article_list.focus()

    def action_clear_filter(self) -> None:
        self.clear_filter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return self.filter_input.has_class("active")
        return True

    # --- comments ------------------------------------------------------------------------

    def action_comment(self) -> None:
        from newsreader.ui.app import NewsReaderApp

        article = self.reading_pane.article
        if article is None:
            self.notify("Choose an article first.", severity="warning")
            return
        app = self.app
        assert isinstance(app, NewsReaderApp)
        app.open_comment_form(article)
