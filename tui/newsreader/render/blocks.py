"""An article's Markdown body as a flat list of Rich renderables, one per top-level block.

Textual's Markdown widget mounts a widget per block and takes seconds on a long article.
The reading pane instead draws lines itself (line API) and renders block by block, only
when a block comes into view, so this module stops at renderables: `markdown_to_blocks`
parses, and the pane renders each block at its width.

Hostile documents are bounded in four places: only the start of a long or intricate body
is parsed as Markdown and the rest is shown as plain text (budget.py); markdown-it's
`maxNesting` stops parsing containers nested deeper than it (it drops their content, the
reader sees TOO_DEEP_NOTE instead, and the recursion here stays shallow);
`MAX_RENDER_DEPTH` stops indenting before the text is squeezed out of the pane; and long
paragraphs, code blocks and tables are cut into blocks small enough to draw at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.rule import Rule
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from newsreader.render.budget import (
    PLAIN_TEXT_NOTE,
    describe_size,
    plain_text_pieces,
    split_for_formatting,
    text_pieces,
)
from newsreader.render.inline import inline_text
from newsreader.render.styles import DEFAULT_STYLES, RenderStyles
from newsreader.render.table import read_table
from newsreader.safe_text import visible

# markdown-it's own guard (the commonmark preset's value, stated so it is not lost): a
# container or inline span nested deeper than this is not parsed further. A list level
# costs two (list + item), so lists nest about 9 deep, quotes about 19.
PARSER_MAX_NESTING = 20
# Quote bars and list indents stop growing here; deeper content is drawn at this depth.
MAX_RENDER_DEPTH = 12
TOO_DEEP_NOTE = "… (nested too deeply to show)"
# Longer paragraphs, code blocks, lists and quotes are drawn as several blocks, each a few
# milliseconds' work, so a long one never holds the keyboard up.
TEXT_PIECE_CHARS = 8192
CODE_PIECE_LINES = 500
CONTAINER_PIECE_PARTS = 50
CODE_TAB_SIZE = 4

QUOTE_BAR = "▌ "
BULLETS = ("•", "◦", "▪")


@dataclass(frozen=True, slots=True, eq=False)
class Block:
    """One top-level Markdown block, ready to render at any width.

    Compared and hashed by identity, so a pane can key a cache of rendered lines by block.
    """

    renderable: RenderableType
    gap_before: int = 0  # blank lines drawn above the block


def new_parser() -> MarkdownIt:
    # html off: raw HTML in an article becomes literal text; linkify off: no guessed links.
    options = {"html": False, "linkify": False, "maxNesting": PARSER_MAX_NESTING}
    return MarkdownIt("commonmark", options).enable(["table", "strikethrough"])


_PARSER = new_parser()


def markdown_to_blocks(markdown: str, styles: RenderStyles = DEFAULT_STYLES) -> list[Block]:
    """Parse `markdown` into one `Block` per top-level block, one blank line between them.

    A long top-level block becomes several that follow each other without a gap; past the
    formatting budget, the rest of the text comes as a note and plain-text blocks. Colours
    come from `styles` (the theme's, as the reading pane fills them in).
    """
    head, tail = split_for_formatting(markdown)
    reader = _BlockReader(_PARSER.parse(head), styles)
    blocks: list[Block] = []
    while not reader.at_end():
        converted = reader.read_block(depth=0)
        if converted is not None:
            for index, piece in enumerate(_pieces(converted)):
                gap = 0 if index or not blocks else 1
                blocks.append(Block(piece, gap_before=gap))
    if tail.strip():
        note = Text(PLAIN_TEXT_NOTE.format(size=describe_size(tail)), style=styles.note)
        blocks.append(Block(note, gap_before=1 if blocks else 0))
        blocks += [Block(text, gap_before=gap) for text, gap in plain_text_pieces(tail)]
    return blocks


def _pieces(renderable: RenderableType) -> list[RenderableType]:
    """`renderable` cut into pieces that are quick to draw; each follows the last directly."""
    if isinstance(renderable, Text):
        return list(text_pieces(renderable, TEXT_PIECE_CHARS))
    if isinstance(renderable, _Stack):  # a list: its items
        return list(renderable.pieces(CONTAINER_PIECE_PARTS))
    if isinstance(renderable, _Prefixed) and isinstance(renderable.body, _Stack):  # a quote
        return [
            _Prefixed(stack, renderable.first, renderable.rest, renderable.style)
            for stack in renderable.body.pieces(CONTAINER_PIECE_PARTS)
        ]
    if isinstance(renderable, _CodeBlock) and len(renderable.lines) > CODE_PIECE_LINES:
        lines = renderable.lines
        return [
            _CodeBlock.of_lines(lines[start : start + CODE_PIECE_LINES], renderable.style)
            for start in range(0, len(lines), CODE_PIECE_LINES)
        ]
    return [renderable]


class _Stack:
    """Renderables one under another, optionally a blank line between them."""

    def __init__(self, parts: list[RenderableType], gap: int, lead: int = 0) -> None:
        self.parts = parts
        self.gap = gap
        self.lead = lead  # blank lines above the first part (a piece of a longer stack)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.lead:
            yield Segment("\n" * self.lead)
        for index, part in enumerate(self.parts):
            if index and self.gap:
                yield Segment("\n" * self.gap)
            yield part

    def pieces(self, size: int) -> list[_Stack]:
        """This stack as consecutive stacks of `size` parts, the gaps between them kept."""
        return [
            _Stack(self.parts[start : start + size], self.gap, self.gap if start else self.lead)
            for start in range(0, len(self.parts), size)
        ]


class _Prefixed:
    """A body with `first` before its first line and `rest` before every other line.

    Used for quote bars (the same prefix on every wrapped line) and list items (a marker,
    then a hanging indent). The body is rendered at the width left after the prefix.
    """

    def __init__(self, body: RenderableType, first: str, rest: str, style: Style | None) -> None:
        self.body = body
        self.first = first
        self.rest = rest
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        body_width = max(1, options.max_width - cell_len(self.first))
        lines = console.render_lines(self.body, options.update_width(body_width), pad=False)
        for index, line in enumerate(lines or [[]]):
            yield Segment(self.first if index == 0 else self.rest, self.style)
            yield from line
            yield Segment.line()


class _CodeBlock:
    """Code as written: every line kept, long lines folded at the exact width.

    Rich's word wrapping would drop the spaces where it breaks a line and `no_wrap` would
    crop it; folding keeps every character. Each row is padded so the background is a block.
    """

    def __init__(self, code: str, style: Style) -> None:
        self.lines = visible(code).expandtabs(CODE_TAB_SIZE).split("\n")
        self.style = style

    @classmethod
    def of_lines(cls, lines: list[str], style: Style) -> _CodeBlock:
        """A block of lines that are already safe and tab-free (a piece of a longer one)."""
        block = cls("", style)
        block.lines = lines
        return block

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for line in self.lines:
            for row in chop_cells(line, width) or [""]:
                yield Segment(row + " " * (width - cell_len(row)), self.style)
                yield Segment.line()


class _BlockReader:
    """Walks markdown-it's flat token stream, turning each block into a renderable.

    Containers recurse, but only as deep as the parser's `maxNesting` let tokens nest.
    """

    def __init__(self, tokens: list[Token], styles: RenderStyles) -> None:
        self.tokens = tokens
        self.styles = styles
        self._heading_styles = {"h1": styles.heading_1, "h2": styles.heading_2}
        self.position = 0
        self.list_depth = 0  # lists only, not quotes: it picks the bullet

    def at_end(self) -> bool:
        return self.position >= len(self.tokens)

    def read_block(self, depth: int) -> RenderableType | None:
        token = self.tokens[self.position]
        kind = token.type
        if kind == "paragraph_open":
            return self._read_inline_block(None)
        if kind == "heading_open":
            style = self._heading_styles.get(token.tag, self.styles.heading_minor)
            return self._read_inline_block(style)
        if kind == "blockquote_open":
            return self._read_quote(depth)
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self._read_list(depth)
        if kind in ("fence", "code_block"):
            self.position += 1
            code = token.content.removesuffix("\n")
            return _CodeBlock(code, self.styles.code_block)
        if kind == "hr":
            self.position += 1
            return Rule(style=self.styles.rule)
        if kind == "table_open":
            return self._read_table()
        if kind == "html_block":
            self.position += 1
            return Text(visible(token.content.removesuffix("\n")))
        self._skip_unknown(token)
        return None

    def _read_inline_block(self, style: Style | None) -> Text:
        # open, inline, close: the inline token holds the spans.
        inline = self.tokens[self.position + 1]
        self.position += 3
        return inline_text(inline.children, style, self.styles)

    def _read_children(self, depth: int) -> list[RenderableType]:
        """Read the blocks inside the container opened by the current token, and its close."""
        opener = self.tokens[self.position]
        close_type = opener.type.replace("_open", "_close")
        self.position += 1
        children: list[RenderableType] = []
        while not self.at_end() and self.tokens[self.position].type != close_type:
            converted = self.read_block(depth)
            if converted is not None:
                children.append(converted)
        self.position += 1  # the closing token
        if not children and opener.level + 1 >= PARSER_MAX_NESTING:
            # markdown-it dropped what was inside: say so rather than show an empty box.
            children.append(Text(TOO_DEEP_NOTE, style=self.styles.note))
        return children

    def _read_quote(self, depth: int) -> RenderableType:
        body = _Stack(self._read_children(depth + 1), gap=1)
        if depth >= MAX_RENDER_DEPTH:
            return body
        return _Prefixed(body, QUOTE_BAR, QUOTE_BAR, self.styles.quote_bar)

    def _read_list(self, depth: int) -> RenderableType:
        list_open = self.tokens[self.position]
        self.position += 1
        items: list[list[RenderableType]] = []
        tight = True
        while not self.at_end() and self.tokens[self.position].type == "list_item_open":
            first_child = self.tokens[self.position + 1 : self.position + 2]
            if first_child and first_child[0].type == "paragraph_open":
                # markdown-it hides the paragraphs of a tight list; a loose one gets gaps.
                tight = tight and first_child[0].hidden
            self.list_depth += 1
            items.append(self._read_children(depth + 1))
            self.list_depth -= 1
        self.position += 1  # the list's closing token
        markers = _list_markers(list_open, len(items), self.list_depth)
        gap = 0 if tight else 1
        # Beyond the render depth an item keeps its marker but wraps without an indent.
        indent = "" if depth >= MAX_RENDER_DEPTH or not markers else " " * cell_len(markers[0])
        rendered_items: list[RenderableType] = [
            _Prefixed(_Stack(children or [Text("")], gap), marker, indent, None)
            for marker, children in zip(markers, items, strict=True)
        ]
        return _Stack(rendered_items, gap)

    def _read_table(self) -> Table:
        table, self.position = read_table(self.tokens, self.position, self.styles)
        return table

    def _skip_unknown(self, token: Token) -> None:
        # A token type this reader does not draw (a future markdown-it rule): skip it and,
        # if it opens a container, everything up to its matching close.
        self.position += 1
        if token.nesting != 1:
            return
        while not self.at_end():
            candidate = self.tokens[self.position]
            self.position += 1
            if candidate.nesting == -1 and candidate.level == token.level:
                return


def _list_markers(list_open: Token, count: int, list_depth: int) -> list[str]:
    if list_open.type == "bullet_list_open":
        return [f"{BULLETS[list_depth % len(BULLETS)]} "] * count
    start = int(list_open.attrs.get("start", 1))
    delimiter = list_open.markup or "."
    numbers = [str(start + offset) for offset in range(count)]
    number_width = max((len(number) for number in numbers), default=1)
    return [f"{number.rjust(number_width)}{delimiter} " for number in numbers]
