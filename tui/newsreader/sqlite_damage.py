"""Telling a damaged SQLite file from a failing disk: one rule for every store.

A damaged file (corrupt pages, or not a database at all) is answered by starting afresh
(the index, a cache) or by moving it aside (the queue, people's words). A full disk, an
I/O error or a lock says nothing about the file, which may well be fine: it is kept.
"""

from __future__ import annotations

import sqlite3


def is_damage(error: sqlite3.Error) -> bool:
    """True when SQLite says the file itself is bad, not the disk under it."""
    code = getattr(error, "sqlite_errorcode", None)
    if not isinstance(code, int):  # raised by Python's sqlite3 module, not about the file
        return False
    return (code & 0xFF) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
