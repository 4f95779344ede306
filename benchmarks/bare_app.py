"""The floor: a bare Textual app with one Static, launched and driven like the reader.

`j` changes the text, so a keypress costs what Textual itself costs to answer one.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

READY_TEXT = "Bare Textual app ready"


class BareApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "press", "Press", id="bare.press"),
        Binding("q", "quit", "Quit", id="bare.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0

    def compose(self) -> ComposeResult:
        yield Static(READY_TEXT, id="text")

    def action_press(self) -> None:
        self.presses += 1
        self.query_one("#text", Static).update(f"{READY_TEXT}: {self.presses} presses")


if __name__ == "__main__":
    BareApp().run()
