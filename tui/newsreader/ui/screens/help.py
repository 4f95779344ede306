"""The help screen: every key, generated from the bindings themselves so it cannot drift."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

GLOBAL_KEYS = [
    ("tab / shift+tab", "Move between the list and the reading pane (and between form fields)"),
    ("ctrl+p", "Command palette: every command by name"),
    ("ctrl+q", "Quit from anywhere"),
]


def keys_shown(keys: str) -> str:
    """Keys as the help screen writes them: `question_mark` as ?, `a,b` as a / b."""
    names = [key.strip() for key in keys.split(",")]
    shown = {
        "slash": "/",
        "question_mark": "?",
        "exclamation_mark": "!",
        "pagedown": "PgDn",
        "pageup": "PgUp",
    }
    return " / ".join(shown.get(name, name) for name in names)


def help_table(
    sections: Iterable[tuple[str, Iterable[Binding]]], keymap: Mapping[str, str]
) -> Table:
    """Every key in force (the keymap's where it sets one), with its binding id: the name
    `[keymap]` in the config file takes."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_column(style="dim", no_wrap=True)
    table.add_row(Text("Keys", style="bold underline"), "", Text("binding id", style="dim"))
    for key, description in GLOBAL_KEYS:
        table.add_row(Text(key), Text(description), "")
    for title, bindings in sections:
        table.add_row("", "", "")
        table.add_row(Text(title, style="bold underline"), "", "")
        for binding in bindings:
            keys = keymap.get(binding.id or "", binding.key)
            # Text, not markup: a key from the config file could hold brackets.
            table.add_row(
                Text(keys_shown(keys)),
                Text(binding.tooltip or binding.description),
                Text(binding.id or ""),
            )
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,question_mark", "dismiss", "Close help", key_display="esc", id="help.close"
        ),
        # The keys of the list and the reading pane, for the same moves.
        Binding("j,down", "scroll('down')", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="help.up"),
        Binding(
            "space,pagedown", "scroll('page_down')", "Page down", show=False, id="help.page_down"
        ),
        Binding("b,pageup", "scroll('page_up')", "Page up", show=False, id="help.page_up"),
        Binding("g,home", "scroll('home')", "Top", show=False, id="help.top"),
        Binding("G,end", "scroll('end')", "Bottom", show=False, id="help.bottom"),
    ]

    def action_scroll(self, how: str) -> None:
        keys = self.query_one("#help", VerticalScroll)
        moves = {
            "down": keys.scroll_down,
            "up": keys.scroll_up,
            "page_down": keys.scroll_page_down,
            "page_up": keys.scroll_page_up,
            "home": keys.scroll_home,
            "end": keys.scroll_end,
        }
        moves[how](animate=False)

    def __init__(self, keys: Table) -> None:
        super().__init__()
        self._keys_table = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(self._keys_table)
        yield Footer()
