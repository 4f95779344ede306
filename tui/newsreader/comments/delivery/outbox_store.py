"""The delivery table beside the queue's comments: one row per comment ever tried.

The comment row (the person's words) is never rewritten by the sender; only this table is.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Literal

DeliveryState = Literal[
    "pending", "sending", "sent", "published", "returned", "unsure", "withdrawn"
]
# The states a moderator's export and `queue list` show, in the order a comment moves.
STATES: tuple[DeliveryState, ...] = (
    "pending",
    "sending",
    "sent",
    "published",
    "returned",
    "unsure",
    "withdrawn",
)


@dataclass(frozen=True)
class OutboxEntry:
    comment_id: str
    article_id: str
    article_title: str
    article_url: str
    name: str
    email: str
    body: str
    created: str
    state: DeliveryState
    server: str
    server_id: str | None
    attempts: int
    next_attempt: str | None
    last_error: str


_SELECT = """
    SELECT c.id, c.article_id, c.article_title, c.article_url, c.name, c.email, c.body,
           c.created, c.status, coalesce(d.state, 'pending'), coalesce(d.server, ''),
           d.server_id, coalesce(d.attempts, 0), d.next_attempt, coalesce(d.last_error, '')
    FROM comments AS c LEFT JOIN deliveries AS d ON d.comment_id = c.id
"""


class DamagedRow(ValueError):
    """A comment row whose cells are not what the queue wrote (see stored_rows.py)."""


def _entry(row: tuple[object, ...]) -> OutboxEntry:
    texts = row[:9]
    if not all(isinstance(value, str) for value in texts):
        # A BLOB where text was (bytes from sqlite3): sent as "b'...'" it would be garbage.
        raise DamagedRow("a column holds bytes, not text (newsreader queue check names it)")
    (comment_id, article_id, title, url, name, email, body, created, status) = (
        str(value) for value in texts
    )
    state, server, server_id, attempts, next_attempt, last_error = row[9:]
    if status == "withdrawn":
        state = "withdrawn"
    return OutboxEntry(
        comment_id,
        article_id,
        title,
        url,
        name,
        email,
        body,
        created,
        state,  # type: ignore[arg-type]
        str(server),
        None if server_id is None else str(server_id),
        int(attempts),  # type: ignore[call-overload]
        None if next_attempt is None else str(next_attempt),
        str(last_error),
    )


def select_entries(
    connection: sqlite3.Connection, where: str = "1", parameters: tuple[object, ...] = ()
) -> list[OutboxEntry]:
    """The entries `where` selects, oldest first; damaged rows left out (see below)."""
    return select_readable(connection, where, parameters)[0]


def select_readable(
    connection: sqlite3.Connection, where: str = "1", parameters: tuple[object, ...] = ()
) -> tuple[list[OutboxEntry], list[str]]:
    """The entries `where` selects, and one line for each row that cannot be read.

    A damaged row (text that is not UTF-8, a column turned BLOB) fails the whole query in
    sqlite3: the rows are then read one at a time, so that one comment cannot keep all the
    others from being sent. The damaged one stays in the queue, untouched.
    """
    order = "ORDER BY c.created, c.rowid"
    try:
        rows = connection.execute(f"{_SELECT} WHERE {where} {order}", parameters).fetchall()
        return [_entry(row) for row in rows], []
    except (sqlite3.OperationalError, DamagedRow):
        pass  # one row at a time, below
    row_ids = connection.execute(
        f"SELECT c.rowid FROM comments AS c LEFT JOIN deliveries AS d ON d.comment_id = c.id "
        f"WHERE {where} {order}",
        parameters,
    ).fetchall()
    entries: list[OutboxEntry] = []
    damaged: list[str] = []
    for (row_id,) in row_ids:
        try:
            row = connection.execute(f"{_SELECT} WHERE c.rowid = ?", (row_id,)).fetchone()
            if row is not None:  # None: withdrawn and removed since the row ids were read
                entries.append(_entry(row))
        except (sqlite3.OperationalError, DamagedRow) as error:
            damaged.append(f"the comment in row {row_id} is damaged and was left out: {error}")
    return entries, damaged


def record(
    connection: sqlite3.Connection,
    comment_id: str,
    state: DeliveryState,
    updated: str,
    *,
    server: str | None = None,
    server_id: str | None = None,
    attempts_delta: int = 0,
    next_attempt: str | None = None,
    last_error: str = "",
) -> None:
    """Set a comment's delivery state (inside the caller's write transaction)."""
    connection.execute(
        """
        INSERT INTO deliveries
            (comment_id, state, server, server_id, attempts, next_attempt, last_error, updated)
        VALUES (?1, ?2, coalesce(?3, ''), ?4, ?5, ?6, ?7, ?8)
        ON CONFLICT (comment_id) DO UPDATE SET
            state = ?2,
            server = coalesce(?3, server),
            server_id = coalesce(?4, server_id),
            attempts = attempts + ?5,
            next_attempt = ?6,
            last_error = ?7,
            updated = ?8
        """,
        (comment_id, state, server, server_id, attempts_delta, next_attempt, last_error, updated),
    )


def state_of(connection: sqlite3.Connection, comment_id: str) -> DeliveryState | None:
    found = select_entries(connection, "c.id = ?", (comment_id,))
    return found[0].state if found else None
