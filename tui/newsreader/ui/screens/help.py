"""The help screen: every key, generated from the bindings themselves so it cannot drift."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from newsreader.ui.key_names import keys_shown
from newsreader.ui.screens.scrolling_dialog import ScrollingDialog, scroll_bindings
from newsreader.ui.widgets.key_footer import KeyFooter

GLOBAL_KEYS = [
    ("tab / shift+tab", "Move between the list and the reading pane (and between form fields)"),
    ("ctrl+p", "Command palette: every command by name"),
    ("ctrl+q", "Quit from anywhere"),
]


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


class HelpScreen(ScrollingDialog):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,question_mark", "dismiss", "Close help", key_display="esc", id="help.close"
        ),
        *scroll_bindings("help"),
    ]

    def __init__(self, keys: Table) -> None:
        super().__init__()
        self._keys_table = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(self._keys_table)
        yield KeyFooter()
