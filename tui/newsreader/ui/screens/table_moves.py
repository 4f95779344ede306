"""The list keys (j/k/g/G) of a screen built on one DataTable, as the main list has them."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable


def table_moves(prefix: str) -> list[Binding]:
    """The bindings, their ids under `prefix` (so `[keymap]` can move each)."""
    return [
        Binding("j", "move('cursor_down')", "Down", show=False, id=f"{prefix}.down"),
        Binding("k", "move('cursor_up')", "Up", show=False, id=f"{prefix}.up"),
        Binding("g", "move('scroll_top')", "First", show=False, id=f"{prefix}.first"),
        Binding("G", "move('scroll_bottom')", "Last", show=False, id=f"{prefix}.last"),
    ]


def move_table(screen: Screen[Any], how: str) -> None:
    """What `move(how)` does: the DataTable's own action of that name."""
    getattr(screen.query_one(DataTable), f"action_{how}")()
