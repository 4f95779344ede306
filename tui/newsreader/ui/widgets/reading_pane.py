"""The reading pane: an article's header and body, drawn with the line API.

Blocks (header lines, paragraphs, lists…) are turned into screen lines a few at a time:
the first screen is drawn at once and the rest follows in short slices between key
presses, so a 400 KB article neither delays its first screen nor blocks the keyboard.
Converting a long (or costly: see markdown_budget) body from Markdown happens in a thread
worker, while the start of it, converted on the spot, is already shown; showing another
article cancels a stale conversion (`exclusive=True`) and its result is dropped.
"""

from __future__ import annotations

import time
from typing import ClassVar

from rich.console import RenderableType
from rich.segment import Segment
from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from newsreader.library.article import WORDS_PER_MINUTE, Article
from newsreader.safe_text import one_line
from newsreader.ui.markdown_blocks import Block, markdown_to_blocks
from newsreader.ui.markdown_budget import format_cost, split_for_formatting

# Bodies shorter and cheaper than this are converted on the spot: quicker than a thread
# hop. A cost unit is ~10 µs of parsing (markdown_budget), so at most ~30 ms.
CONVERT_IN_THREAD_FROM = 64 * 1024
CONVERT_IN_THREAD_FROM_COST = 3_000
# The start shown while the rest is converted in the thread: a screen or two, ~15 ms.
PREVIEW_COST = 1_500
PREVIEW_CHARS = 16 * 1024
# How long one slice of line rendering may hold the UI thread.
SLICE_SECONDS = 0.012
LONG_ARTICLE_WORDS = 20_000


