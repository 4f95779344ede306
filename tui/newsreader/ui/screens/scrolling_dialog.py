"""A dialog whose text may be longer than the screen, scrolled with the list's keys."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen


def scroll_bindings(prefix: str) -> list[Binding]:
    """j/k, space/b, g/G (and the arrow and page keys), with ids under `prefix` that the
    config's `[keymap]` can give other keys."""
    return [
        # The keys of the list and the reading pane, for the same moves.
        Binding("j,down", "scroll('down')", "Down", show=False, id=f"{prefix}.down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id=f"{prefix}.up"),
        Binding(
            "space,pagedown",
            "scroll('page_down')",
            "Page down",
            show=False,
            id=f"{prefix}.page_down",
        ),
        Binding("b,pageup", "scroll('page_up')", "Page up", show=False, id=f"{prefix}.page_up"),
        Binding("g,home", "scroll('home')", "Top", show=False, id=f"{prefix}.top"),
        Binding("G,end", "scroll('end')", "Bottom", show=False, id=f"{prefix}.bottom"),
    ]


class ScrollingDialog(ModalScreen[None]):
    """A modal screen holding one VerticalScroll; `action_scroll` moves it."""

    def action_scroll(self, how: str) -> None:
        text = self.query_one(VerticalScroll)
        moves = {
            "down": text.scroll_down,
            "up": text.scroll_up,
            "page_down": text.scroll_page_down,
            "page_up": text.scroll_page_up,
            "home": text.scroll_home,
            "end": text.scroll_end,
        }
        moves[how](animate=False)
