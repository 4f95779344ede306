"""The reading pane: an article's header and body, drawn with the line API.

Blocks (header lines, paragraphs, lists…) are turned into screen lines a few at a time:
the first screen is drawn at once and the rest follows in short slices between key
presses, so a 400 KB article neither delays its first screen nor blocks the keyboard.
A long (or costly: see render/budget.py) body is converted from Markdown twice: its start
at once, which is enough for the first screens, and the whole of it in a thread worker,
whose blocks then take their place. One conversion runs at a time; a stale one's result
is dropped.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.library.article import Article
from newsreader.render.header import header_renderables
from newsreader.render.styles import RenderStyles
from newsreader.safe_text import one_line
from newsreader.ui.widgets.theme_styles import (
    THEME_COMPONENT_CLASSES,
    THEME_CSS,
    styles_from_components,
)

if TYPE_CHECKING:
    from newsreader.render.blocks import Block

# Bodies shorter and cheaper than this are converted on the spot: quicker than a thread
# hop. A cost unit is ~10 µs of parsing (render/budget.py), so at most ~30 ms.
CONVERT_IN_THREAD_FROM = 64 * 1024
CONVERT_IN_THREAD_FROM_COST = 3_000
# Of a longer body, the start shown while the rest is converted in the thread: about this
# much, cut at a paragraph break, and within the cost budget: a screen or two, ~15 ms.
FIRST_PART_CHARS = 8 * 1024
PREVIEW_COST = 1_500
PREVIEW_CHARS = 16 * 1024
# How long one slice of line rendering may hold the UI thread, and the pause after it in
# which keys are answered.
SLICE_SECONDS = 0.005
SLICE_PAUSE = 0.003
# How often the scrollbar learns the length while slices draw (each time re-lays the screen).
SIZE_EVERY_SECONDS = 0.1
DEFAULT_MEASURE = 90


class ReadingPane(ScrollView, can_focus=True):
    """Shows one article; scrolls with the keys a pager uses."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space,pagedown",
            "page_down",
            "Page down",
            key_display="space",
            tooltip="Scroll the article one screen down",
            id="reader.page_down",
        ),
        Binding(
            "b,pageup",
            "page_up",
            "Page up",
            key_display="b",
            tooltip="Scroll the article one screen up",
            id="reader.page_up",
        ),
        Binding("down,j", "scroll_down", "Line down", show=False, id="reader.line_down"),
        Binding("up,k", "scroll_up", "Line up", show=False, id="reader.line_up"),
        Binding("home,g", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="reader.bottom"),
    ]

    # The longest line, in columns (`reader.measure`): wider panes get margins.
    measure: int = DEFAULT_MEASURE

    COMPONENT_CLASSES: ClassVar[set[str]] = THEME_COMPONENT_CLASSES

    DEFAULT_CSS = (
        """
    ReadingPane {
        padding: 0 1;
        /* Room for the scrollbar is kept even when none is shown, so the text width does
           not change (and lines are not rendered twice) when a long article needs one. */
        scrollbar-gutter: stable;
    }
    """
        + THEME_CSS
    )

    class Converted(Message):
        """A thread finished converting `article`'s whole body (None: it failed)."""

        bubble = False

        def __init__(self, article: Article, blocks: list[Block] | None) -> None:
            super().__init__()
            self.article, self.blocks = article, blocks

    class Engaged(Message):
        """The person scrolled or clicked the article shown: they are reading it."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    class EndReached(Message):
        """space at the end of the article: on to the next unread, as in newsboat and mutt."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self._blocks: list[RenderableType] = []
        self._header: list[RenderableType] = []
        self._body: list[Block] = []
        self._gaps: list[int] = []  # blank lines above each block
        self._body_pending = False
        # Each line as Rich segments, exactly `_rendered_width` cells. Not as Strips: a
        # Strip carries seven small caches, 1.2 KB a line, 9 MB for a 430 KB article;
        # Strips are made only for the lines on screen, in `render_line`.
        self._lines: list[list[Segment]] = []
        self._next_block = 0
        self._rendered_width = 0
        self._slice_scheduled = False
        self._follow_end = False  # G was pressed before every line was drawn …
        self._followed_to = 0.0  # … and this is where it last took the person
        self._size_published_at = 0.0
        self._placeholder: str = ""
        # The article whose body a thread is converting, if any (see `_convert_when_free`).
        self._converting: Article | None = None
        self._showing_saved = False  # `v`: the page as it was saved, instead of the article
        self._styles: RenderStyles | None = None
        self._drawn_on: Style | None = None  # the pane's own style the lines were made with
        self._restyle_scheduled = False
        # The article the list has asked for and a worker is still reading: a jump to its
        # end or top pressed meanwhile is made once it is shown (keys in a burst).
        self._expected: str | None = None
        self._jump_when_shown: str | None = None
        self._highlight: re.Pattern[str] | None = None  # the search words, if any

    # --- the theme's styles ------------------------------------------------------------

    @property
    def render_styles(self) -> RenderStyles:
        """The renderer's style table, read from this widget's component classes."""
        if self._styles is None:
            self._styles = styles_from_components(self)
        return self._styles

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # The component classes are restyled after the widget: look at them once they are.
        if not self._restyle_scheduled:
            self._restyle_scheduled = True
            self.call_later(self._restyle)

    def _restyle(self) -> None:
        self._restyle_scheduled = False
        self.refresh()  # also drops Textual's cache of component styles, which may be stale
        before = self._styles, self._drawn_on
        self._styles = None
        self._drawn_on = self.rich_style
        changed = before[0] is not None and before != (self.render_styles, self._drawn_on)
        if changed and self.article is not None:
            # Another theme: the article is drawn again in its colours, where it was.
            top = round(self.scroll_y)
            self.show(self.article)
            self.scroll_to(y=top, animate=False, immediate=True)

    # --- what is shown -----------------------------------------------------------------

    def show(self, article: Article | None) -> None:
        """Show `article` from its first line (None shows the placeholder)."""
        self.article = article
        self._showing_saved = False
        self._follow_end = False
        self.scroll_to(y=0, animate=False, immediate=True)
        if article is None:
            placeholder = Text(self._placeholder, style=self.render_styles.byline)
            self._set_blocks([placeholder], [], body_pending=False)
            return
        self._show_article(article)
        if self._expected == article.id:
            self._expected = None
            jump, self._jump_when_shown = self._jump_when_shown, None
            if jump == "end":
                self.action_scroll_end()
            elif jump == "page":
                self.action_page_down()

    def expect(self, article_id: str | None) -> None:
        """The list asked for this article; it is on its way (None: nothing is)."""
        self._expected = article_id
        self._jump_when_shown = None

    def _waiting(self) -> bool:
        return self._expected is not None and (
            self.article is None or self.article.id != self._expected
        )

    def highlight_words(self, words: list[str]) -> None:
        """Mark where these search words begin a word of the text shown (none: no marks)."""
        pattern = "|".join(re.escape(word) for word in words if word)
        self._highlight = re.compile(rf"(?<!\w)(?:{pattern})", re.IGNORECASE) if pattern else None
        self.refresh()

    def _show_article(self, article: Article) -> None:
        # Imported on first use: markdown-it is not needed to put the list on screen.
        from newsreader.render.blocks import Block, markdown_to_blocks
        from newsreader.render.budget import first_part_of, format_cost, split_for_formatting

        styles = self.render_styles
        header = header_renderables(article, styles)
        body = article.body
        if len(body) < CONVERT_IN_THREAD_FROM and format_cost(body) < CONVERT_IN_THREAD_FROM_COST:
            self._set_blocks(header, markdown_to_blocks(body, styles), body_pending=False)
        else:
            first_part = first_part_of(body, FIRST_PART_CHARS)
            start, _ = split_for_formatting(first_part, PREVIEW_COST, PREVIEW_CHARS)
            more = Block(Text("Formatting the rest…", style=styles.note), gap_before=1)
            self._set_blocks(header, [*markdown_to_blocks(start, styles), more], body_pending=True)
            # Once the first screen is out: the conversion holds the GIL for a good while,
            # and drawing that screen while it ran took three times as long.
            self.call_after_refresh(self._convert_when_free, article)

    def toggle_saved_page(self) -> bool:
        """Show the article's page as it was saved (plain, made safe), or the article again.

        False when there is no saved page to show (a Markdown article, or nothing shown).
        """
        article = self.article
        if article is None or article.saved_text is None:
            return False
        self._showing_saved = not self._showing_saved
        if not self._showing_saved:
            self.show(article)
            return True
        from newsreader.render.blocks import TEXT_PIECE_CHARS, Block
        from newsreader.render.budget import text_pieces
        from newsreader.safe_text import visible

        note = Text("The page as saved (v: back to the article)", style=self.render_styles.note)
        saved = Text(visible(article.saved_text), overflow="fold")
        pieces = [
            Block(piece, gap_before=0 if index else 1)
            for index, piece in enumerate(text_pieces(saved, TEXT_PIECE_CHARS))
        ]
        self._set_blocks(
            [Text(one_line(article.title), style=self.render_styles.title), note],
            pieces,
            body_pending=False,
        )
        return True

    def show_placeholder(self, message: str) -> None:
        self._placeholder = message
        self.show(None)

    def _convert_when_free(self, article: Article) -> None:
        """Convert `article`'s whole body in a thread, one conversion at a time.

        A conversion cannot be stopped half way, so when the person skims through several
        long articles, the latest one waits for the one under way and those in between
        are never started: at most one stale conversion, never a queue of them.
        """
        if article is not self.article:
            return
        if self._converting is None:
            self._converting = article
            self._convert_in_thread(article, self.render_styles)

    @work(thread=True, exit_on_error=False, group="reading-pane")
    def _convert_in_thread(self, article: Article, styles: RenderStyles) -> None:
        from newsreader.render.blocks import markdown_to_blocks

        blocks: list[Block] | None = None
        try:
            blocks = markdown_to_blocks(article.body, styles)
        finally:
            self.post_message(self.Converted(article, blocks))

    def on_reading_pane_converted(self, event: Converted) -> None:
        from newsreader.render.blocks import Block

        article, body = event.article, event.blocks
        self._converting = None
        current = self.article
        if article is current and body is not None:
            header = header_renderables(article, self.render_styles)
            self._set_blocks(header, body, body_pending=False, keep_scroll=True)
        elif article is current:
            # A bug in the conversion: keep what is shown, and say the rest is missing.
            failed = Text(
                "The rest of this article could not be shown.", style=self.render_styles.note
            )
            shown = [*self._body[:-1], Block(failed, gap_before=1)]
            self._set_blocks(self._header, shown, body_pending=False, keep_scroll=True)
        elif current is not None and self._body_pending:
            self._convert_when_free(current)  # the person moved on to another long one

    def _set_blocks(
        self,
        header: list[RenderableType],
        body: list[Block],
        *,
        body_pending: bool,
        keep_scroll: bool = False,
    ) -> None:
        # One blank line between header lines and before the body; inside the body, the
        # gaps its blocks ask for (none between the pieces of one long block).
        self._header, self._body = header, body
        self._blocks = [*header, *(block.renderable for block in body)]
        self._gaps = [1] * len(header)
        self._gaps += [block.gap_before if index else 1 for index, block in enumerate(body)]
        if self._gaps:
            self._gaps[0] = 0
        self._body_pending = body_pending
        self._reset_lines()
        if not keep_scroll:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    @property
    def fully_rendered(self) -> bool:
        return not self._body_pending and self._next_block >= len(self._blocks)

    def plain_lines(self) -> list[str]:
        """The text of every line rendered so far (for tests and the terminal check)."""
        return ["".join(segment.text for segment in line) for line in self._lines]

    # --- turning blocks into lines -----------------------------------------------------

    def _reset_lines(self) -> None:
        self._lines = []
        self._next_block = 0
        self._rendered_width = self._content_width()
        self._render_until(self.scrollable_content_region.height + round(self.scroll_y) + 1)
        self._schedule_slice()

    def _content_width(self) -> int:
        return max(10, min(self.measure, self.scrollable_content_region.width))

    def _render_block(self, renderable: RenderableType) -> list[list[Segment]]:
        console = self.app.console
        options = console.options.update_width(self._rendered_width)
        return console.render_lines(renderable, options, style=self.rich_style, pad=True)

    def _render_until(self, line_count: int, deadline: float | None = None) -> None:
        blank = [Segment(" " * self._rendered_width, self.rich_style)]
        while self._next_block < len(self._blocks) and len(self._lines) < line_count:
            self._lines.extend([blank] * self._gaps[self._next_block])
            self._lines.extend(self._render_block(self._blocks[self._next_block]))
            self._next_block += 1
            if deadline is not None and time.perf_counter() > deadline:
                break
        waited = time.perf_counter() - self._size_published_at
        if deadline is None or self.fully_rendered or waited > SIZE_EVERY_SECONDS:
            self._publish_size()

    def _publish_size(self) -> None:
        self.virtual_size = Size(self._rendered_width, len(self._lines))
        self._size_published_at = time.perf_counter()

    def _schedule_slice(self) -> None:
        if not self._slice_scheduled and self._next_block < len(self._blocks):
            self._slice_scheduled = True
            self.set_timer(SLICE_PAUSE, self._render_slice)

    def _render_slice(self) -> None:
        self._slice_scheduled = False
        # Drawing the screen may add a line or two, so "at the end" means "not moved back".
        self._follow_end = self._follow_end and self.scroll_y >= self._followed_to
        self._render_until(len(self._lines) + 10**9, time.perf_counter() + SLICE_SECONDS)
        if self._follow_end:
            self._scroll_to_drawn_end()
        self._follow_end = self._follow_end and not self.fully_rendered
        self._schedule_slice()

    def on_resize(self) -> None:
        if self._content_width() != self._rendered_width and self._blocks:
            top = round(self.scroll_y)
            self._reset_lines()
            self.scroll_to(y=top, animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        if index >= len(self._lines) and self._next_block < len(self._blocks):
            self._render_until(index + 1)
        width = self.scrollable_content_region.width
        if 0 <= index < len(self._lines):
            segments = self._lines[index]
            margin = max(0, (width - self._rendered_width) // 2)
            line = Strip(segments, self._rendered_width)
            if self._highlight is not None:
                line = self._marked(line)
            if margin:
                line = Strip([Segment(" " * margin, self.rich_style), *line], width)
            return line.crop_extend(0, width, self.rich_style)
        return Strip.blank(width, self.rich_style)

    def _marked(self, line: Strip) -> Strip:
        """`line` with the search words in the theme's highlight style."""
        assert self._highlight is not None
        text = line.text
        spans = [
            match.span() for match in self._highlight.finditer(text) if match.end() > match.start()
        ]
        if not spans:
            return line
        cuts: list[int] = []
        for start, end in spans:
            cuts += [cell_len(text[:start]), cell_len(text[:end])]
        pieces = line.divide([*cuts, line.cell_length])
        style = self.render_styles.search_match
        marked: list[Segment] = []
        for number, piece in enumerate(pieces):
            if number % 2:  # over the text's own style: the mark must show on code too
                marked += [Segment(seg.text, (seg.style or Style()) + style) for seg in piece]
            else:
                marked += piece
        return Strip(marked, line.cell_length)

    # --- reading: what counts as opening the article ---------------------------------

    def _engaged(self) -> None:
        if self.article is not None and not self._waiting():
            self.post_message(self.Engaged(self.article))

    def on_click(self) -> None:
        self._engaged()

    def on_mouse_scroll_down(self) -> None:
        self._engaged()

    def on_mouse_scroll_up(self) -> None:
        self._engaged()

    def action_scroll_down(self) -> None:
        self._engaged()
        super().action_scroll_down()

    def action_scroll_up(self) -> None:
        self._engaged()
        super().action_scroll_up()

    def action_page_up(self) -> None:
        self._engaged()
        super().action_page_up()

    def action_scroll_home(self) -> None:
        if self._waiting():
            self._jump_when_shown = None
            return
        self._engaged()
        super().action_scroll_home()

    # --- keys ----------------------------------------------------------------------------

    def action_page_down(self) -> None:
        if self._waiting():
            self._jump_when_shown = "page"
            return
        self._engaged()
        if self.article is not None and self.fully_rendered and self.scroll_y >= self.max_scroll_y:
            self.post_message(self.EndReached())
            return
        self._render_until(round(self.scroll_y) + 2 * self.scrollable_content_region.height)
        super().action_page_down()

    def action_scroll_end(self) -> None:
        # Drawing every line of a 2 MB article here would hold the keyboard for seconds:
        # draw what one slice allows, then follow the end as the slices draw the rest.
        if self._waiting():
            self._jump_when_shown = "end"
            return
        self._engaged()
        self._render_until(10**9, time.perf_counter() + SLICE_SECONDS)
        self._publish_size()
        self._follow_end = not self.fully_rendered
        if self._follow_end:
            self._scroll_to_drawn_end()
        else:
            super().action_scroll_end()

    def _scroll_to_drawn_end(self) -> None:
        self.scroll_end(animate=False, immediate=True)
        self._followed_to = self.scroll_y