def header_renderables(article: Article) -> list[RenderableType]:
    """Title, byline, date, source, reading time and the file's problems, made safe."""
    title = Text(one_line(article.title), style="bold")
    words = article.word_count  # counted once: splitting a 2 MB body takes ~25 ms
    facts = []
    if article.author:
        facts.append("By " + one_line(article.author))
    if article.date:
        facts.append(article.date.strftime("%-d %B %Y"))
    if article.source:
        facts.append(one_line(article.source))
    facts.append(f"{max(1, round(words / WORDS_PER_MINUTE))} min read")
    blocks: list[RenderableType] = [title, Text(" · ".join(facts), style="dim")]
    if article.summary:
        blocks.append(Text(one_line(article.summary), style="italic"))
    if article.url:
        blocks.append(Text(one_line(article.url), style="dim underline"))
    if words > LONG_ARTICLE_WORDS:
        blocks.append(Text(f"A long article: {words:,} words.", style="italic dim"))
    if article.problems:
        # "file is 50 MB; only the first 2 MB are shown" and the like: said where it shows.
        notes = "\n".join(f"⚠ {one_line(problem)}" for problem in article.problems)
        blocks.append(Text(notes, style="yellow"))
    blocks.append(Text("─" * 3, style="dim"))
    return blocks


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

    DEFAULT_CSS = """
    ReadingPane {
        padding: 0 1;
        /* Room for the scrollbar is kept even when none is shown, so the text width does
           not change (and lines are not rendered twice) when a long article needs one. */
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self._blocks: list[RenderableType] = []
        self._gaps: list[int] = []  # blank lines above each block
        self._body_pending = False
        self._lines: list[Strip] = []
        self._next_block = 0
        self._rendered_width = 0
        self._slice_scheduled = False
        self._follow_end = False  # G was pressed before every line was drawn …
        self._followed_to = 0.0  # … and this is where it last took the person
        self._placeholder: str = ""

    # --- what is shown -----------------------------------------------------------------

    def show(self, article: Article | None) -> None:
        """Show `article` from its first line (None shows the placeholder)."""
        self.article = article
        self._follow_end = False
        self.scroll_to(y=0, animate=False, immediate=True)
        if article is None:
            self._set_blocks([Text(self._placeholder, style="dim")], [], body_pending=False)
            return
        header = header_renderables(article)
        body = article.body
        if len(body) < CONVERT_IN_THREAD_FROM and format_cost(body) < CONVERT_IN_THREAD_FROM_COST:
            self._set_blocks(header, markdown_to_blocks(body), body_pending=False)
        else:
            start, _ = split_for_formatting(body, PREVIEW_COST, PREVIEW_CHARS)
            more = Block(Text("Formatting the rest…", style="dim italic"), "note", gap_before=1)
            self._set_blocks(header, [*markdown_to_blocks(start), more], body_pending=True)
            self._convert_in_thread(article)

    def show_placeholder(self, message: str) -> None:
        self._placeholder = message
        self.show(None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="reading-pane")
    def _convert_in_thread(self, article: Article) -> None:
        blocks = markdown_to_blocks(article.body)
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._body_ready, article, blocks)

    def _body_ready(self, article: Article, body: list[Block]) -> None:
        if article is not self.article:
            return  # a stale conversion: the person has moved on
        header = header_renderables(article)
        self._set_blocks(header, body, body_pending=False, keep_scroll=True)

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
        return [strip.text for strip in self._lines]

    # --- turning blocks into lines -----------------------------------------------------

    def _reset_lines(self) -> None:
        self._lines = []
        self._next_block = 0
        self._rendered_width = self._content_width()
        self._render_until(self.scrollable_content_region.height + round(self.scroll_y) + 1)
        self._schedule_slice()

    def _content_width(self) -> int:
        return max(10, self.scrollable_content_region.width)

    def _render_block(self, renderable: RenderableType) -> list[Strip]:
        console = self.app.console
        options = console.options.update_width(self._rendered_width)
        lines = console.render_lines(renderable, options, style=self.rich_style, pad=True)
        return [Strip(line, self._rendered_width) for line in lines]

    def _render_until(self, line_count: int, deadline: float | None = None) -> None:
        blank = Strip([Segment(" " * self._rendered_width, self.rich_style)])
        while self._next_block < len(self._blocks) and len(self._lines) < line_count:
            self._lines.extend([blank] * self._gaps[self._next_block])
            self._lines.extend(self._render_block(self._blocks[self._next_block]))
            self._next_block += 1
            if deadline is not None and time.perf_counter() > deadline:
                break
        self.virtual_size = Size(self._rendered_width, len(self._lines))

    def _schedule_slice(self) -> None:
        if not self._slice_scheduled and self._next_block < len(self._blocks):
            self._slice_scheduled = True
            self.set_timer(0.001, self._render_slice)

    def _render_slice(self) -> None:
        self._slice_scheduled = False
        # Drawing the screen may add a line or two, so "at the end" means "not moved back".
        self._follow_end = self._follow_end and self.scroll_y >= self._followed_to
        self._render_until(len(self._lines) + 10**9, time.perf_counter() + SLICE_SECONDS)
        if self._follow_end:
            self._scroll_to_drawn_end()
        self._follow_end = self._follow_end and not self.fully_rendered
        self.refresh()
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
            return self._lines[index].crop_extend(0, width, self.rich_style)
        return Strip.blank(width, self.rich_style)

    # --- keys ----------------------------------------------------------------------------

    def action_page_down(self) -> None:
        self._render_until(round(self.scroll_y) + 2 * self.scrollable_content_region.height)
        super().action_page_down()

    def action_scroll_end(self) -> None:
        # Drawing every line of a 2 MB article here would hold the keyboard for seconds:
        # draw what one slice allows, then follow the end as the slices draw the rest.
        self._render_until(10**9, time.perf_counter() + SLICE_SECONDS)
        self._follow_end = not self.fully_rendered
        if self._follow_end:
            self._scroll_to_drawn_end()
        else:
            super().action_scroll_end()

    def _scroll_to_drawn_end(self) -> None:
        self.scroll_end(animate=False, immediate=True)
        self._followed_to = self.scroll_y
