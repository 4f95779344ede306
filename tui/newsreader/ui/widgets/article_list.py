"""The article list: one row per article, drawn with the line API.

No widget per row: a row is drawn only when it is on screen, so the cost of moving the
cursor does not grow with the library (a `ListView` takes 32 s to mount 10,000 rows).
Rows are `ArticleEntry`s, metadata only, and their text is made safe when a row is drawn,
so filling the list with 100,000 entries costs a list assignment, not 100,000 renders.
"""

from __future__ import annotations

import contextlib
import datetime as dt
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
from textual.widget import Widget

from newsreader.library.article import ArticleEntry
from newsreader.safe_text import one_line
from newsreader.ui.widgets.list_columns import (
    columns_for,
    compact_day,
    date_width_for,
    saved_day,
)

UNREAD_MARK = "●"


class ArticleList(ScrollView, can_focus=True):
    """Articles, newest first, with a cursor. Highlighting a row announces it at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last", show=False, id="list.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("enter", "open", "Read", tooltip="Move into the reading pane", id="list.open"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--meta",
        "article-list--saved",
    }

    DEFAULT_CSS = """
    ArticleList {
        background: $surface;
        /* Rows are cut to the width: never a horizontal scrollbar. */
        overflow-x: hidden;
    }
    ArticleList > .article-list--cursor {
        background: $secondary 30%;
        text-style: bold;
    }
    ArticleList:focus > .article-list--cursor {
        background: $accent;
        color: $text;
    }
    ArticleList > .article-list--unread {
        color: $text-accent;
        text-style: bold;
    }
    ArticleList > .article-list--meta {
        color: $text-muted;
    }
    ArticleList > .article-list--saved {
        color: $text-muted;
        text-style: italic;
    }
    """

    # Dates are shown relative to this ("21 Nov" this year); tests hold it still.
    today = staticmethod(dt.date.today)

    # The row under the cursor (None: the list is empty), as Textual's OptionList has it.
    highlighted: reactive[int | None] = reactive(None, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor moved onto an article (or the list became empty: entry is None)."""

        def __init__(self, entry: ArticleEntry | None, gone: ArticleEntry | None = None) -> None:
            super().__init__()
            self.entry = entry
            # The article the cursor was on, when a new list no longer has it.
            self.gone = gone

    class Opened(Message):
        """Enter was pressed on an article."""

        def __init__(self, entry: ArticleEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(
        self,
        *,
        id: str | None = None,
        open_into: Widget | None = None,
        columns: tuple[str, ...] = ("date", "source"),
    ) -> None:
        super().__init__(id=id)
        # Where Enter moves the focus: at once, so keys typed right after land there.
        self.open_into = open_into
        self.columns = columns  # which of date and source to show (list.columns)
        self._gone: ArticleEntry | None = None
        self._rows: list[ArticleEntry] = []
        self._read: set[str] = set()
        # The entry last announced as highlighted: a new list may hold another at its row.
        self._announced: ArticleEntry | None = None
        self._moved_by_person = False
        self._styles: _RowStyles | None = None
        self._today = self.today()
        self._date_width = 6

    # --- content -----------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def moved_by_person(self) -> bool:
        """Whether a key or click has moved the cursor since the list was filled."""
        return self._moved_by_person

    @property
    def highlighted_entry(self) -> ArticleEntry | None:
        row = self.highlighted
        return None if row is None else self._rows[row]

    def set_entries(
        self,
        entries: list[ArticleEntry],
        read: set[str] | None = None,
        *,
        stay_on_row: bool = False,
        top_unless_moved: bool = False,
    ) -> None:
        """Show `entries` (newest first), keeping the cursor on the same article.

        The list is kept, not copied: the caller hands it over. `read` replaces the set
        of read article ids; None keeps the current one. When the article is gone, the
        cursor goes to the top, or with `stay_on_row` stays on its row (a neighbour).
        `top_unless_moved` keeps it on the top row until the person first moves it: while
        a library is indexed, newer articles keep arriving above.
        A Highlighted message is posted when the article under the cursor is another one,
        or its entry changed (its file was edited), so the reading pane can follow.
        """
        self._rows = entries
        self._today = self.today()
        self._date_width = date_width_for(
            [row.day for row in entries],
            any(not row.day and row.suffix == ".txt" for row in entries),
            self._today,
        )
        if read is not None:
            self._read = set(read)
        self.virtual_size = Size(self.size.width, len(entries))
        if top_unless_moved and not self._moved_by_person:
            self.highlighted = 0
        else:
            self.highlighted = self._position_of(self._announced, stay_on_row)
        self.refresh()

    def _position_of(self, entry: ArticleEntry | None, stay_on_row: bool) -> int:
        """Where `entry`'s article is now; if it is gone, the top or the same row."""
        if entry is None or not self._rows:
            return 0
        with contextlib.suppress(ValueError):
            return self._rows.index(entry)  # unchanged: found by a scan in C
        # Edited (its entry differs) or gone: look for its id.
        for index, row in enumerate(self._rows):
            if row.id == entry.id:
                return index
        if stay_on_row:
            self._gone = entry  # a look at the library found it deleted
            return self.highlighted or 0
        return 0

    def set_read(self, article_id: str, read: bool) -> None:
        if read:
            self._read.add(article_id)
        else:
            self._read.discard(article_id)
        self.refresh()

    def set_read_many(self, article_ids: list[str], read: bool) -> None:
        if read:
            self._read.update(article_ids)
        else:
            self._read.difference_update(article_ids)
        self.refresh()

    @property
    def read_ids(self) -> set[str]:
        return self._read

    @property
    def rows(self) -> list[ArticleEntry]:
        """The articles in view, in the list's order."""
        return self._rows

    def is_read(self, article_id: str) -> bool:
        return article_id in self._read

    # --- cursor ------------------------------------------------------------------------

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if not self._rows:
            return None
        return max(0, min(highlighted or 0, len(self._rows) - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        old_entry = self._announced
        entry = self._announced = self.highlighted_entry
        if not self.scroll_to_highlighted():
            # Only the two rows whose look changed are drawn again, not the whole list.
            for row in (old, new):
                if row is not None:
                    self.refresh_line(row)
        same_article = entry is not None and old_entry is not None and entry.id == old_entry.id
        if same_article:
            return  # its file changed: what is being read stays as it is until asked again
        if entry != old_entry or (entry is None and old_entry is None):
            gone, self._gone = self._gone, None
            self.post_message(self.Highlighted(entry, gone))

    def keep_place(self) -> None:
        """The person is reading the article under the cursor (opened, scrolled, focused
        the pane): articles still arriving above no longer move the cursor to the top."""
        self._moved_by_person = True

    def _person_moves_to(self, index: int) -> None:
        self._moved_by_person = True
        self.highlighted = index

    def scroll_to_highlighted(self) -> bool:
        """Scroll so the cursor's row is on screen; True when the list had to scroll."""
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

    def move_to(self, article_id: str) -> bool:
        """Put the cursor on this article, as a person would; False if it is not listed."""
        for index, row in enumerate(self._rows):
            if row.id == article_id:
                self._person_moves_to(index)
                return True
        return False

    def move_to_unread(self, step: int) -> bool:
        """Put the cursor on the next (step 1) or previous (-1) unread article, as a person
        would; False when there is none that way."""
        index = (self.highlighted if self.highlighted is not None else -1) + step
        while 0 <= index < len(self._rows):
            if self._rows[index].id not in self._read:
                self._person_moves_to(index)
                return True
            index += step
        return False

    def action_cursor_down(self) -> None:
        self._person_moves_to((self.highlighted or 0) + 1)

    def action_cursor_up(self) -> None:
        self._person_moves_to((self.highlighted or 0) - 1)

    def action_first(self) -> None:
        self._person_moves_to(0)

    def action_last(self) -> None:
        self._person_moves_to(len(self._rows) - 1)

    def action_page_down(self) -> None:
        page = max(1, self.scrollable_content_region.height - 1)
        self._person_moves_to((self.highlighted or 0) + page)

    def action_page_up(self) -> None:
        page = max(1, self.scrollable_content_region.height - 1)
        self._person_moves_to((self.highlighted or 0) - page)

    def action_open(self) -> None:
        if (entry := self.highlighted_entry) is not None:
            self.keep_place()
            if self.open_into is not None:
                self.screen.set_focus(self.open_into)
            self.post_message(self.Opened(entry))

    async def _on_click(self, event: events.Click) -> None:
        # Each drawn row carries its index in its segments' meta (see `render_line`).
        row = event.style.meta.get("row")
        if isinstance(row, int):
            self._person_moves_to(row)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._rows))

    # --- drawing -----------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None  # focus, theme or CSS changed: look them up again

    def _row_styles(self) -> _RowStyles:
        # Looked up once, not per row: `rich_style` walks the DOM, and it was most of the
        # cost of drawing a row.
        if self._styles is None:
            base = self.rich_style
            cursor = base + self.get_component_rich_style("article-list--cursor")
            self._styles = _RowStyles(
                base,
                cursor,
                self._foreground_of("article-list--unread"),
                self._foreground_of("article-list--meta"),
                self._foreground_of("article-list--saved"),
            )
        return self._styles

    def _foreground_of(self, component: str) -> Style:
        # The whole style's colour, not the partial style's: only the whole one has a
        # colour such as `$text-muted` blended with the background (a partial one left
        # the date and source white on every theme, unreadable on a light one).
        whole = self.get_component_rich_style(component)
        return Style(color=whole.color, bold=whole.bold, italic=whole.italic)

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        styles = self._row_styles()
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, styles.base)
        style = styles.cursor if index == self.highlighted else styles.base
        style += Style.from_meta({"row": index})  # for a click to find its row
        return Strip(self._row_segments(self._rows[index], width, style), width).simplify()

    def _row_segments(self, row: ArticleEntry, width: int, style: Style) -> list[Segment]:
        styles = self._row_styles()
        unread = row.id not in self._read
        mark = Segment(UNREAD_MARK if unread else " ", style + styles.unread)
        segments = [mark, Segment(" ", style)]
        columns = columns_for(width, self._date_width, self.columns)
        segments.append(Segment(_fit(one_line(row.title), columns.title), style))
        if columns.date:
            if row.day:
                day, day_style = compact_day(row.day, self._today), styles.meta
            elif row.suffix == ".txt":
                day, day_style = saved_day(row.mtime_ns, self._today), styles.saved
            else:
                day, day_style = "", styles.meta
            segments.append(Segment(" " + _fit(day, columns.date - 1), style + day_style))
        if columns.source:
            origin = _fit(one_line(row.origin), columns.source - 1)
            segments.append(Segment(" " + origin, style + styles.meta))
        return segments


class _RowStyles(NamedTuple):
    base: Style
    cursor: Style
    unread: Style  # partial: added to the row's own
    meta: Style  # partial
    saved: Style  # partial: "saved 2 Dec", an undated page's file time


def _fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells: padded, or cut with an ellipsis (wide characters
    and all, which is why this goes by cells, not characters)."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
