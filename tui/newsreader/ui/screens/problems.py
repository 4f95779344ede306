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

LISTED = "listed"
NOT_LISTED = "not shown"


class ProblemsScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,exclamation_mark",
            "app.pop_screen",
            "Back",
            key_display="esc",
            tooltip="Back to the articles",
            id="problems.back",
        ),
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
