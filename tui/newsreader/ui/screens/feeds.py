"""`F`: the subscriptions, with their articles, unread counts, last fetch and last error.

Enter on a feed narrows the list to its articles; Enter on "Every article" shows them all
again. Names, titles and errors come from feeds and servers: shown as plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from newsreader.safe_text import one_line
from newsreader.ui.screens.table_moves import move_table, table_moves
from newsreader.ui.widgets.key_footer import KeyFooter

EVERY_ARTICLE = ""  # what the screen is dismissed with to show every article again


@dataclass(frozen=True)
class FeedRow:
    name: str
    url: str
    articles: int
    unread: int
    last_fetched: str | None
    last_error: str | None


class FeedsScreen(Screen[str | None]):
    """Dismissed with the feed name chosen, EVERY_ARTICLE, or None (back, nothing chosen)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,F", "back", "Back", key_display="esc", tooltip="Back", id="feeds.back"),
        Binding(
            "enter",
            "choose",
            "Show its articles",
            tooltip="Narrow the list to this feed's articles",
            id="feeds.choose",
            priority=True,
        ),
        *table_moves("feeds"),  # the list's keys, for the same moves
    ]

    def __init__(self, rows: Sequence[FeedRow], problem: str = "") -> None:
        super().__init__()
        self.rows = list(rows)
        self.problem = problem

    def compose(self) -> ComposeResult:
        heading = Text(f"Feeds ({len(self.rows)})", style="bold")
        heading.append(
            "\nR fetches them all now; `newsreader feeds add URL` subscribes.", style="dim"
        )
        yield Static(heading, id="feeds-heading")
        yield DataTable(id="feeds-table", cursor_type="row", zebra_stripes=True)
        empty = self.problem or ("" if self.rows else "No subscriptions yet.")
        yield Static(empty, id="feeds-empty", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        table.add_columns("Feed", "Unread", "Articles", "Last fetched", "Last error", "URL")
        table.add_row(
            Text("Every article", style="italic"), Text(""), Text(""), Text(""), Text(""), Text("")
        )
        for row in self.rows:
            table.add_row(
                Text(one_line(row.name), no_wrap=True),
                Text(f"{row.unread:,}", justify="right"),
                Text(f"{row.articles:,}", justify="right"),
                Text(one_line(row.last_fetched or "never"), style="dim"),
                Text(one_line(row.last_error or ""), style="bold" if row.last_error else ""),
                Text(one_line(row.url), style="dim", no_wrap=True),
            )
        table.focus()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_move(self, how: str) -> None:
        move_table(self, how)

    def action_choose(self) -> None:
        index = self.query_one(DataTable).cursor_row
        self.dismiss(EVERY_ARTICLE if index == 0 else self.rows[index - 1].name)
