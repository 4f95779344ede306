"""The pending list: one row per queued comment or draft, drawn with the line API.

Like the article list, no widget per row. More than that, the rows are not all in memory: the
list knows how many comments there are and holds the pages of whole entries that were
drawn lately. A row whose page is not read yet is drawn as
"…" and the list asks for the page (`PageWanted`); the screen reads it in a thread.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.safe_text import one_line
from newsreader.ui.pending_rows import CommentRow, DamagedRow, DraftRow, QueueRow

PAGE_SIZE = 100
PAGES_KEPT = 50
STATE_WIDTH = 10
TIME_WIDTH = 16  # 2026-11-30 07:15 (the list's times are all UTC; the detail says so)
ARTICLE_WIDTH = 24
NAME_WIDTH = 14
NAME_FROM_WIDTH = 100  # narrower than this, the name column goes first


class Column(NamedTuple):
    label: str
    width: int


def columns(width: int) -> list[Column]:
    """The columns at this width; the first line takes what is left."""
    fixed = [Column("State", STATE_WIDTH), Column("Time", TIME_WIDTH)]
    article = min(ARTICLE_WIDTH, max(8, width // 4))
    fixed.append(Column("Article", article))
    if width >= NAME_FROM_WIDTH:
        fixed.append(Column("Name", NAME_WIDTH))
    used = sum(column.width + 1 for column in fixed)
    return [*fixed, Column("First line", max(1, width - used))]


def cells_of(row: QueueRow, width: int) -> list[str]:
    """A row's text, column by column, each cut or padded to its width."""
    values = {
        "State": row.status,
        "Time": row.when.removesuffix(" UTC"),
        "Article": one_line(row.article_title),
        "Name": one_line(row.name),
        "First line": one_line(row.first_line),
    }
    return [fit(values[column.label], column.width) for column in columns(width)]


def header_line(width: int) -> str:
    return " ".join(fit(column.label, column.width) for column in columns(width))


