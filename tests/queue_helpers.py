"""What the pending-queue tests share: a sample draft, exotic text, raw SQLite access."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from newsreader.comments.comment_rules import CommentDraft

SOURCE_ROOT = Path(__file__).parents[1] / "tui"
CORRUPT_NAME = re.compile(r"^queue\.sqlite3\.corrupt-\d{8}T\d{6}Z$")

EXOTIC_BODY = (
    "   three leading spaces\n"
    "مرحبا بالعالم — RTL with a mark \u200f and an isolate \u2067שלום\u2069\n"
    "emoji 👩‍👩‍👧 🙂, combining e\u0301, CJK 日本語, NUL-free\ttab\n"
    "\n"
    "trailing spaces   \n"
)


def draft(body: str = "Well argued.", name: str = "Ada", email: str = "") -> CommentDraft:
    return CommentDraft("2026-ferries", "Ferries at dawn", name, email, body)


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SOURCE_ROOT)}


@contextmanager
def plain_sqlite(path: Path | str, *, uri: bool = False) -> Iterator[sqlite3.Connection]:
    """A connection that is really closed afterwards (sqlite3's own `with` only commits)."""
    with closing(sqlite3.connect(path, uri=uri, isolation_level=None)) as connection:
        yield connection


def raw_rows(path: Path) -> list[tuple[str, ...]]:
    with plain_sqlite(path) as connection:
        return connection.execute("SELECT * FROM comments ORDER BY rowid").fetchall()
