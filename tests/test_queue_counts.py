"""What the queue counts: every comment in it, or only those no site has taken yet."""

from __future__ import annotations

import contextlib
import sqlite3

from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue


def test_unsent_leaves_out_what_a_site_took(queue: PendingQueue) -> None:
    taken, retried, _new, withdrawn = (
        queue.add(CommentDraft("harbour-wall", "Harbour wall", "Ana", "", f"Comment {n}"))
        for n in range(4)
    )
    queue.withdraw(withdrawn.id)
    with contextlib.closing(sqlite3.connect(queue.path)) as connection, connection:
        connection.executemany(
            "INSERT INTO deliveries (comment_id, state, updated) VALUES (?, ?, '2026-12-04')",
            [(taken.id, "sent"), (retried.id, "pending")],
        )
    assert queue.count() == 3  # in the queue: the sent one too
    assert queue.count(unsent=True) == 2  # the one to retry, and the new one