class PendingList(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="pending.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="pending.up"),
        Binding("home,g", "first", "First", show=False, id="pending.first"),
        Binding("end,G", "last", "Last", show=False, id="pending.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="pending.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="pending.page_up"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pending-list--cursor",
        "pending-list--muted",
        "pending-list--attention",
        "pending-list--done",
    }

    DEFAULT_CSS = """
    PendingList {
        background: $surface;
        overflow-x: hidden;
    }
    PendingList > .pending-list--cursor {
        background: $secondary 30%;
        text-style: bold;
    }
    PendingList:focus > .pending-list--cursor {
        background: $accent;
        color: $text;
    }
    PendingList > .pending-list--muted {
        color: $text-muted;
        text-style: italic;
    }
    PendingList > .pending-list--attention {
        color: $text-warning;
        text-style: bold;
    }
    PendingList > .pending-list--done {
        color: $text-success;
    }
    """

    highlighted: reactive[int | None] = reactive(None, always_update=True, init=False)

    class PageWanted(Message):
        """Rows of this page are on screen and not read yet."""

        def __init__(self, page: int) -> None:
            super().__init__()
            self.page = page

    class Highlighted(Message):
        """The cursor moved (or the row under it was read): the detail lines follow."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._comments = 0
        self._drafts: list[DraftRow] = []
        self._pages: OrderedDict[int, list[QueueRow]] = OrderedDict()
        self._asked: set[int] = set()
        self._styles: dict[str, Style] | None = None

    # --- content -----------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return self._comments + len(self._drafts)

    @property
    def comment_count(self) -> int:
        return self._comments

    @property
    def draft_count(self) -> int:
        return len(self._drafts)

    @property
    def cursor_row(self) -> int:
        return -1 if self.highlighted is None else self.highlighted

    def set_rows(
        self, comments: int, drafts: list[DraftRow], pages: dict[int, list[QueueRow]]
    ) -> None:
        """`comments` (in queued order, by page) then drafts; `pages` already read."""
        cursor = self.highlighted or 0
        self._comments, self._drafts = comments, drafts
        self._pages = OrderedDict(pages)
        self._asked = set(pages)
        self.virtual_size = Size(self.size.width, self.row_count)
        self.highlighted = cursor
        self.refresh()
        self.post_message(self.Highlighted())

    def add_page(self, page: int, rows: list[QueueRow]) -> None:
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > PAGES_KEPT:
            dropped, _ = self._pages.popitem(last=False)
            self._asked.discard(dropped)
        self.refresh()
        if self.highlighted is not None and self.highlighted // PAGE_SIZE == page:
            self.post_message(self.Highlighted())

    def row_at(self, index: int) -> QueueRow | None:
        """The row, or None while its page is being read (or past the end)."""
        if index >= self._comments:
            draft = index - self._comments
            return self._drafts[draft] if 0 <= draft < len(self._drafts) else None
        if index < 0:
            return None
        page = index // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            if page not in self._asked:
                self._asked.add(page)
                self.post_message(self.PageWanted(page))
            return None
        self._pages.move_to_end(page)
        at = index % PAGE_SIZE
        # Shorter than asked: comments were withdrawn since the count (a reload follows).
        return rows[at] if at < len(rows) else DamagedRow(0, "no longer in the queue")

    @property
    def highlighted_row(self) -> QueueRow | None:
        return None if self.highlighted is None else self.row_at(self.highlighted)

    def row_texts(self, index: int) -> list[str]:
        """What row `index` shows, column by column, at the list's width (for tests)."""
        row = self.row_at(index)
        width = self.scrollable_content_region.width or 120
        return [] if row is None else [cell.rstrip() for cell in cells_of(row, width)]

    # --- cursor ------------------------------------------------------------------------

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if not self.row_count:
            return None
        return max(0, min(highlighted or 0, self.row_count - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        if not self._scroll_to_highlighted():
            for row in (old, new):
                if row is not None:
                    self.refresh_line(row)
        self.post_message(self.Highlighted())

    def _scroll_to_highlighted(self) -> bool:
        row = self.highlighted or 0
        height = self.scrollable_content_region.height or 1
        top = round(self.scroll_y)
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)
        else:
            return False
        self.refresh()
        return True

    def action_cursor_down(self) -> None:
        self.highlighted = (self.highlighted or 0) + 1

    def action_cursor_up(self) -> None:
        self.highlighted = (self.highlighted or 0) - 1

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = self.row_count - 1

    def action_page_down(self) -> None:
        self.highlighted = (self.highlighted or 0) + max(1, self.size.height - 1)

    def action_page_up(self) -> None:
        self.highlighted = (self.highlighted or 0) - max(1, self.size.height - 1)

    async def _on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if isinstance(row, int):
            self.highlighted = row

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.row_count)

    # --- drawing -----------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None

    def _style(self, name: str) -> Style:
        if self._styles is None:
            base = self.rich_style
            self._styles = {
                "base": base,
                "cursor": base + self.get_component_rich_style("pending-list--cursor"),
                "plain": Style(),
                **{
                    part: self.get_component_rich_style(f"pending-list--{part}", partial=True)
                    for part in ("muted", "attention", "done")
                },
            }
        return self._styles[name]

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if not 0 <= index < self.row_count:
            return Strip.blank(width, self._style("base"))
        style = self._style("cursor" if index == self.highlighted else "base")
        style += Style.from_meta({"row": index})
        row = self.row_at(index)
        if row is None:
            return Strip([Segment(fit("…", width), style)], width)
        cells = cells_of(row, width)
        state_style = style + self._style(_state_look(row))
        text_style = style + self._style("muted") if isinstance(row, DraftRow) else style
        segments = [Segment(cells[0], state_style)]
        segments += [Segment(" " + cell, text_style) for cell in cells[1:]]
        return Strip(segments, width).crop(0, width).simplify()


def _state_look(row: QueueRow) -> str:
    if isinstance(row, DraftRow):
        return "muted"
    if isinstance(row, DamagedRow):
        return "attention"
    assert isinstance(row, CommentRow)
    if row.status in ("returned", "unsure") or row.waits_for:
        return "attention"
    return "done" if row.status in ("sent", "published") else "plain"


def fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells: padded, or cut with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
