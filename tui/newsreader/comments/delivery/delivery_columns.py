"""What `queue list` and `queue export` say about each comment's delivery.

Read once per command from the deliveries table (one small row per comment ever tried, and
only those), so the comments themselves can still be streamed one at a time.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass

from newsreader.comments.queue import PendingQueue, QueueError
from newsreader.comments.store import connect, explain


@dataclass(frozen=True, slots=True)
class Delivery:
    state: str = "pending"
    server: str = ""
    server_id: str = ""
    attempts: int = 0
    last_error: str = ""

    def as_json_dict(self) -> dict[str, str | int]:
        return {
            "state": self.state,
            "server": self.server,
            "server_id": self.server_id,
            "attempts": self.attempts,
            "last_error": self.last_error,
        }


NEVER_TRIED = Delivery()


def deliveries(queue: PendingQueue) -> dict[str, Delivery]:
    """Comment id → its delivery, for every comment the outbox has tried.

    A comment left `sending` by a sender that died is said as `unsure` (and stored so), as
    the outbox's own listing does; while a sender is at work, states are shown as stored.
    """
    from newsreader.comments.delivery.outbox import Outbox
    from newsreader.comments.delivery.servers import ServerDirectory

    with contextlib.suppress(QueueError, OSError):  # a sender at work; a read-only data dir
        Outbox(queue, ServerDirectory([])).settle_interrupted()
    try:
        with connect(queue.path, queue.busy_timeout_ms) as connection:
            # A damaged cell must not hide the others' states: bytes are decoded leniently.
            connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
            rows = connection.execute(
                "SELECT comment_id, state, coalesce(server, ''), coalesce(server_id, ''), "
                "coalesce(attempts, 0), coalesce(last_error, '') FROM deliveries"
            ).fetchall()
    except (sqlite3.Error, OSError) as error:
        reason = explain(error, queue.path, queue.busy_timeout_ms)
        raise QueueError(f"Could not read the delivery states: {reason}.") from error
    return {
        str(comment_id): Delivery(str(state), str(server), str(server_id), int(tries), str(last))
        for comment_id, state, server, server_id, tries, last in rows
    }
