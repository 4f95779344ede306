"""What lets us delete a delivered comment (Isso's signed cookie), kept in the queue file.

They are credentials: the queue file is 0600, they are never in the queue export, never
printed, and their repr hides the value. They live beside the delivery state so that "sent"
and the cookie that came with it are committed together.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Credential:
    value: str = field(repr=False)
    expires: float | None

    def usable(self, now: float | None = None) -> bool:
        return self.expires is None or (now or time.time()) < self.expires


def keep_credential(
    connection: sqlite3.Connection, comment_id: str, credential: Credential
) -> None:
    connection.execute(
        "INSERT OR REPLACE INTO server_credentials (comment_id, value, expires) VALUES (?, ?, ?)",
        (comment_id, credential.value, credential.expires),
    )


def credential_for(connection: sqlite3.Connection, comment_id: str) -> Credential | None:
    row = connection.execute(
        "SELECT value, expires FROM server_credentials WHERE comment_id = ?", (comment_id,)
    ).fetchone()
    if row is None:
        return None
    return Credential(str(row[0]), None if row[1] is None else float(row[1]))


def forget_credential(connection: sqlite3.Connection, comment_id: str) -> None:
    connection.execute("DELETE FROM server_credentials WHERE comment_id = ?", (comment_id,))
