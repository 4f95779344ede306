"""Which articles the person has read, kept in the data dir across launches.

A small SQLite file of its own: losing it costs read marks, never comments, so it is kept
apart from the pending queue. One short-lived connection per call, so any thread may use it.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from newsreader.library.db_text import from_db, to_db

FILE_NAME = "read-marks.sqlite3"


class ReadMarks:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE_NAME
        self._data_dir = data_dir

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self._data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._create_private()
        connection = sqlite3.connect(self.path, timeout=5.0)
        try:
            connection.execute(
                "CREATE TABLE IF NOT EXISTS read_marks ("
                " article_id TEXT PRIMARY KEY, read_at TEXT NOT NULL)"
            )
            with connection:
                yield connection
        finally:
            connection.close()

    def _create_private(self) -> None:
        # SQLite would create it with the umask's mode (0644): what someone reads is theirs.
        with suppress(FileExistsError):
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))

    def all_read(self) -> set[str]:
        with self._connect() as connection:
            rows = connection.execute("SELECT article_id FROM read_marks")
            return {from_db(row[0]) for row in rows}

    def mark(self, article_ids: Iterable[str], *, read: bool) -> None:
        ids = [(to_db(article_id),) for article_id in article_ids]
        with self._connect() as connection:
            if read:
                now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
                connection.executemany(
                    "INSERT OR IGNORE INTO read_marks (article_id, read_at) VALUES (?, ?)",
                    [(article_id, now) for (article_id,) in ids],
                )
            else:
                connection.executemany("DELETE FROM read_marks WHERE article_id = ?", ids)
