"""The help screen: every key, generated from the bindings themselves so it cannot drift."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from newsreader.ui.screens.choice import LEAVE_FORM_CHOICES, choice_bindings
from newsreader.ui.screens.comment import CommentScreen
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.screens.pending import PendingScreen
from newsreader.ui.screens.problems import ProblemsScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.reading_pane import ReadingPane

GLOBAL_KEYS = [
    ("tab / shift+tab", "Move between the list and the reading pane (and between form fields)"),
    ("ctrl+p", "Command palette: every command by name"),
    ("ctrl+q", "Quit from anywhere"),
]

SECTIONS: list[tuple[str, Iterable[BindingType]]] = [
    ("Everywhere on the main screen", MainScreen.BINDINGS),
    ("Article list", ArticleList.BINDINGS),
    ("Reading pane", ReadingPane.BINDINGS),
    ("Comment form", CommentScreen.BINDINGS),
    ("Closing a comment form with text in it", choice_bindings(LEAVE_FORM_CHOICES)),
    ("Pending comments", PendingScreen.BINDINGS),
    ("Files with problems", ProblemsScreen.BINDINGS),
]


def _keys(binding: Binding) -> str:
    names = [key.strip() for key in binding.key.split(",")]
    shown = {
        "slash": "/",
        "question_mark": "?",
        "exclamation_mark": "!",
        "pagedown": "PgDn",
        "pageup": "PgUp",
    }
    return " / ".join(shown.get(name, name) for name in names)


def help_table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_row(Text("Keys", style="bold underline"), "")
    for key, description in GLOBAL_KEYS:
        table.add_row(key, description)
    for title, bindings in SECTIONS:
        table.add_row("", "")
        table.add_row(Text(title, style="bold underline"), "")
        for binding in bindings:
            if isinstance(binding, Binding):
                table.add_row(_keys(binding), binding.tooltip or binding.description)
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

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(help_table())
        yield Footer()
