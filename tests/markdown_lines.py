"""A body's blocks as lines, the way the reading pane draws them: each block rendered at
the pane's width and padded to it, after the blank lines it asks for."""

from __future__ import annotations

import io

from rich.console import Console
from rich.segment import Segment

from newsreader.render.blocks import Block


def plain_console(width: int) -> Console:
    return Console(width=width, color_system=None, file=io.StringIO())


def drawn_lines(console: Console, block: Block, width: int) -> list[list[Segment]]:
    width = max(1, width)
    options = console.options.update(width=width, height=None)
    gap = [[Segment(" " * width)] for _ in range(block.gap_before)]
    return gap + console.render_lines(block.renderable, options, pad=True)
