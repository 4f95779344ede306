"""The pending screen: every queued comment with its delivery state, and drafts.

Each row says where a comment is (pending, sending, sent, published, returned, unsure) and the
lines under the list say why it waits, when it is tried next, and what can be done: `s` sends
now, `a`/`m` settle an unsure one, `e` edits (a returned one goes again once changed), `d`
withdraws (from the site too, while it still allows that). The list reads the queue a page
at a time (`PendingList`), so a queue of 100,000 comments opens as fast as one of ten.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widgets import Static

from newsreader.comments.queue import PendingComment, QueueError
from newsreader.safe_text import one_line
from newsreader.ui.messages import Notice, SenderIdle
from newsreader.ui.pending_rows import (
    CommentRow,
    DamagedRow,
    DraftRow,
    QueueRow,
    describe,
    state_counts,
)
from newsreader.ui.pending_rows import withdraw_question as question_for
from newsreader.ui.screens.choice import ChoiceScreen, withdraw_choices
from newsreader.ui.screens.comment import CommentScreen
from newsreader.ui.screens.comment_view import CommentView
from newsreader.ui.widgets.key_footer import KeyFooter
from newsreader.ui.widgets.pending_list import PAGE_SIZE, PendingList, header_line

__all__ = ["CommentView", "PendingScreen"]

if TYPE_CHECKING:
    from newsreader.comments.delivery.outbox import Outbox
    from newsreader.comments.delivery.outbox_pages import OutboxPages
    from newsreader.ui.background_sender import BackgroundSender
    from newsreader.ui.context import ReaderContext

HEADING = "approved by a moderator, not shown in real time."


class PendingScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "view", "Read whole", tooltip="Show the whole comment", id="pending.view"),
        Binding(
            "e",
            "edit",
            "Edit",
            tooltip="Edit a pending comment, or go on writing a draft (a returned one too)",
            id="pending.edit",
        ),
        Binding(
            "d",
            "remove",
            "Withdraw",
            tooltip="Withdraw a pending comment, or discard a draft (a sent one: on the site too)",
            id="pending.withdraw",
        ),
        Binding(
            "s",
            "send",
            "Send now",
            tooltip="Send the comments that are due now, the highlighted one included",
            id="pending.send",
        ),
        Binding(
            "a",
            "send_again",
            "Send again",
            show=False,
            tooltip="An unsure or returned comment: send it again as it is",
            id="pending.send_again",
        ),
        Binding(
            "m",
            "mark_sent",
            "Mark as sent",
            show=False,
            tooltip="An unsure comment: the site has it; never send it again",
            id="pending.mark_sent",
        ),
        Binding(
            "question_mark",
            "app.help",
            "Help",
            key_display="?",
            tooltip="Every key on one screen",
            id="pending.help",
        ),
        Binding(
            "escape,q",
            "app.pop_screen",
            "Back",
            key_display="esc",
            tooltip="Back to the articles",
            id="pending.back",
        ),
    ]

    class Loaded(Message):
        """The list's row ids, drafts and first page, or why the queue could not be read."""

        bubble = False

        def __init__(
            self,
            comments: int,
            drafts: list[DraftRow],
            pages: dict[int, list[QueueRow]],
            problem: str = "",
            states: dict[str, int] | None = None,
            read: int = 0,
        ) -> None:
            super().__init__()
            self.comments, self.drafts, self.pages, self.problem = comments, drafts, pages, problem
            self.states, self.read = states or {}, read

    class PageRead(Message):
        bubble = False

        def __init__(self, page: int, rows: list[QueueRow]) -> None:
            super().__init__()
            self.page, self.rows = page, rows

    class Changed(Message):
        """A withdrawal, a discard or a choice went through: read the rows again."""

        bubble = False

    class FormReady(Message):
        """The comment an edit form is for was read (None: it is no longer pending)."""

        bubble = False

        def __init__(self, row: CommentRow | DraftRow, comment: PendingComment | None) -> None:
            super().__init__()
            self.row, self.comment = row, comment

    def __init__(self, context: ReaderContext, sender: BackgroundSender | None = None) -> None:
        super().__init__()
        self.context = context
        self.sender = sender
        self._outbox: Outbox | None = None
        self._pages: OutboxPages | None = None
        self._sender_note = ""
        self._outbox_lock = threading.Lock()  # made by whichever worker needs it first
        self._reads_started = 0

    def compose(self) -> ComposeResult:
        yield Static(f"Your comments — {HEADING}", id="pending-heading", markup=False)
        yield Static("", id="pending-columns", markup=False)
        yield PendingList(id="pending-list")
        yield Static("", id="pending-empty", markup=False)
        yield Static("", id="pending-detail", markup=False)
        yield KeyFooter()

    def on_screen_resume(self) -> None:
        # Also after the comment form closes: an edit or a resumed draft changes the rows,
        # and a returned comment, once changed, is due again: the sender need not wait.
        self.reload()
        if self.sender is not None and self.sender.automatic and self.sender.running:
            self.sender.send_now()

    def on_resize(self) -> None:
        self._show_columns()

    def on_unmount(self) -> None:
        if self._outbox is not None:
            self._outbox.servers.close()

    def _show_columns(self) -> None:
        width = self.query_one(PendingList).scrollable_content_region.width or self.size.width
        self.query_one("#pending-columns", Static).update(Text(header_line(width), style="dim"))

    # --- reading (thread workers) ------------------------------------------------------------

    def _outbox_here(self) -> Outbox:
        """The outbox with the configured servers (in a worker: it imports httpx)."""
        with self._outbox_lock:
            if self._outbox is None:
                from newsreader.comments.delivery.outbox import Outbox
                from newsreader.ui.background_sender import server_directory

                servers = self.sender.servers if self.sender is not None else ()
                self._outbox = Outbox(self.context.pending_queue(), server_directory(servers))
            return self._outbox

    def _outbox_pages(self) -> OutboxPages:
        if self._pages is None:
            from newsreader.comments.delivery.outbox_pages import OutboxPages

            self._pages = OutboxPages(self.context.pending_queue())
        return self._pages

    def _read_page(self, page: int) -> list[QueueRow]:
        outbox = self._outbox_here()
        rows: list[QueueRow] = []
        for row_id, entry in self._outbox_pages().page(page, PAGE_SIZE):
            if isinstance(entry, str):
                rows.append(DamagedRow(row_id, entry))
                continue
            waits_for = ""
            if entry.state == "pending":
                _, waits_for = outbox.servers.for_article(entry.article_url)
            rows.append(CommentRow(entry, waits_for))
        return rows

    def reload(self) -> None:
        """Read the rows again. A read started earlier may finish later (a thread cannot
        be stopped): only the newest one's rows are shown, or a withdrawal could come back."""
        self._reads_started += 1
        self._read_rows(self._reads_started)

    @work(thread=True, exit_on_error=False, group="pending-load")
    def _read_rows(self, read: int) -> None:
        try:
            if self.sender is None or not self.sender.running:
                # No sender of ours at work: a `sending` left by one that died is `unsure`.
                self._outbox_here().settle_interrupted()
            queue = self.context.pending_queue()
            comments = self._outbox_pages().count()
            states = self._outbox_pages().states(comments) if comments else {}
            drafts = [DraftRow(draft) for draft in queue.drafts()]
            pages = {0: self._read_page(0)} if comments else {}
        except QueueError as error:
            self.post_message(self.Loaded(0, [], {}, str(error), read=read))
        else:
            self.post_message(self.Loaded(comments, drafts, pages, states=states, read=read))

    @work(thread=True, exit_on_error=False, group="pending-page")
    def _load_page(self, page: int) -> None:
        try:
            rows = self._read_page(page)
        except QueueError as error:
            rows = [DamagedRow(0, str(error))] * PAGE_SIZE
        self.post_message(self.PageRead(page, rows))

    def on_pending_list_page_wanted(self, event: PendingList.PageWanted) -> None:
        self._load_page(event.page)

    def on_pending_screen_page_read(self, event: PageRead) -> None:
        self.query_one(PendingList).add_page(event.page, event.rows)

    def on_pending_screen_changed(self) -> None:
        self.reload()

    def delivery_moved(self, idle: SenderIdle | None) -> None:
        """The sender delivered one (or ended a pass): the states shown are stale."""
        if idle is not None:
            self._sender_note = idle.problem
        self.reload()

    def on_pending_screen_loaded(self, event: Loaded) -> None:
        if event.read != self._reads_started:
            return  # a newer read is on its way
        if event.problem:
            self.query_one("#pending-empty", Static).update(Text(event.problem))
            self.notify(event.problem, severity="error", markup=False)
            return
        pending_list = self.query_one(PendingList)
        pending_list.set_rows(event.comments, event.drafts, event.pages)
        # At once, not on the Highlighted message set_rows posts: the detail never lags the row.
        self._show_detail()
        empty = ""
        if not pending_list.row_count:
            comment = self.context.key("main.comment")
            empty = f"No comments are waiting. Press {comment} on an article to write one."
        self.query_one("#pending-empty", Static).update(empty)
        self.query_one("#pending-empty").display = bool(empty)
        self.query_one("#pending-heading", Static).update(
            f"Your comments ({state_counts(event.states, pending_list.draft_count)}) — {HEADING}"
        )
        self._show_columns()
        pending_list.focus()

    def on_pending_list_highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        row = self.query_one(PendingList).highlighted_row
        lines = describe(row) if row is not None else []
        if self.sender is None or not self.sender.automatic:
            lines.append("Sending is manual (comments.send): s sends what is due.")
        if self._sender_note:
            lines.append(f"The sender: {one_line(self._sender_note)}")
        self.query_one("#pending-detail", Static).update(Text("\n".join(lines)))

    # --- actions -----------------------------------------------------------------------------

    def _selected(self) -> QueueRow | None:
        return self.query_one(PendingList).highlighted_row

    def action_view(self) -> None:
        row = self._selected()
        if isinstance(row, CommentRow | DraftRow):
            self.app.push_screen(CommentView(row))

    def action_send(self) -> None:
        if self.sender is None:
            self.notify("Sending is off in this reader.", severity="warning", markup=False)
            return
        row = self._selected()
        waiting = isinstance(row, CommentRow) and row.status == "pending"
        self.sender.send_now(row.comment_id if waiting and row is not None else None)
        self.notify("Sending what is due…", markup=False)

    def action_send_again(self) -> None:
        row = self._selected()
        if not isinstance(row, CommentRow) or row.status not in ("unsure", "returned"):
            self.notify("Only an unsure or returned comment is sent again.", markup=False)
            return
        self._choose(self.app, row.comment_id, "again")

    def action_mark_sent(self) -> None:
        row = self._selected()
        if not isinstance(row, CommentRow) or row.status != "unsure":
            self.notify("Only an unsure comment can be marked as sent.", markup=False)
            return
        self._choose(self.app, row.comment_id, "sent")

    @work(thread=True, exit_on_error=False, group="pending-choice")
    def _choose(self, tell: MessagePump, comment_id: str, choice: str) -> None:
        try:
            outbox = self._outbox_here()
            if choice == "again":
                done = outbox.send_again(comment_id)
                said = "It goes out with the next send."
            else:
                done = outbox.mark_sent(comment_id)
                said = "Marked as sent; it will not be sent again."
        except QueueError as error:
            tell.post_message(Notice(str(error), error=True))
            return
        if not done:
            said = "Its state changed meanwhile; nothing was done."
        tell.post_message(Notice(said, warning=not done))
        self.post_message(self.Changed())
        if done and choice == "again" and self.sender is not None and self.sender.automatic:
            self.sender.send_now()

    def action_edit(self) -> None:
        row = self._selected()
        if isinstance(row, CommentRow) and not row.editable:
            self.notify(
                f"This comment is {row.status}: the site has it or may have it, so it can no "
                "longer be changed here.",
                severity="warning",
                markup=False,
            )
            return
        if isinstance(row, CommentRow) or (isinstance(row, DraftRow) and row.draft.is_edit):
            self._read_for_form(row)
        elif isinstance(row, DraftRow):
            self._open_form(row, None)

    @work(thread=True, exit_on_error=False, group="pending-form")
    def _read_for_form(self, row: CommentRow | DraftRow) -> None:
        try:
            comment = self.context.pending_queue().get(row.comment_id)
        except QueueError as error:
            self.app.post_message(Notice(str(error), error=True))
            return
        if comment is not None and comment.status != "pending":
            comment = None
        self.post_message(self.FormReady(row, comment))

    def on_pending_screen_form_ready(self, event: FormReady) -> None:
        if event.comment is None:
            self.notify("That comment is no longer pending.", severity="warning")
            return
        self._open_form(event.row, event.comment)

    def _open_form(self, row: CommentRow | DraftRow, editing: PendingComment | None) -> None:
        if isinstance(row, CommentRow):
            assert editing is not None
            # Unsaved changes to this comment, if any, are picked up by the form itself.
            form = CommentScreen(
                self.context, editing.article_id, editing.article_title, editing=editing
            )
        else:
            draft = row.draft
            form = CommentScreen(
                self.context, draft.article_id, draft.article_title, editing=editing, resume=draft
            )
        self.app.push_screen(form)

    def action_remove(self) -> None:
        row = self._selected()
        if not isinstance(row, CommentRow | DraftRow):
            return
        if isinstance(row, CommentRow) and row.status == "sending":
            self.notify("It is being sent right now; try again in a moment.", markup=False)
            return
        question, yes = question_for(row)

        def answered(choice: str | None) -> None:
            if choice == "yes":
                # The app is passed in: the person may leave this screen while the write
                # waits for another program, and the outcome must still be told.
                self._remove(self.app, row)

        self.app.push_screen(ChoiceScreen(question, withdraw_choices(yes), focused="no"), answered)

    @work(thread=True, exit_on_error=False, group="pending-withdraw")
    def _remove(self, tell: MessagePump, row: CommentRow | DraftRow) -> None:
        try:
            queue = self.context.pending_queue()
            if isinstance(row, CommentRow):
                done, said = self._outbox_here().withdraw(row.comment_id)
                message = Notice(f"Comment {said}." if done else f"Not withdrawn: {said}.")
                if not done or "ask the site" in said:
                    message = Notice(message.text, warning=True)
            else:
                queue.discard_draft(row.comment_id)
                message = Notice("Draft discarded.")
        except QueueError as error:
            tell.post_message(Notice(str(error), error=True))
            return
        tell.post_message(message)
        self.post_message(self.Changed())  # dropped if the screen has closed meanwhile
