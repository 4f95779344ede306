"""The main screen: the article list beside the reading pane, and search.

The app's library worker fills the list (its messages, `ui/messages.py`, land here); this
screen keeps the entries, narrows them by search, and loads the article under the cursor
off the UI thread. Only the latest load counts: holding `j` down cancels each one in turn,
and a late result for an article no longer under the cursor is dropped."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input
from textual.worker import get_current_worker

from newsreader.library.article import Article, ArticleEntry
from newsreader.safe_text import one_line
from newsreader.ui import messages
from newsreader.ui.article_links import open_article_page, show_links
from newsreader.ui.bulk_read_marks import BulkReadMarks
from newsreader.ui.context import ReaderContext
from newsreader.ui.list_view import ListView
from newsreader.ui.read_marker import DEFAULT_READ_AFTER_SECONDS, ReadMarker
from newsreader.ui.screens.main_feeds import FeedsOnMainScreen
from newsreader.ui.screens.main_keys import MAIN_BINDINGS
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.index_progress import IndexProgress
from newsreader.ui.widgets.key_footer import KeyFooter
from newsreader.ui.widgets.reading_pane import DEFAULT_MEASURE, ReadingPane
from newsreader.ui.widgets.status_line import StatusLine
from newsreader.wording import count_of

if TYPE_CHECKING:
    from newsreader.comments.queue import PendingComment
    from newsreader.library.problem_list import ProblemFile


class MainScreen(FeedsOnMainScreen):
    BINDINGS: ClassVar[list[BindingType]] = MAIN_BINDINGS

    def __init__(
        self,
        context: ReaderContext,
        *,
        read_after_seconds: float | None = None,
        measure: int | None = None,
    ) -> None:
        """`read_after_seconds`, `measure`: the settings; None for the defaults."""
        super().__init__()
        self.context = context
        self.read_marker = ReadMarker(
            self,
            self._count_as_read,
            DEFAULT_READ_AFTER_SECONDS if read_after_seconds is None else read_after_seconds,
        )
        self._measure = DEFAULT_MEASURE if measure is None else measure
        self._entries: list[ArticleEntry] = []
        self._query = ""
        # Index rowids of the articles matching `_query`; None when every article is shown.
        self._matches: set[int] | None = None
        self._problem_files: list[ProblemFile] = []
        self.library_shown = False
        self.list_settled = False  # the index has matched the disk at least once (read-only)
        self.list_view = ListView(context.list_sort, context.show_read)
        self.bulk_read_marks = BulkReadMarks(self, context)

    def compose(self) -> ComposeResult:
        pane = ReadingPane(id="reader")
        pane.measure = self._measure
        with Horizontal(id="panes"):
            with Vertical(id="list-column"):
                search_hint = "Search: words, tag:, source:, author: (escape clears)"
                yield Input(placeholder=search_hint, id="filter")
                yield ArticleList(id="articles", open_into=pane, columns=self.context.list_columns)
                yield IndexProgress(id="index-progress")
                yield IndexProgress(
                    id="fetch-progress", doing="Fetching", things="feeds", show_from=1
                )
            yield pane
        yield StatusLine(id="status")
        yield KeyFooter()

    @property
    def entries(self) -> list[ArticleEntry]:
        return self._entries

    @property
    def reading_pane(self) -> ReadingPane:
        return self.query_one(ReadingPane)

    @property
    def status_line(self) -> StatusLine:
        return self.query_one(StatusLine)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    @property
    def index_progress(self) -> IndexProgress:
        return self.query_one(IndexProgress)

    def on_mount(self) -> None:
        self.reading_pane.border_title = "Reading"
        self.article_list.focus()
        first = self.context.library.first_page_if_ready()
        if first is not None:
            for warning in first.warnings:
                self.post_message(messages.Warn(warning))
            if first.index is not None:
                self.show_library(first.entries, first.read, complete=False)

    # --- the library -------------------------------------------------------------------

    @on(messages.LibraryLoaded)
    def _library_loaded(self, event: messages.LibraryLoaded) -> None:
        if event.entries is not None:
            self.show_library(event.entries, event.read, complete=event.complete)
        elif event.complete:
            self.mark_complete()

    @on(messages.IndexProgress)
    def _index_progress(self, event: messages.IndexProgress) -> None:
        self.index_progress.show_progress(event.done, event.total)

    @on(messages.ProblemsFound)
    def _problems_found(self, event: messages.ProblemsFound) -> None:
        self.set_problems(event.problems)

    def show_library(
        self, entries: list[ArticleEntry], read: set[str] | None = None, *, complete: bool
    ) -> None:
        """Show these entries (newest first). `complete`: the index matches the disk now;
        before that, an empty list means "not indexed yet", not "no articles"."""
        self._entries = entries
        self.library_shown = True
        if self._matches is not None:
            self._search(self._query)  # the new entries may match too
        self._show_rows(read, from_library=True, complete=complete)
        if complete:
            self.mark_complete()
        elif not entries:
            self.reading_pane.show_placeholder("Reading the library for the first time…")

    def mark_complete(self) -> None:
        """The list now shows what is on disk (until the next change there)."""
        self.list_settled = True
        if not self._entries:
            root = one_line(str(self.context.articles_root))
            self.reading_pane.show_placeholder(f"No articles in {root}")

    def set_problems(self, problem_files: list[ProblemFile]) -> None:
        """The files with problems, as the last look at the library found them (for `!`)."""
        self._problem_files = problem_files
        if count := len(problem_files):
            key = self.context.key("main.problems")
            self.status_line.add(
                f"{count_of(count, 'file')} had problems; press {key} to list them", "problems"
            )
        else:
            self.status_line.drop("problems")

    def add_status_note(self, note: str, key: str | None = None) -> None:
        """A line under the panes; one with a `key` is replaced or dropped by that key
        once it is no longer true (the drafts waiting, a failed search)."""
        self.status_line.add(note, key)

    def _show_rows(
        self, read: set[str] | None = None, *, from_library: bool = False, complete: bool = True
    ) -> None:
        """Fill the list: after a look at the library (an article gone: its neighbour is
        next), or after a search (the highlighted article not found: the first match)."""
        matches = self._matches
        rows = (
            self._entries if matches is None else [e for e in self._entries if e.rowid in matches]
        )
        shown_now = self.article_list.highlighted_entry
        rows = self.list_view.arranged(
            rows,
            self.article_list.read_ids if read is None else read,
            shown_now.id if shown_now is not None else None,
        )
        self.article_list.set_entries(
            rows,
            read,
            stay_on_row=from_library,
            # Until the first walk is over, newer articles keep arriving above; after it,
            # what the person is reading stays under the cursor.
            top_unless_moved=not (complete or self.list_settled),
        )
        shown, total = len(rows), len(self._entries)
        count = f"{total:,}" if shown == total else f"{shown:,} of {total:,}"
        self.article_list.border_title = f"Articles ({count})"
        # The query beside its results: while typing fast, which query is shown is clear.
        notes = [] if matches is None else [f"matching “{one_line(self._query)}”"]
        if view := self.list_view.describe():
            notes.append(view)
        self.article_list.border_subtitle = Content(" · ".join(notes)) if notes else None

    def action_hide_read(self) -> None:
        self.list_view.show_read = not self.list_view.show_read
        self._show_rows()
        hint = f"({self.context.key('main.hide_read')} shows them)"
        shown = "shown again" if self.list_view.show_read else f"hidden {hint}"
        self.notify(f"Read articles {shown}.", timeout=3)

    def action_next_sort(self) -> None:
        self.notify(f"Sorted by {self.list_view.next_sort()}.", timeout=3)
        self._show_rows()

    def action_mark_all_read(self) -> None:
        self.bulk_read_marks.mark_all_read(self.article_list)

    def action_undo_read(self) -> None:
        self.bulk_read_marks.undo(self.article_list)

    # --- list → reading pane -----------------------------------------------------------

    @on(ArticleList.Highlighted)
    def _show_highlighted(self, event: ArticleList.Highlighted) -> None:
        entry = event.entry
        if event.gone is not None:
            self.notify(
                f"“{one_line(event.gone.title)}” is no longer in the library; showing the next.",
                severity="warning",
                markup=False,
            )
        if entry is None:
            self.read_marker.shown_now(None)
            self.reading_pane.expect(None)
            if self._entries:
                self.reading_pane.show_placeholder("No article matches the search.")
            return
        self.reading_pane.expect(entry.id)
        # Once the list has moved its cursor on screen: the key is answered first.
        self.call_after_refresh(self._load_article, entry)

    @work(thread=True, exclusive=True, exit_on_error=False, group="article")
    def _load_article(self, entry: ArticleEntry) -> None:
        # Loaded here, off the UI thread, before the pane first needs them.
        import newsreader.render.blocks  # noqa: F401

        article = self.context.library.sources.load(entry.path)
        if not isinstance(article, str):
            article.word_count  # noqa: B018 - counted here, not on the UI thread
        if not get_current_worker().is_cancelled:
            self.post_message(messages.ArticleLoaded(entry, article))

    @on(messages.ArticleLoaded)
    def _on_article_loaded(self, event: messages.ArticleLoaded) -> None:
        self._article_loaded(event.entry, event.article)

    def _article_loaded(self, entry: ArticleEntry, article: Article | str) -> None:
        if self.article_list.highlighted_entry != entry:
            return  # the cursor has moved on
        if isinstance(article, str):
            self.reading_pane.show_placeholder(f"This article could not be read: {article}.")
            self.post_message(messages.LibraryStale())  # the index is out of date
            return
        self.reading_pane.show(article)
        self.read_marker.shown_now(entry.id)

    def _count_as_read(self, article_id: str) -> None:
        if not self.article_list.is_read(article_id):
            self.article_list.set_read(article_id, True)
            self._save_read_mark(article_id, True)

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.read_marker.opened(event.entry.id)

    @on(ReadingPane.Engaged)
    def _engaged(self, event: ReadingPane.Engaged) -> None:
        self.article_list.keep_place()
        self.read_marker.engaged(event.article.id)

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        if event.widget is self.reading_pane:
            self.article_list.keep_place()  # reading it: the first indexing must not swap it

    def action_next_unread(self, step: str) -> None:
        if not self.article_list.move_to_unread(int(step)):
            where = "below" if step == "1" else "above"
            self.notify(f"No unread article {where}.", timeout=3)

    @on(ReadingPane.EndReached)
    def _end_reached(self) -> None:
        self.action_next_unread("1")

    def action_open_page(self) -> None:
        open_article_page(self, self.reading_pane.article)

    def action_links(self) -> None:
        show_links(self, self.reading_pane.article)

    def action_back_to_list(self) -> None:
        self.set_focus(self.article_list)

    async def action_quit(self) -> None:
        await self.app.action_quit()

    @work(thread=True, exit_on_error=False, group="read-marks")
    def _save_read_mark(self, article_id: str, read: bool) -> None:
        try:
            self.context.read_marks.mark([article_id], read=read)
        except Exception as error:  # a lost read mark must never stop the reader
            self.post_message(
                messages.Notice(f"Could not save the read mark: {error}", warning=True)
            )

    def action_toggle_read(self) -> None:
        entry = self.article_list.highlighted_entry
        if entry is None:
            return
        read = not self.article_list.is_read(entry.id)
        if read:
            self.read_marker.read_again(entry.id)
        else:
            self.read_marker.kept_unread(entry.id)
        self.article_list.set_read(entry.id, read)
        self._save_read_mark(entry.id, read)

    def action_toggle_saved_page(self) -> None:
        if not self.reading_pane.toggle_saved_page():
            self.notify("Only a saved page (.txt) has a saved version to show.", markup=False)

    # --- search ------------------------------------------------------------------------

    def action_filter(self) -> None:
        self.filter_input.add_class("active")
        # At once, not after a refresh: letters typed right after `/` belong in the box.
        self.set_focus(self.filter_input)

    @on(Input.Changed, "#filter")
    def _query_changed(self, event: Input.Changed) -> None:
        from newsreader.library.search import search_words

        self._query = event.value
        words = search_words(event.value)
        self.reading_pane.highlight_words(words)
        if not words:
            self.status_line.drop("search")
            self._matches = None
            self._show_rows()
            return
        self._search(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def _search(self, query: str) -> None:
        from newsreader.library.search import matching_rows

        index = self.context.library.index
        if index is None:
            return  # not open yet: the first entries will run the search again
        try:
            matches = matching_rows(index, query)
        except Exception as error:  # a search that fails must leave the list usable
            self.post_message(messages.SearchDone(query, None, failure=str(error)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(messages.SearchDone(query, matches))

    @on(messages.SearchDone)
    def _search_done(self, event: messages.SearchDone) -> None:
        if event.query != self._query:
            return  # typed on since: a newer search is under way
        if event.failure:
            # Said until the next search works: the note is about this query only.
            self.status_line.add(f"Search failed: {event.failure}", "search")
            return
        self.status_line.drop("search")
        self._matches = event.matches
        self._show_rows()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.set_focus(self.article_list)

    def action_into_results(self) -> None:
        """↓ in the search box: on to the results."""
        self.set_focus(self.article_list)

    def clear_filter(self) -> None:
        self.filter_input.value = ""
        if self._matches is not None:  # every article again now, not when Changed lands
            self._query, self._matches = "", None
            self.reading_pane.highlight_words([])
            self._show_rows()
        self.filter_input.remove_class("active")
        self.set_focus(self.article_list)

    def action_clear_filter(self) -> None:
        self.clear_filter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_pane = self.focused is self.reading_pane
        if action == "back_to_list":
            return in_pane
        if action == "quit":
            return not in_pane
        if action == "clear_filter":
            return self.filter_input.has_class("active")
        if action == "into_results":
            return self.focused is self.filter_input
        return True

    def action_problems(self) -> None:
        from newsreader.ui.screens.problems import ProblemsScreen

        def closed(problem: ProblemFile | None) -> None:
            if problem is not None:
                self.open_file_of(problem.path)

        screen = ProblemsScreen(self._problem_files, self.context.articles_root)
        self.app.push_screen(screen, closed)

    def open_file_of(self, path: Path) -> None:
        """Open the article read from this file (chosen on the problems screen)."""
        whole = path.as_posix()
        found = [entry for entry in self._entries if whole.endswith("/" + entry.path)]
        if not found:
            self.notify("That file's article is not in the list now.", severity="warning")
            return
        entry = max(found, key=lambda entry: len(entry.path))
        if self._matches is not None and entry.rowid not in self._matches:
            self.clear_filter()
        self.article_list.move_to(entry.id)
        self.set_focus(self.reading_pane)
        self.read_marker.opened(entry.id)

    # --- comments ------------------------------------------------------------------------

    async def action_comment(self) -> None:
        entry = self.article_list.highlighted_entry
        article = self.reading_pane.article
        if entry is None:
            self.notify("Choose an article first.", severity="warning")
        elif article is not None and article.id == entry.id:
            await self.open_comment_form(article.id, article.title, article.url or "")
        else:
            # The article under the cursor is still being read from its file: the form is
            # on it all the same (its url is looked up when the comment is saved), and
            # opens now, so the name typed right after `c` lands in it.
            await self.open_comment_form(entry.id, entry.title, None)

    async def open_comment_form(self, article_id: str, title: str, url: str | None) -> None:
        from newsreader.ui.screens.comment import CommentScreen

        focused = self.focused

        def closed(comment: PendingComment | None) -> None:
            # Back where `c` was pressed; the drafts waiting may have changed.
            if focused is not None and focused.is_attached:
                self.set_focus(focused)

        form = CommentScreen(self.context, article_id, title, article_url=url)
        # Awaited: keys typed after `c` wait until the form (and its Name field) is there.
        await self.app.push_screen(form, closed)

    def on_screen_resume(self) -> None:
        # Back from the form or the pending screen: the drafts waiting may have changed.
        self.check_drafts_waiting()

    def check_drafts_waiting(self) -> None:
        """Say the drafts waiting again, or drop the line when none is left."""
        if self.status_line.has("drafts"):
            self._count_drafts()

    @work(thread=True, exclusive=True, exit_on_error=False, group="drafts-waiting")
    def _count_drafts(self) -> None:
        from newsreader.comments.queue import QueueError
        from newsreader.ui.screens.comment_draft import drafts_waiting_notice

        try:
            waiting = self.context.pending_queue().drafts()
        except QueueError:
            return
        notice = drafts_waiting_notice(waiting, self.context.key) if waiting else ""
        self.post_message(self.DraftsCounted(notice))

    class DraftsCounted(Message):
        """The drafts waiting now, as the status line says them ("": none)."""

        def __init__(self, notice: str) -> None:
            super().__init__()
            self.notice = notice

    @on(DraftsCounted)
    def _drafts_counted(self, event: DraftsCounted) -> None:
        if event.notice:
            self.status_line.add(event.notice, "drafts")
        else:
            self.status_line.drop("drafts")
