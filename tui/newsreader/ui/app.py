"""The Textual application: wires the library, read marks and the pending queue to screens.

Launch is kept short on purpose (the list of 10,000 articles is on screen about as soon
as a bare Textual app shows anything): only what the main screen needs is imported up
front; the other screens, the file readers and markdown-it are imported when first used,
mostly in thread workers. `LibraryLoader` fills the list.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import get_current_worker

from newsreader.library.article import Article
from newsreader.library.index import LibraryIndex
from newsreader.library.read_marks import ReadMarks
from newsreader.paths import prepare_data_dir
from newsreader.ui.library_loader import LibraryLoader
from newsreader.ui.screens.main import MainScreen

if TYPE_CHECKING:
    from newsreader.comments.queue import PendingComment, PendingQueue


class NewsReaderApp(App[None]):
    TITLE = "newsreader"
    CSS_PATH = "newsreader.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
    ]

    def __init__(self, articles_root: Path, data_dir: Path, cache_dir: Path | None = None) -> None:
        super().__init__()
        self.articles_root = articles_root
        self.data_dir = data_dir
        # Private (0700, files 0600) before anything is made inside it; said once, on mount.
        self._privacy_notices = prepare_data_dir(data_dir)
        self.read_marks = ReadMarks(data_dir)
        self._queue: PendingQueue | None = None
        self._queue_lock = threading.Lock()
        # Said again on stderr after the terminal is given back, where it outlives the UI.
        self.messages_for_stderr: list[str] = []
        self.main_screen = MainScreen()
        # The index is a cache: by default it lives beside the data it serves. The loader
        # starts reading it now, while Textual is still starting.
        self.library = LibraryLoader(
            self, articles_root, cache_dir or data_dir / "cache", self.read_marks
        )

    @property
    def library_index(self) -> LibraryIndex | None:
        return self.library.index

    def get_default_screen(self) -> Screen[None]:
        return self.main_screen

    def on_mount(self) -> None:
        for notice in self._privacy_notices:
            self.call_after_refresh(self.warn, notice)  # once the status line exists
        # After the first frame: these threads import modules and read files, and would
        # otherwise hold the GIL while the first frame is drawn.
        self.call_after_refresh(self._load_library)
        self.call_after_refresh(self._open_queue)

    # --- background work -----------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="library")
    def _load_library(self) -> None:
        """Show the list from the index, then bring the index up to date with the disk.

        Runs at launch and again every little while (and when an article's file turns
        out to be gone); a run that starts cancels the one before, between two files.
        """
        try:
            self.library.load_and_sync(get_current_worker())
        except Exception as error:  # a bug here must not leave an empty list unexplained
            self.call_from_thread(
                self.warn, f"Could not read the library: {type(error).__name__}: {error}"
            )

    def refresh_library(self) -> None:
        """Look at the library again now (also when a file the index knows is gone)."""
        if not any(w.is_running for w in self.workers if w.group == "library"):
            self._load_library()

    @work(thread=True, exit_on_error=False, group="queue-open")
    def _open_queue(self) -> None:
        from newsreader.comments.queue import QueueError

        try:
            queue = self.pending_queue()
        except QueueError as error:
            self.call_from_thread(self.warn, str(error), severity="error")
            return
        if queue.quarantined_to is not None:
            self.call_from_thread(
                self.warn,
                f"The pending queue was damaged. It was moved aside, not deleted: "
                f"{queue.quarantined_to}. A fresh queue was started.",
            )
        self._announce_drafts(queue)

    def _announce_drafts(self, queue: PendingQueue) -> None:
        """At launch, say that drafts are waiting (after a crash, the text someone was
        writing) and where to find them. Runs in the queue-open worker."""
        from newsreader.comments.queue import QueueError
        from newsreader.ui.screens.comment_draft import drafts_waiting_notice

        try:
            waiting = queue.drafts()
        except QueueError:
            return  # opening worked, so a read failing now is passing; nothing to announce
        if waiting:
            self.call_from_thread(self._drafts_waiting, drafts_waiting_notice(waiting))

    def _drafts_waiting(self, notice: str) -> None:
        self.notify(notice, title="Drafts", timeout=20, markup=False)
        self.main_screen.add_status_note(notice)

    def pending_queue(self) -> PendingQueue:
        """The queue, opened on first use (from any thread). Raises QueueError."""
        from newsreader.comments.queue import PendingQueue

        with self._queue_lock:
            if self._queue is None:
                self._queue = PendingQueue.open(self.data_dir)
            return self._queue

    def warn(self, message: str, severity: str = "warning") -> None:
        """Tell the person now, in the UI, and again on stderr when the app exits."""
        self.messages_for_stderr.append(message)
        self.notify(
            message,
            severity="error" if severity == "error" else "warning",
            timeout=10,
            markup=False,
        )
        self.main_screen.add_status_note(message)

    # --- flows ---------------------------------------------------------------------------

    def open_comment_form(self, article: Article) -> None:
        from newsreader.ui.screens.comment import CommentScreen

        def closed(comment: PendingComment | None) -> None:
            if comment is not None:
                self.main_screen.reading_pane.focus()

        self.push_screen(CommentScreen(article.id, article.title), closed)

    async def action_quit(self) -> None:
        from newsreader.ui.screens.comment import CommentScreen

        # An open comment form writes its last second of typing before the app goes.
        for screen in self.screen_stack:
            if isinstance(screen, CommentScreen):
                await screen.keep_draft_before_quit()
        self.exit()

    def action_pending(self) -> None:
        from newsreader.ui.screens.pending import PendingScreen

        self.push_screen(PendingScreen())

    def action_help(self) -> None:
        from newsreader.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Write a comment", "Comment on the article shown", self.main_screen.action_comment
        )
        yield SystemCommand(
            "Pending comments", "See and withdraw queued comments", self.action_pending
        )
        yield SystemCommand(
            "Search articles",
            "Search titles and full text as you type",
            self.main_screen.action_filter,
        )
        yield SystemCommand(
            "Toggle read",
            "Mark the highlighted article read or unread",
            self.main_screen.action_toggle_read,
        )
        yield SystemCommand("Help", "Every key on one screen", self.action_help)
        yield from super().get_system_commands(screen)
