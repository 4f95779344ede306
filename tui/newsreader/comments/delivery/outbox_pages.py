"""The outbox read a page at a time, for a screen that shows 100,000 queued comments.

Reading every comment with its text to show the first twenty took 11.9 s and 452 MB. Here
the count and each page's row ids come from the status index alone, and a page of whole
entries is read only when it is about to be drawn. Comments are in the order they were
queued (rowid order).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from newsreader.comments.delivery.outbox_store import _SELECT, OutboxEntry, _entry
from newsreader.comments.queue import PendingQueue, QueueError
from newsreader.comments.store import connect, explain

PAGE_SIZE = 100


class OutboxPages:
    """Row ids of the comments still in the queue, and their entries by page."""

    def __init__(self, queue: PendingQueue) -> None:
        self.queue = queue

    def _read(self, action: str, query: str, parameters: Sequence[object] = ()) -> list[tuple]:  # type: ignore[type-arg]
        try:
            with connect(self.queue.path, self.queue.busy_timeout_ms) as connection:
                return connection.execute(query, tuple(parameters)).fetchall()
        except (sqlite3.Error, OSError) as error:
            reason = explain(error, self.queue.path, self.queue.busy_timeout_ms)
            raise QueueError(f"Could not {action}: {reason}.") from error

    def count(self) -> int:
        """How many comments are not withdrawn (whatever their delivery state)."""
        rows = self._read(
            "read the pending queue", "SELECT count(*) FROM comments WHERE status = 'pending'"
        )
        return int(rows[0][0])

    def states(self, count: int) -> dict[str, int]:
        """How many of the `count` comments are in each delivery state ("pending", "sent",
        …). Read from the deliveries (the comments ever tried), not a walk of every one."""
        rows = self._read(
            "read the pending queue",
            "SELECT d.state, count(*) FROM deliveries AS d JOIN comments AS c"
            " ON c.id = d.comment_id WHERE c.status = 'pending' AND d.state != 'pending'"
            " GROUP BY 1",
        )
        states = {str(state): int(number) for state, number in rows}
        states["pending"] = count - sum(states.values())
        return states

    def page(self, number: int, size: int) -> list[tuple[int, OutboxEntry | str]]:
        """Page `number` of the comments in queued order: (row id, entry or why not)."""
        # The offset is walked in the status index alone, a few ms even at the far end.
        rows = self._read(
            "read the pending queue",
            "SELECT rowid FROM comments WHERE status = 'pending' ORDER BY rowid LIMIT ? OFFSET ?",
            (size, number * size),
        )
        row_ids = [int(row[0]) for row in rows]
        found = self.entries(row_ids)
        return [(row_id, found.get(row_id, "no longer in the queue")) for row_id in row_ids]

    def entries(self, row_ids: Sequence[int]) -> dict[int, OutboxEntry | str]:
        """The entries of these rows; a row that cannot be read maps to why not.

        A damaged row (text that is not UTF-8, a changed column type) must not take its
        page with it: the page is read again one row at a time when it fails.
        """
        if not row_ids:
            return {}
        marks = ", ".join("?" * len(row_ids))
        query = f"SELECT c.rowid, {_SELECT.split('SELECT', 1)[1]} WHERE c.rowid IN ({marks})"
        try:
            rows = self._read("read the pending queue", query, row_ids)
        except QueueError:
            if len(row_ids) == 1:
                raise
            found: dict[int, OutboxEntry | str] = {}
            for row_id in row_ids:
                try:
                    found.update(self.entries([row_id]))
                except QueueError as error:
                    found[row_id] = str(error)
            return found
        found = {}
        for row in rows:
            try:
                found[int(row[0])] = _entry(row[1:])
            except (TypeError, ValueError) as error:
                found[int(row[0])] = f"this comment is damaged ({error})"
        return found
