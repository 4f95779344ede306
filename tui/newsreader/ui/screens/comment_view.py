"""One queued comment or draft, whole, over the pending screen."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from newsreader.safe_text import one_line, visible
from newsreader.ui.pending_rows import CommentRow, DraftRow, describe
from newsreader.ui.screens.scrolling_dialog import ScrollingDialog, scroll_bindings
from newsreader.ui.widgets.key_footer import KeyFooter


class CommentView(ScrollingDialog):
    """One queued comment or draft, whole: as long as it is, scrolled with j/k, space/b, g/G."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "dismiss", "Close", key_display="esc", id="comment_view.close"),
        *scroll_bindings("comment_view"),
    ]

    def __init__(self, row: CommentRow | DraftRow) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        row = self.row
        item = row.entry if isinstance(row, CommentRow) else row.draft
        text = Text()
        text.append("On: ", style="dim").append(one_line(item.article_title), style="bold")
        text.append(f"\nArticle id: {one_line(item.article_id)}", style="dim")
        text.append("\nFrom: ", style="dim").append(one_line(item.name))
        if item.email:
            text.append(f" <{one_line(item.email)}>")
        if isinstance(row, CommentRow):
            text.append(f"\nWritten: {row.when} · {row.status}\n", style="dim")
        else:
            text.append(f"\nDraft, last saved {row.when} · not sent\n", style="dim")
        text.append("\n".join(describe(row)) + "\n\n", style="dim")
        text.append(visible(item.body))
        with VerticalScroll(id="comment-view", classes="dialog"):
            yield Static(text)
        yield KeyFooter()
