"""The pending screen: every comment waiting in the queue; read one whole or withdraw it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Static

from newsreader.comments.queue import PendingComment, QueueError
from newsreader.safe_text import one_line, visible
from newsreader.ui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from newsreader.ui.app import NewsReaderApp

FIRST_LINE_WIDTH = 60


class CommentView(ModalScreen[None]):
    """One queued comment, whole."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "dismiss", "Close", key_display="esc", id="comment_view.close"),
    ]

    def __init__(self, comment: PendingComment) -> None:
        super().__init__()
        self.comment = comment

    def compose(self) -> ComposeResult:
        c = self.comment
        text = Text()
        text.append("On: ", style="dim").append(one_line(c.article_title), style="bold")
        text.append(f"\nArticle id: {one_line(c.article_id)}", style="dim")
        text.append("\nFrom: ", style="dim").append(one_line(c.name))
        if c.email:
            text.append(f" <{one_line(c.email)}>")
        text.append(f"\nSent: {c.created_minute} · pending moderation\n\n", style="dim")
        text.append(visible(c.body))
        yield Static(text, id="comment-view", classes="dialog")
        yield Footer()


class PendingScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "view", "Read whole", tooltip="Show the whole comment", id="pending.view"),
        Binding(
            "d",
            "withdraw",
            "Withdraw",
            tooltip="Withdraw the comment (asks first)",
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

    def __init__(self) -> None:
        super().__init__()
        self._comments: list[PendingComment] = []

    def compose(self) -> ComposeResult:
        yield Static(
            "Pending comments — approved by a moderator, not shown in real time.",
            id="pending-heading",
            markup=False,
        )
        table: DataTable[Text] = DataTable(
            id="pending-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static("", id="pending-empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Article", "Name", "Time", "First line")
        self.reload()

    @property
    def _app(self) -> NewsReaderApp:
        from newsreader.ui.app import NewsReaderApp

        assert isinstance(self.app, NewsReaderApp)
        return self.app

    @work(thread=True, exclusive=True, exit_on_error=False, group="pending-load")
    def reload(self) -> None:
        try:
            comments = self._app.pending_queue().pending()
        except QueueError as error:
            self.app.call_from_thread(self._show_error, str(error))
        else:
            self.app.call_from_thread(self._show, comments)

    def _show_error(self, message: str) -> None:
        self.query_one("#pending-empty", Static).update(Text(message))
        self.notify(message, severity="error", markup=False)

    def _show(self, comments: list[PendingComment]) -> None:
        self._comments = comments
        table = self.query_one(DataTable)
        table.clear()
        for comment in comments:
            table.add_row(
                Text(one_line(comment.article_title), no_wrap=True, overflow="ellipsis"),
                Text(one_line(comment.name), no_wrap=True, overflow="ellipsis"),
                Text(comment.created_minute),
                Text(one_line(comment.first_line)[:FIRST_LINE_WIDTH], no_wrap=True),
                key=comment.id,
            )
        empty = "" if comments else "No comments are waiting. Press c on an article to write one."
        self.query_one("#pending-empty", Static).update(empty)
        self.query_one("#pending-heading", Static).update(
            f"Pending comments ({len(comments)}) — approved by a moderator, not shown in real time."
        )
        table.focus()

    def _selected(self) -> PendingComment | None:
        table = self.query_one(DataTable)
        if not self._comments or table.cursor_row < 0:
            return None
        return self._comments[min(table.cursor_row, len(self._comments) - 1)]

    def action_view(self) -> None:
        if (comment := self._selected()) is not None:
            self.app.push_screen(CommentView(comment))

    def on_data_table_row_selected(self) -> None:
        self.action_view()

    def action_withdraw(self) -> None:
        comment = self._selected()
        if comment is None:
            return
        question = (
            f"Withdraw your comment on “{one_line(comment.article_title)}”?\n"
            "It will not be sent to the moderator."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._withdraw(comment)

        self.app.push_screen(ConfirmScreen(question, yes="Withdraw", no="Keep"), answered)

    @work(thread=True, exit_on_error=False, group="pending-withdraw")
    def _withdraw(self, comment: PendingComment) -> None:
        try:
            self._app.pending_queue().withdraw(comment.id)
        except QueueError as error:
            self.app.call_from_thread(self._show_error, str(error))
            return
        self.app.call_from_thread(self.notify, "Comment withdrawn.", markup=False)
        self.app.call_from_thread(self.reload)
