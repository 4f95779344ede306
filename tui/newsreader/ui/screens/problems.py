"""The `!` screen: every library file that had a problem, and what the problem was.

File names and reasons come from the library (a reason can quote the file's own YAML), so
each cell is a `Text` of `one_line(...)`: never markup, never a control sequence.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from newsreader.library.problem_list import ProblemFile, shown_path
from newsreader.safe_text import one_line
from newsreader.ui.screens.table_moves import move_table, table_moves

LISTED = "listed"
NOT_LISTED = "not shown"


class ProblemsScreen(Screen[ProblemFile | None]):
    """Dismissed with the problem file whose article the person chose to open (Enter)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,exclamation_mark",
            "back",
            "Back",
            key_display="esc",
            tooltip="Back to the articles",
            id="problems.back",
        ),
        Binding(
            "enter",
            "open",
            "Open article",
            tooltip="Read the article of this file (when it is listed)",
            id="problems.open",
            priority=True,
        ),
        *table_moves("problems"),  # the list's keys, for the same moves
    ]

    def __init__(self, problems: Sequence[ProblemFile], library_root: Path) -> None:
        super().__init__()
        self.problems = list(problems)
        self.library_root = library_root

    def compose(self) -> ComposeResult:
        yield Static(self._heading(), id="problems-heading")
        table: DataTable[Text] = DataTable(
            id="problems-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        empty = "" if self.problems else "Every file in the library could be read."
        yield Static(empty, id="problems-empty", markup=False)
        yield Footer()

    def _heading(self) -> Text:
        folder = one_line(str(self.library_root))
        heading = Text(f"Files with problems ({len(self.problems)}) in {folder}", style="bold")
        heading.append(
            "\n“not shown”: the file is left out of the list; “listed”: shown as far as it could "
            "be read. `newsreader check` prints the same list.",
            style="dim",
        )
        return heading

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # The reason goes last: it is the long one, and the table scrolls sideways for it.
        table.add_columns("File", "Article", "Problem")
        table.add_rows(
            (
                Text(one_line(shown_path(problem.path, self.library_root)), no_wrap=True),
                Text(LISTED if problem.listed else NOT_LISTED, style="dim"),
                Text(one_line(problem.reason), no_wrap=True),
            )
            for problem in self.problems
        )
        table.focus()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_move(self, how: str) -> None:
        move_table(self, how)

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if not self.problems:
            return
        problem = self.problems[table.cursor_row]
        if problem.listed:
            self.dismiss(problem)
        else:
            self.notify(
                "This file is not in the list: it could not be read. Its reason says why.",
                severity="warning",
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return bool(self.problems)
        return True
