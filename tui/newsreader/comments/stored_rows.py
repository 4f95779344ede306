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


@dataclass(frozen=True)
class DecodedRow:
    rowid: int
    values: tuple[str, ...]
    problems: tuple[str, ...]


def _decode(column: str, kind: bytes | str, value: object) -> tuple[str, str | None]:
    kind = kind.decode() if isinstance(kind, bytes) else kind
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


def select_columns(columns: Sequence[str]) -> str:
    """The select list `read_rows` expects: rowid, then each column's type and value."""
    return ", ".join(["rowid", *(f"typeof({c}), {c}" for c in columns)])


def read_rows(
    connection: sqlite3.Connection,
    columns: Sequence[str],
    sql: str,
    parameters: Sequence[object] | dict[str, object] = (),
) -> Iterator[DecodedRow]:
    """Run `sql` (whose select list is `select_columns(columns)`) and decode row by row.

    Streams: one row in memory at a time, whatever the size of the queue.
    """
    connection.text_factory = bytes
    try:
        for row in connection.execute(sql, parameters):
            values: list[str] = []
            problems: list[str] = []
            for index, column in enumerate(columns):
                text, problem = _decode(column, row[1 + 2 * index], row[2 + 2 * index])
                values.append(text)
                if problem is not None:
                    problems.append(problem)
            yield DecodedRow(int(row[0]), tuple(values), tuple(problems))
    finally:
        connection.text_factory = str
