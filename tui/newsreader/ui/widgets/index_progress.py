"""How far the first indexing of a library (or a fetch of the feeds) has got: a count and
a bar under the list.

Shown only while a pass has many files to read (a first launch on a big library, or a
folder of new articles); a pass that reads a handful never flashes it.
"""

from __future__ import annotations

from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

# Fewer files than this are read before anyone could look at a bar.
SHOW_FROM_FILES = 200


class IndexProgress(Static):
    DEFAULT_CSS = """
    IndexProgress {
        display: none;
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    IndexProgress.shown {
        display: block;
    }
    """

    def __init__(
        self,
        *,
        id: str | None = None,
        doing: str = "Indexing",
        things: str = "files",
        show_from: int = SHOW_FROM_FILES,
    ) -> None:
        super().__init__("", id=id, markup=False)
        self.done = 0
        self.total = 0
        self._doing, self._things, self._show_from = doing, things, show_from

    def show_progress(self, done: int, total: int) -> None:
        """`done` of `total` files read; the bar goes away when they all are."""
        self.done, self.total = done, total
        if total < self._show_from or done >= total:
            self.remove_class("shown")
            return
        line = Table.grid(expand=True, padding=(0, 1))
        line.add_column(no_wrap=True)
        line.add_column(ratio=1)
        line.add_row(
            Text(f"{self._doing} {done:,} of {total:,} {self._things}"),
            ProgressBar(total=total, completed=done),
        )
        self.update(line)
        self.add_class("shown")
