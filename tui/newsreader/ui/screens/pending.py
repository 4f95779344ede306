"""The pending screen: comments waiting in the queue and drafts still being written.

Pending comments can be read whole, edited in the comment form, or withdrawn; drafts can
be read, resumed in the form, or discarded. Each row says which it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Static

from newsreader.comments.queue import PendingComment, QueueError, SavedDraft
from newsreader.safe_text import one_line, visible
from newsreader.ui.messages import Notice
from newsreader.ui.screens.choice import ChoiceScreen, withdraw_choices
from newsreader.ui.screens.comment import CommentScreen
from newsreader.wording import count_of

if TYPE_CHECKING:
    from newsreader.ui.context import ReaderContext

FIRST_LINE_WIDTH = 60
COLUMNS = (("Status", 10), ("Article", 28), ("Name", 14), ("Time", 20), ("First line", None))
HEADING = "approved by a moderator, not shown in real time."


@dataclass(frozen=True)
class QueueRow:
    """One row of the table: a pending comment, or a draft (of a new comment or an edit)."""

    comment: PendingComment | None = None
    draft: SavedDraft | None = None

    @property
    def key(self) -> str:
        # A pending comment and the draft of its edit share an id; rows need their own.
        if self.comment is not None:
            return f"pending:{self.comment.id}"
        assert self.draft is not None
        return f"draft:{self.draft.comment_id}"

    @property
    def status(self) -> str:
        if self.comment is not None:
            return "pending"
        assert self.draft is not None
        return "edit draft" if self.draft.is_edit else "draft"

    @property
    def item(self) -> PendingComment | SavedDraft:
        item = self.comment or self.draft
        assert item is not None
        return item

    @property
    def when(self) -> str:
        if self.comment is not None:
            return self.comment.created_minute
        assert self.draft is not None
        return self.draft.updated_minute


class CommentView(ModalScreen[None]):
    """One queued comment or draft, whole."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "dismiss", "Close", key_display="esc", id="comment_view.close"),
    ]

    def __init__(self, row: QueueRow) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        c = self.row.item
        text = Text()
        text.append("On: ", style="dim").append(one_line(c.article_title), style="bold")
        text.append(f"\nArticle id: {one_line(c.article_id)}", style="dim")
        text.append("\nFrom: ", style="dim").append(one_line(c.name))
        if c.email:
            text.append(f" <{one_line(c.email)}>")
        if self.row.comment is not None:
            text.append(f"\nSent: {self.row.when} · pending moderation\n\n", style="dim")
        else:
            text.append(f"\nDraft, last saved {self.row.when} · not sent\n\n", style="dim")
        text.append(visible(c.body))
        yield Static(text, id="comment-view", classes="dialog")
        yield Footer()


class PendingScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "view", "Read whole", tooltip="Show the whole comment", id="pending.view"),
        Binding(
            "e",
            "edit",
            "Edit/resume",
            tooltip="Edit a pending comment, or go on writing a draft, in the comment form",
            id="pending.edit",
        ),
        Binding(
            "d",
            "remove",
            "Withdraw/discard",
            tooltip="Withdraw a pending comment, or discard a draft (asks first)",
            id="pending.withdraw",
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
        """The queue's rows, or why they could not be read."""

        bubble = False

        def __init__(self, rows: list[QueueRow], problem: str = "") -> None:
            super().__init__()
            self.rows, self.problem = rows, problem

    class Changed(Message):
        """A withdrawal or discard went through: read the rows again."""

        bubble = False

    def __init__(self, context: ReaderContext) -> None:
        super().__init__()
        self.context = context
        self._rows: list[QueueRow] = []

    def compose(self) -> ComposeResult:
        yield Static(f"Pending comments — {HEADING}", id="pending-heading", markup=False)
        table: DataTable[Text] = DataTable(
            id="pending-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static("", id="pending-empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # Fixed widths for the columns people write freely, so a long title cannot push
        # the first line of the comment off the screen.
        for label, width in COLUMNS:
            table.add_column(label, width=width)

    def on_screen_resume(self) -> None:
        # Also after the comment form closes: an edit or a resumed draft changes the rows.
        self.reload()

    @work(thread=True, exclusive=True, exit_on_error=False, group="pending-load")
    def reload(self) -> None:
        try:
            queue = self.context.pending_queue()
            rows = [QueueRow(comment=c) for c in queue.pending()]
            rows.extend(QueueRow(draft=d) for d in queue.drafts())
        except QueueError as error:
            self.post_message(self.Loaded([], str(error)))
        else:
            self.post_message(self.Loaded(rows))

    def on_pending_screen_changed(self) -> None:
        self.reload()

    def on_pending_screen_loaded(self, event: Loaded) -> None:
        if event.problem:
            self.query_one("#pending-empty", Static).update(Text(event.problem))
            self.notify(event.problem, severity="error", markup=False)
            return
        rows = event.rows
        self._rows = rows
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for row in rows:
            item = row.item
            style = "italic" if row.draft is not None else ""
            table.add_row(
                Text(row.status, style=style or "bold"),
                Text(one_line(item.article_title), no_wrap=True, overflow="ellipsis"),
                Text(one_line(item.name), no_wrap=True, overflow="ellipsis"),
                Text(row.when),
                Text(one_line(item.first_line)[:FIRST_LINE_WIDTH], no_wrap=True, style=style),
                key=row.key,
            )
        if rows:
            table.move_cursor(row=min(max(cursor, 0), len(rows) - 1))
        empty = "" if rows else "No comments are waiting. Press c on an article to write one."
        self.query_one("#pending-empty", Static).update(empty)
        pending = sum(row.comment is not None for row in rows)
        drafts = len(rows) - pending
        counts = f"{pending}" + (f", and {count_of(drafts, 'draft')}" if drafts else "")
        self.query_one("#pending-heading", Static).update(
            f"Pending comments ({counts}) — {HEADING}"
        )
        table.focus()

    def _selected(self) -> QueueRow | None:
        table = self.query_one(DataTable)
        if not self._rows or table.cursor_row < 0:
            return None
        return self._rows[min(table.cursor_row, len(self._rows) - 1)]

    def action_view(self) -> None:
        if (row := self._selected()) is not None:
            self.app.push_screen(CommentView(row))

    def on_data_table_row_selected(self) -> None:
        self.action_view()

    def action_edit(self) -> None:
        row = self._selected()
        if row is None:
            return
        item = row.item
        if row.comment is not None:
            # Unsaved changes to this comment, if any, are picked up by the form itself.
            form = CommentScreen(
                self.context, item.article_id, item.article_title, editing=row.comment
            )
        else:
            assert row.draft is not None
            editing = None
            if row.draft.is_edit:
                editing = next(
                    (r.comment for r in self._rows if r.comment and r.comment.id == item_id(row)),
                    None,
                )
                if editing is None:
                    self.notify("That comment is no longer pending.", severity="warning")
                    return
            form = CommentScreen(
                self.context, item.article_id, item.article_title, editing=editing, resume=row.draft
            )
        self.app.push_screen(form)

    def action_remove(self) -> None:
        row = self._selected()
        if row is None:
            return
        title = one_line(row.item.article_title)
        if row.comment is not None:
            question = f"Withdraw your comment on “{title}”?\nIt will not be sent to the moderator."
            yes = "Withdraw"
        else:
            question = f"Discard your draft on “{title}”?\nWhat it holds will be lost."
            yes = "Discard"

        def answered(choice: str | None) -> None:
            if choice == "yes":
                # The app is passed in: the person may leave this screen while the write
                # waits for another program, and the outcome must still be told.
                self._remove(self.app, row)

        self.app.push_screen(ChoiceScreen(question, withdraw_choices(yes), focused="no"), answered)

    @work(thread=True, exit_on_error=False, group="pending-withdraw")
    def _remove(self, tell: MessagePump, row: QueueRow) -> None:
        try:
            queue = self.context.pending_queue()
            if row.comment is not None:
                queue.withdraw(row.comment.id)
                done = "Comment withdrawn."
            else:
                queue.discard_draft(item_id(row))
                done = "Draft discarded."
        except QueueError as error:
            tell.post_message(Notice(str(error), error=True))
            return
        tell.post_message(Notice(done))
        self.post_message(self.Changed())  # dropped if the screen has closed meanwhile


def item_id(row: QueueRow) -> str:
    """The comment id a row is about (a draft's is the id its comment has or will have)."""
    if row.comment is not None:
        return row.comment.id
    assert row.draft is not None
    return row.draft.comment_id
