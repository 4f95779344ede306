"""The Textual application: builds the reader's parts, hands them to the screens, and
runs the workers that load the library and open the pending queue.

Launch is kept short on purpose (the list of 10,000 articles is on screen about as soon
as a bare Textual app shows anything): only what the main screen needs is imported up
front; the other screens, the file readers and markdown-it are imported when first used,
mostly in thread workers. `LibraryLoader` fills the list.

Imports go one way: this module imports screens, never the reverse. Screens get what
they need in a `ReaderContext`, and workers report with messages (`ui/messages.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import sys
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from newsreader.feeds import FEEDS_FOLDER_NAME
from newsreader.library.index import LibraryIndex
from newsreader.library.read_marks import ReadMarks
from newsreader.paths import prepare_data_dir
from newsreader.safe_text import one_line
from newsreader.ui import messages
from newsreader.ui.context import ReaderContext
from newsreader.ui.delivery_notices import DeliveryNotices
from newsreader.ui.feed_refresher import FeedRefresher
from newsreader.ui.key_order import KeyOrder
from newsreader.ui.library_loader import LibraryLoader
from newsreader.ui.palette_commands import reader_commands
from newsreader.ui.personal_setup import (
    PersonalSetup,
    apply_setup,
    config_notices,
    email_setting_problems,
    keep_theme_choices,
    use_theme,
)
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.terminal_modes import give_back_terminal

if TYPE_CHECKING:
    from newsreader.comments.queue import PendingQueue
    from newsreader.comments.recovery import FormText
    from newsreader.ui.background_sender import BackgroundSender, DeliverySettings
    from newsreader.ui.screens.comment import CommentScreen

# How long leaving waits for the last save of a form before it takes another way (a
# recovery file, or asking): another program holding the queue must not hold up the exit.
FINAL_SAVE_SECONDS = 5.0


class NewsReaderApp(App[None]):
    TITLE = "newsreader"
    CSS_PATH = "newsreader.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
    ]

    def __init__(
        self,
        articles_root: Path,
        data_dir: Path,
        cache_dir: Path | None = None,
        *,
        theme_name: str | None = None,
        delivery: DeliverySettings | None = None,
        read_after_seconds: float | None = None,
        measure: int | None = None,
        setup: PersonalSetup | None = None,
    ) -> None:
        super().__init__()
        self._setup = setup or PersonalSetup()
        self.keymap_in_force: dict[str, str] = {}
        # None (tests that are not about delivery): nothing is sent, `s` included.
        self._delivery = delivery
        self.sender: BackgroundSender | None = None
        # reader.theme from the config (or --theme); checked once the app can say so.
        self._theme_asked = theme_name
        self.articles_root = articles_root
        self.data_dir = data_dir
        # Private (0700, files 0600) before anything is made inside it; said once, on mount.
        self._privacy_notices = prepare_data_dir(data_dir)
        self.read_marks = ReadMarks(data_dir)
        self._queue: PendingQueue | None = None
        self._queue_lock = threading.Lock()
        # Said again on stderr after the terminal is given back, where it outlives the UI.
        self.messages_for_stderr: list[str] = []
        # Set by the `newsreader` command (not by tests): SIGTERM and SIGHUP save first.
        self.handles_stop_signals = False
        self._stopping = False
        # Made now, so the library has the same sources before and after a first fetch (R).
        with contextlib.suppress(OSError):
            (data_dir / FEEDS_FOLDER_NAME).mkdir(mode=0o700, exist_ok=True)
        # The index is a cache: by default it lives beside the data it serves. The loader
        # starts reading it now, while Textual is still starting.
        self.library = LibraryLoader(
            articles_root,
            cache_dir or data_dir / "cache",
            self.read_marks,
            feeds=data_dir / FEEDS_FOLDER_NAME,
        )
        self.context = ReaderContext(
            articles_root=articles_root,
            read_marks=self.read_marks,
            library=self.library,
            pending_queue=self.pending_queue,
            comment_defaults=self._setup.comment_defaults,
            editor=self._setup.editor,
            editor_folder=data_dir / "editing",
            list_sort=self._setup.list_sort,
            show_read=self._setup.show_read,
            list_columns=self._setup.list_columns,
            feeds=FeedRefresher(data_dir, lambda message: self.main_screen.post_message(message)),
        )
        self.main_screen = MainScreen(
            self.context, read_after_seconds=read_after_seconds, measure=measure
        )
        self._rescan_timer: Timer | None = None
        self._key_order = KeyOrder(self)
        self._gc_frozen = False
        self._delivery_notices = DeliveryNotices(self.notify, self.warn)

    @property
    def library_index(self) -> LibraryIndex | None:
        return self.library.index

    async def on_event(self, event: events.Event) -> None:
        # A key of a burst waits for the one before it (ui/key_order.py).
        new_key = event if isinstance(event, events.Key) and not event.is_forwarded else None
        if new_key is not None and self._key_order.hold(new_key):
            return
        await super().on_event(event)
        if new_key is not None and not new_key.is_forwarded:
            # A priority binding (ctrl+s in the form) took it: it never goes to a widget.
            self._key_order.arrived(new_key)

    def on_key(self, event: events.Key) -> None:
        # Back from the focused widget; once its bindings have run, the next key may go.
        self.call_later(self._key_order.arrived, event)

    def get_default_screen(self) -> Screen[None]:
        return self.main_screen

    def on_mount(self) -> None:
        self.keymap_in_force, setup_problems = apply_setup(self, self._setup)
        self.context.keymap.update(self.keymap_in_force)
        if theme_problem := use_theme(self, self._theme_asked, self._setup.last_theme):
            self.call_after_refresh(self.warn, theme_problem)  # once the status line is there
        # After the launch's theme took effect: only a person's choice (the palette) is kept.
        self.call_after_refresh(keep_theme_choices, self, self.data_dir, self._theme_asked)
        for notice in self._privacy_notices:
            self.call_after_refresh(self.warn, notice)  # once the status line exists
        # With the email's check: its checker takes ~25 ms to import, after the first frame.
        self.call_after_refresh(self._say_config_problems, setup_problems)
        # After the first frame: these threads import modules and read files, and would
        # otherwise hold the GIL while the first frame is drawn.
        self.call_after_refresh(self._load_library)
        self.call_after_refresh(self._open_queue)
        if self._delivery is not None:
            self.call_after_refresh(self._start_sender)
        if self._setup.refresh_minutes > 0 and self.context.feeds is not None:
            self.set_interval(self._setup.refresh_minutes * 60, self.context.feeds.start)
        if self.handles_stop_signals:
            asyncio.get_running_loop().add_signal_handler(
                signal.SIGTERM, self._stop_signal_received, signal.SIGTERM
            )
            # Not through the event loop: once the terminal is gone, Textual's output
            # thread dies on the first write and the UI thread soon blocks behind it.
            signal.signal(signal.SIGHUP, self._terminal_closed)

    # --- background work -----------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="library")
    def _load_library(self) -> None:
        """Show the list from the index, then bring the index up to date with the disk.

        Runs at launch and again every little while (and when an article's file turns
        out to be gone); a run that starts cancels the one before, between two files.
        What it finds goes to the main screen as messages.
        """
        try:
            self.library.load_and_sync(get_current_worker(), self.main_screen.post_message)
        except Exception as error:  # a bug here must not leave an empty list unexplained
            self.post_message(
                messages.Warn(f"Could not read the library: {type(error).__name__}: {error}")
            )

    def refresh_library(self) -> None:
        """Look at the library again now (also when a file the index knows is gone)."""
        if not any(w.is_running for w in self.workers if w.group == "library"):
            self._load_library()

    @on(messages.LibraryStale)
    def _library_stale(self) -> None:
        self.refresh_library()

    @on(messages.LibraryWalked)
    def _library_walked(self, event: messages.LibraryWalked) -> None:
        if event.synced and not self._gc_frozen and gc.get_freeze_count():
            # The program froze what it imported before starting (cli.run_reader); what
            # the first load added (readers, markdown-it, 10,000 entries) lasts as long.
            # Frozen, a full collection skips it: one took 13 ms, long enough to delay a
            # keypress. (Tests never freeze: their apps must be collected.)
            gc.freeze()
        self._gc_frozen = self._gc_frozen or event.synced
        if self._rescan_timer is not None:
            self._rescan_timer.stop()
        self._rescan_timer = self.set_timer(event.next_walk_in, self.refresh_library)

    def _start_sender(self) -> None:
        from newsreader.ui.background_sender import BackgroundSender

        assert self._delivery is not None
        self.sender = BackgroundSender(
            self.pending_queue,
            self._delivery.servers,
            self.post_message,
            automatic=self._delivery.automatic,
        )
        # With no server to send to, a pass could only note "no comment server" on each.
        if self._delivery.automatic and self._delivery.servers:
            self.sender.start()

    def on_unmount(self) -> None:
        if self.context.feeds is not None:
            self.context.feeds.stop()
        # Between two comments it stops at once; one in flight is left to the Outbox's rule.
        if self.sender is not None:
            self.sender.stop()

    @on(messages.CommentDelivered)
    def _comment_delivered(self, event: messages.CommentDelivered) -> None:
        self._delivery_notices.delivered(event)
        self._tell_pending_screen()

    @on(messages.SenderIdle)
    def _sender_idle(self, event: messages.SenderIdle) -> None:
        self._delivery_notices.idle(event)
        self._tell_pending_screen(event)

    def _tell_pending_screen(self, idle: messages.SenderIdle | None = None) -> None:
        # Never opened, none is open: importing the screen here would cost a keypress ~40 ms.
        if "newsreader.ui.screens.pending" not in sys.modules:
            return
        from newsreader.ui.screens.pending import PendingScreen

        for screen in self.screen_stack:
            if isinstance(screen, PendingScreen):
                screen.delivery_moved(idle)

    @work(thread=True, exit_on_error=False, group="queue-open")
    def _open_queue(self) -> None:
        from newsreader.comments.queue import QueueError

        try:
            queue = self.pending_queue()
        except QueueError as error:
            self.post_message(messages.Warn(str(error), error=True))
            self._offer_recoveries(None)
            return
        if queue.quarantined_to is not None:
            self.post_message(
                messages.Warn(
                    f"The pending queue was damaged. It was moved aside, not deleted: "
                    f"{queue.quarantined_to}. A fresh queue was started."
                )
            )
        self._offer_recoveries(queue)
        self._announce_drafts(queue)

    def _offer_recoveries(self, queue: PendingQueue | None) -> None:
        """Bring back text left in recovery files by an earlier exit, as drafts; say so.
        Runs in the queue-open worker."""
        from newsreader.comments.queue import QueueError
        from newsreader.comments.recovery import find_recoveries, restore

        recoveries, problems = find_recoveries(self.data_dir)
        for recovery in recoveries:
            try:
                if queue is None:
                    raise QueueError("the pending queue cannot be opened")
                restore(queue, recovery)
            except QueueError as error:
                problems.append(
                    f"Text from an earlier exit is kept in {recovery.path}; it could not be "
                    f"brought back as a draft yet: {error}"
                )
                continue
            self.post_message(
                messages.Warn(
                    f"Text that could not be saved when newsreader last stopped "
                    f"({recovery.saved_minute}) is back as a draft; it was in {recovery.path}."
                )
            )
        for problem in problems:
            self.post_message(messages.Warn(problem, error=True))

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
            notice = drafts_waiting_notice(waiting, self.context.key)
            self.post_message(messages.DraftsWaiting(notice))

    @on(messages.DraftsWaiting)
    def _drafts_waiting(self, event: messages.DraftsWaiting) -> None:
        self.notify(event.notice, title="Drafts", timeout=20, markup=False)
        self.main_screen.add_status_note(event.notice, key="drafts")

    def pending_queue(self) -> PendingQueue:
        """The queue, opened on first use (from any thread). Raises QueueError."""
        from newsreader.comments.queue import PendingQueue

        with self._queue_lock:
            if self._queue is None:
                self._queue = PendingQueue.open(self.data_dir)
            return self._queue

    @on(messages.Warn)
    def _warned(self, event: messages.Warn) -> None:
        self.warn(event.text, severity="error" if event.error else "warning")

    @on(messages.Notice)
    def _noticed(self, event: messages.Notice) -> None:
        if event.error or event.warning:
            self.notify(event.text, severity="error" if event.error else "warning", markup=False)
        else:
            self.notify(event.text, markup=False)

    def _say_config_problems(self, found: list[str]) -> None:
        if problems := [*found, *email_setting_problems(self._setup)]:
            toast, note = config_notices(problems)
            self.warn(toast, note=note, lines=problems)

    def warn(
        self, message: str, severity: str = "warning", *, note: str = "", lines: Sequence[str] = ()
    ) -> None:
        """Tell the person now (toast; status line: `note`), again on stderr at exit (`lines`)."""
        self.messages_for_stderr.extend(lines or [message])
        self.notify(
            message,
            severity="error" if severity == "error" else "warning",
            timeout=15 if lines else 10,
            markup=False,
        )
        self.main_screen.add_status_note(note or message)

    # --- flows ---------------------------------------------------------------------------

    async def action_quit(self) -> None:
        from newsreader.ui.screens.quit_anyway import QuitAnywayScreen

        if isinstance(self.screen, QuitAnywayScreen):
            self.screen.dismiss("quit")  # ctrl+q again on the question: quit anyway
            return
        if self._stopping:
            return
        # An open comment form writes its last second of typing before the app goes.
        problem = await self._final_saves()
        if not problem:
            self.exit()
            return

        def answered(choice: str | None) -> None:
            if choice == "quit":
                self._keep_in_recovery_file("quit anyway after: " + problem)
                self.exit()

        self.push_screen(QuitAnywayScreen(problem), answered)

    def _comment_forms(self) -> list[CommentScreen]:
        from newsreader.ui.screens.comment import CommentScreen

        return [screen for screen in self.screen_stack if isinstance(screen, CommentScreen)]

    async def _final_saves(self) -> str:
        """Save what every open form holds; "" when all is on disk, else the first reason."""
        problems: list[str] = []
        for form in self._comment_forms():
            try:
                problem = await asyncio.wait_for(
                    form.keep_draft_before_quit(), timeout=FINAL_SAVE_SECONDS
                )
            except TimeoutError:
                problem = "the pending queue did not answer (another program may be using it)"
            if problem:
                problems.append(problem)
        return problems[0] if problems else ""

    def _unsaved_forms(self) -> list[FormText]:
        from newsreader.comments.recovery import FormText

        forms: list[FormText] = []
        for form in self._comment_forms():
            wanted = form.keeper.wanted()
            if wanted is not None:
                forms.append(FormText(form.keeper.comment_id, form.keeper.kind, wanted))
        return forms

    def _keep_in_recovery_file(self, reason: str) -> None:
        """The forms' text to a recovery file; stderr (after exit) says where, or why not."""
        from newsreader.comments.recovery import RecoveryError, write_recovery

        forms = self._unsaved_forms()
        if not forms:
            return
        try:
            path = write_recovery(self.data_dir, forms, reason)
        except RecoveryError as error:
            self.messages_for_stderr.append(f"Your comment text was lost: {error}.")
            return
        self.messages_for_stderr.append(
            f"Your comment text could not be saved to the queue; it is kept in {path} "
            "and offered back at the next launch."
        )

    def _terminal_closed(self, signal_number: int, _frame: object) -> None:
        """SIGHUP: the terminal is gone, nobody can be asked and nothing can be drawn.
        Save each form at once, on this thread; what cannot be saved goes to a recovery
        file. Then end at once: Textual's own shutdown would wait forever on its output
        thread, which died on its first write to the closed terminal."""
        try:
            forms = self._comment_forms()
            problems: list[str] = []
            if forms:
                from newsreader.comments.queue import PendingQueue, QueueError

                try:
                    queue = self._queue or PendingQueue.open(self.data_dir)
                except QueueError as error:
                    problems.append(str(error))
                else:
                    problems += [p for p in (f.keeper.write_at_once(queue) for f in forms) if p]
            if problems:
                self._keep_in_recovery_file(f"SIGHUP, and the last save failed: {problems[0]}")
        finally:
            give_back_terminal(self._driver)
            with contextlib.suppress(Exception):
                for message in self.messages_for_stderr:
                    os.write(2, f"newsreader: {one_line(message)}\n".encode())
            os._exit(128 + signal_number)

    def _stop_signal_received(self, signal_number: int) -> None:
        if not self._stopping:
            self._stopping = True
            self.call_later(self._leave_on_signal, signal_number)

    async def _leave_on_signal(self, signal_number: int) -> None:
        """SIGTERM or SIGHUP: nobody can be asked, so save, else use a recovery file, and
        exit the ordinary way (the terminal is given back as it was found)."""
        name = signal.Signals(signal_number).name
        problem = await self._final_saves()
        if problem:
            self._keep_in_recovery_file(f"{name}, and the last save failed: {problem}")
        self.exit(return_code=128 + signal_number)

    def action_pending(self) -> None:
        from newsreader.ui.screens.pending import PendingScreen

        self.push_screen(PendingScreen(self.context, self.sender))

    def action_help(self) -> None:
        from newsreader.ui.binding_sections import sections
        from newsreader.ui.screens.help import HelpScreen, help_table

        self.push_screen(HelpScreen(help_table(sections(), self.keymap_in_force)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        main = self.main_screen
        actions = {
            "main.comment": main.action_comment,
            "main.pending": self.action_pending,
            "main.filter": main.action_filter,
            "main.toggle_read": main.action_toggle_read,
            "main.help": self.action_help,
        }
        yield from reader_commands(self.keymap_in_force, actions)
        yield from super().get_system_commands(screen)
