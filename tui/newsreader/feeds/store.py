"""The subscriptions and each feed's HTTP state, in `feeds.sqlite3` in the data dir.

Kept with the queue's care (WAL, `synchronous=FULL`, mode 0600): losing it loses the list of
what a person subscribed to. Each call opens a short-lived connection, so any thread may use
a `SubscriptionStore`. The `entries` table remembers which file each entry went to, so an
entry is one file for ever, and a fingerprint of what was written, so an unchanged entry is
not rewritten.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from newsreader.feeds.times import now_text

STORE_FILE_NAME = "feeds.sqlite3"
_BUSY_TIMEOUT_MS = 5_000
_SYNCHRONOUS_FULL = 2
_SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    name TEXT PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    full_text INTEGER NOT NULL DEFAULT 0,
    etag TEXT,
    last_modified TEXT,
    last_fetched TEXT,
    last_error TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    added TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
    feed_name TEXT NOT NULL,
    entry_key TEXT NOT NULL,
    file_name TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    PRIMARY KEY (feed_name, entry_key)
);
CREATE UNIQUE INDEX IF NOT EXISTS entries_by_file ON entries (feed_name, file_name);
"""


class StoreError(Exception):
    """The subscriptions file could not be used; `str()` is one line for the user."""


@dataclass(frozen=True, slots=True)
class Subscription:
    name: str
    url: str
    title: str = ""
    full_text: bool = False
    etag: str | None = None
    last_modified: str | None = None
    last_fetched: str | None = None
    last_error: str | None = None
    failures: int = 0


@dataclass(frozen=True, slots=True)
class FeedRecord:
    """What one successful fetch of a feed leaves in the store."""

    name: str
    rows: Sequence[tuple[str, str, str]]  # (entry key, file name, fingerprint) written
    url: str
    title: str | None
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class StoredEntry:
    file_name: str
    fingerprint: str


_COLUMNS = "name, url, title, full_text, etag, last_modified, last_fetched, last_error, failures"


def _subscription(row: tuple[object, ...]) -> Subscription:
    name, url, title, full_text, etag, modified, fetched, error, failures = row
    return Subscription(
        name=str(name),
        url=str(url),
        title=str(title),
        full_text=bool(full_text),
        etag=None if etag is None else str(etag),
        last_modified=None if modified is None else str(modified),
        last_fetched=None if fetched is None else str(fetched),
        last_error=None if error is None else str(error),
        failures=int(str(failures)),
    )


class SubscriptionStore:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / STORE_FILE_NAME
        self._data_dir = data_dir
        self._ready = False

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            if not self._ready:
                self._prepare()
            connection = sqlite3.connect(
                self.path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
        except (sqlite3.Error, OSError) as error:
            raise StoreError(f"Could not open the subscriptions ({self.path}): {error}") from error
        try:
            connection.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA synchronous = FULL")
            yield connection
        except sqlite3.Error as error:
            raise StoreError(f"The subscriptions file failed ({self.path}): {error}") from error
        finally:
            connection.close()

    def _prepare(self) -> None:
        self._data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        # SQLite would create the file with the umask's mode; WAL and SHM files copy this one.
        with suppress(FileExistsError):
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        connection = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_MS / 1000)
        try:
            (mode,) = connection.execute("PRAGMA journal_mode = WAL").fetchone()
            if str(mode).lower() != "wal":
                raise StoreError(f"SQLite refused write-ahead logging for {self.path}")
            connection.execute("PRAGMA synchronous = FULL")
            (synchronous,) = connection.execute("PRAGMA synchronous").fetchone()
            if synchronous != _SYNCHRONOUS_FULL:
                raise StoreError(f"SQLite kept synchronous={synchronous} for {self.path}")
            (version,) = connection.execute("PRAGMA user_version").fetchone()
            if version > _SCHEMA_VERSION:
                raise StoreError(f"{self.path} was written by a newer newsreader")
            connection.executescript(_SCHEMA)
            connection.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
            connection.commit()
        finally:
            connection.close()
        self._ready = True

    # Subscriptions ---------------------------------------------------------------------------

    def all(self) -> list[Subscription]:
        with self._connect() as connection:
            rows = connection.execute(f"SELECT {_COLUMNS} FROM feeds ORDER BY name COLLATE NOCASE")
            return [_subscription(row) for row in rows]

    def find(self, name_or_url: str) -> Subscription | None:
        with self._connect() as connection:
            row = connection.execute(
                f"SELECT {_COLUMNS} FROM feeds WHERE name = ? OR url = ? LIMIT 1",
                (name_or_url, name_or_url),
            ).fetchone()
        return None if row is None else _subscription(row)

    def add(self, name: str, url: str, *, title: str = "", full_text: bool = False) -> None:
        with self._connect() as connection:
            connection.execute(
                "INSERT INTO feeds (name, url, title, full_text, added) VALUES (?, ?, ?, ?, ?)",
                (name, url, title, int(full_text), now_text()),
            )

    def remove(self, name: str) -> None:
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("DELETE FROM entries WHERE feed_name = ?", (name,))
            connection.execute("DELETE FROM feeds WHERE name = ?", (name,))
            connection.execute("COMMIT")

    def record_fetches(self, fetches: Sequence[FeedRecord], *, fetched: str) -> None:
        """Fetched feeds' new entry records and HTTP state, all in one transaction: one flush
        to disk for a whole group of feeds."""
        if not fetches:
            return
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany(
                "INSERT OR REPLACE INTO entries (feed_name, entry_key, file_name, fingerprint)"
                " VALUES (?, ?, ?, ?)",
                [
                    (record.name, key, file_name, print_)
                    for record in fetches
                    for key, file_name, print_ in record.rows
                ],
            )
            connection.executemany(
                "UPDATE feeds SET url = ?, title = COALESCE(?, title), etag = ?,"
                " last_modified = ?, last_fetched = ?, last_error = NULL, failures = 0"
                " WHERE name = ?",
                [(r.url, r.title, r.etag, r.last_modified, fetched, r.name) for r in fetches],
            )
            connection.execute("COMMIT")

    def record_unchanged(self, feeds: list[tuple[str, str, str | None, str | None]]) -> None:
        """(name, url, etag, last modified) of feeds that answered 304, all at once."""
        if not feeds:
            return
        fetched = now_text()
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany(
                "UPDATE feeds SET url = ?, etag = ?, last_modified = ?, last_fetched = ?,"
                " last_error = NULL, failures = 0 WHERE name = ?",
                [(url, etag, modified, fetched, name) for name, url, etag, modified in feeds],
            )
            connection.execute("COMMIT")

    def record_failure(self, name: str, reason: str, *, fetched: str) -> None:
        with self._connect() as connection:
            connection.execute(
                "UPDATE feeds SET last_error = ?, last_fetched = ?, failures = failures + 1"
                " WHERE name = ?",
                (reason, fetched, name),
            )

    # Entries ---------------------------------------------------------------------------------

    def entries_of(self, feed_names: Sequence[str]) -> dict[str, dict[str, StoredEntry]]:
        """Each named feed's entries by key (an empty dict for a feed with none)."""
        found: dict[str, dict[str, StoredEntry]] = {name: {} for name in feed_names}
        with self._connect() as connection:
            for name in feed_names:
                rows = connection.execute(
                    "SELECT entry_key, file_name, fingerprint FROM entries WHERE feed_name = ?",
                    (name,),
                )
                found[name] = {key: StoredEntry(name_, print_) for key, name_, print_ in rows}
        return found
