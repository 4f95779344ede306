"""Reading queue rows one at a time, so one damaged row cannot hide all the others.

SQLite's integrity check looks at the file's structure, not at what the cells hold: a text
whose bytes are no longer UTF-8 (a flipped bit) or a column whose type changed (TEXT to
BLOB) passes it. Python's sqlite3 then fails the whole query at that row, or hands back
bytes where text was expected. Here every column comes back as bytes together with its
SQLite type and is decoded in Python: a bad cell is salvaged (undecodable bytes become
U+FFFD) and named in a `RowDamage`, and the rows around it read as usual. Nothing is
written back: the file keeps its bytes for whoever wants to recover them exactly.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class RowDamage:
    """What is wrong with one stored row, in words a person can act on."""

    table: str  # "comments" or "drafts"
    rowid: int
    item_id: str  # salvaged: may itself hold U+FFFD
    problems: tuple[str, ...]

    def describe(self) -> str:
        what = "draft" if self.table == "drafts" else "comment"
        return f"{what} {self.item_id} (row {self.rowid}): {'; '.join(self.problems)}"


class DecodedRow(NamedTuple):
    # A named tuple, not a dataclass: made once per row, 100,000 times for a big queue.
    rowid: int
    values: tuple[str, ...]
    problems: tuple[str, ...]
    numbers: tuple[object, ...] = ()  # the `numbers` columns, as SQLite gave them


def _decode(column: str, kind: str, value: object) -> tuple[str, str | None]:
    if kind == "text" and isinstance(value, bytes):
        try:
            return value.decode("utf-8"), None
        except UnicodeDecodeError as error:
            return value.decode("utf-8", "replace"), (
                f"{column} is not valid UTF-8 (byte 0x{value[error.start]:02X} "
                f"at offset {error.start})"
            )
    if kind == "blob" and isinstance(value, bytes):
        return value.decode("utf-8", "replace"), f"{column} is stored as a BLOB, not as text"
    if kind == "null":
        return "", f"{column} is missing (NULL)"
    return str(value), f"{column} is stored as a number ({kind}), not as text"


def select_columns(columns: Sequence[str], numbers: Sequence[str] = ()) -> str:
    """The select list `read_rows` expects: rowid, whether every text column is text, the
    text columns, then any number columns (passed through undecoded)."""
    all_text = " AND ".join(f"typeof({column}) = 'text'" for column in columns)
    return ", ".join(["rowid", f"({all_text})", *columns, *numbers])


def _types(
    connection: sqlite3.Connection, table: str, columns: Sequence[str], rowid: int
) -> list[str]:
    kinds = ", ".join(f"typeof({column})" for column in columns)
    row = connection.execute(f"SELECT {kinds} FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
    return [kind.decode() if isinstance(kind, bytes) else str(kind) for kind in row or ()]


def _salvage(
    connection: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    rowid: int,
    raw: Sequence[object],
) -> DecodedRow:
    kinds = _types(connection, table, columns, rowid) or ["text"] * len(columns)
    values: list[str] = []
    problems: list[str] = []
    for column, kind, value in zip(columns, kinds, raw, strict=True):
        text, problem = _decode(column, kind, value)
        values.append(text)
        if problem is not None:
            problems.append(problem)
    return DecodedRow(rowid, tuple(values), tuple(problems))


def read_rows(
    connection: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    sql: str,
    parameters: Sequence[object] | dict[str, object] = (),
) -> Iterator[DecodedRow]:
    """Run `sql` (whose select list is `select_columns(columns)`) and decode row by row.

    Streams: one row in memory at a time, whatever the size of the queue. A row whose
    cells are all text that decodes takes the quick path; any other is looked at cell by
    cell, with a second connection-local query for the cells' types.
    """
    connection.text_factory = bytes
    try:
        for row in connection.execute(sql, parameters):
            rowid, all_text, *cells = row
            raw, numbers = cells[: len(columns)], tuple(cells[len(columns) :])
            if all_text:
                try:
                    values = tuple([value.decode("utf-8") for value in raw])
                except UnicodeDecodeError:
                    pass
                else:
                    yield DecodedRow(rowid, values, (), numbers)
                    continue
            yield _salvage(connection, table, columns, rowid, raw)._replace(numbers=numbers)
    finally:
        connection.text_factory = str
