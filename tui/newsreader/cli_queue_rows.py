"""How `queue list` writes its rows: tab-separated lines when stdout is a pipe or file,
aligned columns through a pager (`$PAGER`, else `less`) when it is a terminal.

Both write each row as it comes, so the list costs the memory of one row. Every cell is
made safe (`one_line`) before it is written: a name or a title cannot move the cursor.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
from typing import IO

from rich.cells import cell_len, set_cell_size

from newsreader.comments.delivery.delivery_columns import NEVER_TRIED, Delivery
from newsreader.comments.queue import PendingComment, SavedDraft
from newsreader.safe_text import one_line
from newsreader.wording import count_of

# Cells of the columns people write freely; the first line takes what is left.
_WIDTHS = {
    "id": 8,
    "status": 10,
    "state": 9,
    "created": 20,
    "article": 28,
    "name": 18,
    "attempts": 8,
    "server": 28,
    "server id": 9,
    "last error": 40,
}
# The outbox's columns, after the first line in plain rows (so scripts reading the older
# columns by position keep working); the aligned view shows the state up front instead.
DELIVERY_COLUMNS = ["state", "attempts", "server", "server id", "last error"]
_MIN_FIRST_LINE = 20


def _cells(item: PendingComment | SavedDraft, delivery: Delivery | None) -> dict[str, str]:
    if isinstance(item, SavedDraft):
        status = "edit draft" if item.is_edit else "draft"
        return {
            "id": item.comment_id,
            "status": status,
            "created": item.updated_minute,
            "article": item.article_title,
            "name": item.name,
            "first line": item.first_line,
            **dict.fromkeys(DELIVERY_COLUMNS, ""),
        }
    delivery = delivery or NEVER_TRIED
    return {
        "id": item.id,
        "status": "pending",
        "created": item.created_minute,
        "article": item.article_title,
        "name": item.name,
        "first line": item.first_line,
        "state": delivery.state,
        "attempts": str(delivery.attempts),
        "server": delivery.server,
        "server id": delivery.server_id,
        "last error": delivery.last_error,
    }


def _title(pending: int, drafts: int | None) -> str:
    title = count_of(pending, "pending comment")
    return title if drafts is None else f"{title}, {count_of(drafts, 'draft')}"


class RowWriter:
    """Plain rows: the counts, a header, then one tab-separated line per comment (full
    ids)."""

    is_pager: bool = False

    def __init__(self, stream: IO[str], *, with_status: bool) -> None:
        self.stream = stream
        self.columns = ["id", *(["status"] if with_status else []), "created", "article"]
        self.columns += ["name", "first line", *DELIVERY_COLUMNS]
        self.broken = False

    def _write(self, line: str) -> None:
        if self.broken:
            return
        try:
            self.stream.write(line + "\n")
        except BrokenPipeError:
            self.broken = True  # the reader of the pipe (head, a pager) has had enough

    def title(self, pending: int, drafts: int | None) -> None:
        self._write(_title(pending, drafts))
        self._write("\t".join(self.columns))

    def row(self, item: PendingComment | SavedDraft, delivery: Delivery | None = None) -> None:
        cells = _cells(item, delivery)
        self._write("\t".join(one_line(cells[column]) for column in self.columns))

    def close(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            self.broken = True
        if self.broken:
            # Python would complain at exit about the pipe it can no longer flush.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())
            os.close(devnull)


class AlignedRowWriter(RowWriter):
    """Aligned, cut to the terminal's width; through a pager the person can quit, if any."""

    def __init__(self, pager: subprocess.Popen[str] | None, *, with_status: bool) -> None:
        stream = sys.stdout if pager is None or pager.stdin is None else pager.stdin
        super().__init__(stream, with_status=with_status)
        # The state beside the id; the rest of the outbox's columns after the first line,
        # where a pager's right arrow reaches them.
        self.columns.remove("state")
        self.columns.insert(2 if with_status else 1, "state")
        self.pager = pager
        self.is_pager = pager is not None
        width = shutil.get_terminal_size().columns
        before = self.columns[: self.columns.index("first line")]
        fixed = sum(_WIDTHS[c] + 2 for c in before)
        self.first_line_width = max(_MIN_FIRST_LINE, width - fixed)

    def _line(self, cells: dict[str, str]) -> str:
        parts = [
            set_cell_size(one_line(cells[column]), _WIDTHS.get(column, self.first_line_width))
            for column in self.columns
        ]
        return "  ".join(parts).rstrip()

    def title(self, pending: int, drafts: int | None) -> None:
        self._write(_title(pending, drafts))
        header = self._line({column: column for column in self.columns})
        self._write(header)
        self._write("─" * cell_len(header))

    def row(self, item: PendingComment | SavedDraft, delivery: Delivery | None = None) -> None:
        self._write(self._line(_cells(item, delivery)))

    def close(self) -> None:
        if self.pager is None:
            super().close()
            return
        with contextlib.suppress(BrokenPipeError):
            self.stream.close()
        self.pager.wait()


def _start_pager() -> subprocess.Popen[str] | None:
    command = shlex.split(os.environ.get("PAGER") or "less")
    if not command or shutil.which(command[0]) is None:
        return None
    # -F: no pager for a list that fits on one screen; -S: long rows are cut, not wrapped;
    # -X: the list stays on the terminal after quitting. Theirs wins if LESS is set.
    env = {**os.environ, "LESS": os.environ.get("LESS", "FSX")}
    try:
        return subprocess.Popen(
            command, stdin=subprocess.PIPE, text=True, encoding="utf-8", errors="replace", env=env
        )
    except OSError:
        return None


def open_row_writer(*, with_status: bool) -> RowWriter:
    if sys.stdout.isatty():
        return AlignedRowWriter(_start_pager(), with_status=with_status)
    return RowWriter(sys.stdout, with_status=with_status)
