"""The library index: a disposable SQLite cache of every article's metadata and words.

Parsing 10,000 files takes seconds; reading their rows back from here takes milliseconds,
so launch shows the list from the index and `index_sync` brings it up to date with the
disk in the background. Each file's row is keyed by its path, size and modification time:
a file whose size or time differs is read again.

Losing the index costs time, never data, so it lives in the cache dir and anything wrong
with it (another version, a damaged file) is answered by starting afresh. When even a
fresh file cannot be made there, the index lives in memory for the session.

Connections are opened per thread (`connect`): the sync worker writes while the UI's
workers read, which WAL allows without either waiting.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from newsreader.library.article import Article, ArticleEntry, order_key
from newsreader.library.db_text import from_db, to_db
from newsreader.sqlite_damage import is_damage

if TYPE_CHECKING:
    from newsreader.library.sources import Library

# 3: undated saved pages ordered by their file's time; 4: author, source, tags by field
SCHEMA_VERSION = "4"
# The file's suffix is what its path adds to the id (see ArticleEntry).
_SELECT_ENTRIES = (
    "SELECT article_id, substr(path, length(article_id) + 1), title, day, origin,"
    " size, mtime_ns, rowid FROM articles ORDER BY order_key LIMIT ?"
)

# How the index cuts text into words; search cuts what is typed the same way (search.py).
WORDS_TOKENIZER = "unicode61 remove_diacritics 2"

_SCHEMA = (
    """
-- The schema's version, and the library's real path (bytes, as the file system has it).
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value NOT NULL);
-- AUTOINCREMENT: a row's id is never given to another article, so a search answered a
-- moment ago (with row ids) never names an article added since.
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    day TEXT NOT NULL,
    origin TEXT NOT NULL,
    order_key TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    problems TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_in_order ON articles (order_key);
-- Files that are not shown, and why; kept so an unchanged broken file is not read again.
-- A NULL size means "check again next time" (a clash of ids may be resolved by then).
CREATE TABLE IF NOT EXISTS unreadable (
    path TEXT PRIMARY KEY,
    size INTEGER,
    mtime_ns INTEGER,
    reason TEXT NOT NULL
);
-- The words of each article, for search: rowid is the article's rowid. Only whole-word
-- prefixes are ever asked for, so positions are not kept (detail=none: a smaller index).
CREATE VIRTUAL TABLE IF NOT EXISTS article_words USING fts5 (
    title, about, body,
    tokenize = '"""
    + WORDS_TOKENIZER
    + """',
    prefix = '1 2 3',
    detail = none
);
-- The same words of the short fields again, one column each, for `author:`, `source:` and
-- `tag:` in search (a column filter needs detail=column; these fields are a few words).
CREATE VIRTUAL TABLE IF NOT EXISTS article_fields USING fts5 (
    author, source, tag,
    tokenize = '"""
    + WORDS_TOKENIZER
    + """',
    prefix = '1 2 3',
    detail = column
);
"""
)


class Stamp(NamedTuple):
    """What says a file is unchanged since it was read: its size and modification time.
    (A named tuple: a library has one per file, and a walk makes them all.)"""

    size: int | None
    mtime_ns: int | None


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file in the library that is not shown, and why."""

    path: str
    reason: str


def index_file_for(cache_dir: Path, library: Library) -> Path:
    """One index per library: a hash of its folders' real paths names the file."""
    return cache_dir / "library-index" / f"{_fnv1a_64(library.identity()):016x}.sqlite3"


def _fnv1a_64(data: bytes) -> int:
    # FNV-1a rather than hashlib: hashlib loads OpenSSL, 3.4 MB of memory for one digest.
    # Two libraries sharing a file by chance is caught by the root kept in `meta`.
    digest = 0xCBF29CE484222325
    for byte in data:
        digest = ((digest ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return digest


class LibraryIndex:
    """The index of one library. Safe to share between threads: each gets its own connection."""

    def __init__(
        self,
        target: str,
        owner: bytes,
        *,
        in_memory: bool = False,
        problem: str | None = None,
        searchable: bool = True,
    ) -> None:
        self._target = target
        # Whether articles' words are kept for search: half the cost of indexing, wasted on
        # an index made only to list problems (`newsreader check`).
        self.searchable = searchable
        # The library's real path: an index file found holding another one's is not used.
        self._owner = owner
        # Why the index is not on disk, when it is not; said to the person once.
        self.problem = problem
        # One writer at a time, whatever the threads.
        self._write_lock = threading.Lock()
        # In memory there is one connection, shared under a lock: the database lives as
        # long as it does, and SQLite's shared-cache mode would fail readers, not make
        # them wait, while a write is under way.
        self._shared: sqlite3.Connection | None = None
        self._shared_lock = threading.Lock()
        if in_memory:
            self._shared = sqlite3.connect(":memory:", check_same_thread=False)

    @classmethod
    def open(cls, cache_dir: Path, library: Library) -> LibraryIndex:
        """The index of `library` in `cache_dir`: reused when sound, else started afresh."""
        path = index_file_for(cache_dir, library)
        owner = library.identity()
        try:
            # Private like the data dir it lives in: the index holds the library's text.
            path.parent.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            path.parent.mkdir(mode=0o700, exist_ok=True)
            _create_private(path)
            index = cls(str(path), owner)
            if index._usable():
                return index
            # Another schema or library, or not a database at all: it is only a cache.
            index.start_afresh()
            return index
        except (OSError, sqlite3.Error) as error:
            problem = f"{path.parent}: {getattr(error, 'strerror', None) or error}"
        return cls.in_memory(library, problem=problem)

    @classmethod
    def in_memory(
        cls, library: Library, *, problem: str | None = None, searchable: bool = True
    ) -> LibraryIndex:
        """An index that lasts as long as the program (`problem`: why not on disk)."""
        owner = library.identity()
        index = cls(":memory:", owner, in_memory=True, problem=problem, searchable=searchable)
        index._usable()
        return index

    @property
    def location(self) -> str:
        return "memory" if self._shared is not None else self._target

    def start_afresh(self) -> None:
        """Throw the index away and make an empty one (it is found damaged, or foreign).

        Raises sqlite3.Error or OSError when even a new file cannot be made."""
        if self._shared is not None:
            self._shared.close()
            self._shared = sqlite3.connect(":memory:", check_same_thread=False)
        else:
            _remove_database(Path(self._target))
            _create_private(Path(self._target))
        if not self._usable():
            raise sqlite3.DatabaseError("a new index file could not be made")

    def _usable(self) -> bool:
        """Create the schema if missing; False when the file is damaged, of another version,
        or the index of another library (whose path hashed the same). Raises sqlite3.Error
        for anything else (a full disk, no permission): the file may be fine, keep it."""
        try:
            with self.connect() as connection:
                connection.executescript(_SCHEMA)
                found = dict(connection.execute("SELECT key, value FROM meta").fetchall())
                if not found:
                    with connection:
                        connection.executemany(
                            "INSERT INTO meta (key, value) VALUES (?, ?)",
                            [("schema", SCHEMA_VERSION), ("root", self._owner)],
                        )
                    return True
                return found == {"schema": SCHEMA_VERSION, "root": self._owner}
        except sqlite3.DatabaseError as error:
            if is_damage(error):
                return False
            raise

    @contextlib.contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A connection for the calling thread, closed afterwards."""
        if self._shared is not None:
            with self._shared_lock:
                yield self._shared
            return
        connection = sqlite3.connect(self._target, timeout=10.0)
        try:
            # A cache: WAL so readers never wait for the writer; NORMAL sync survives a
            # crash of the program, and a crash of the machine at worst costs a rebuild.
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            # The file is in the OS's page cache anyway: a small cache of its own per
            # connection keeps memory down (the default is 2 MB).
            connection.execute("PRAGMA cache_size=-512")
            yield connection
        finally:
            connection.close()

    # --- reading -----------------------------------------------------------------------

    def entries(self, limit: int = -1) -> list[ArticleEntry]:
        """Every article (or the first `limit`), newest first."""
        # Suffixes, days and sources repeat from row to row: one string each, not one per
        # row, takes a fifth off the list's memory.
        shared: dict[str, str] = {}
        one = shared.setdefault
        with self.connect() as connection:
            return [
                ArticleEntry(
                    from_db(id_),
                    one(suffix, suffix) if isinstance(suffix, str) else from_db(suffix),
                    title,
                    one(day, day),
                    one(origin, origin),
                    size,
                    mtime_ns,
                    rowid,
                )
                for id_, suffix, title, day, origin, size, mtime_ns, rowid in connection.execute(
                    _SELECT_ENTRIES, (limit,)
                )
            ]

    def stamps(self) -> dict[str, Stamp]:
        """Every file the index knows (shown or not), by relative path."""
        with self.connect() as connection:
            found = {
                from_db(path): Stamp(size, mtime)
                for path, size, mtime in connection.execute(
                    "SELECT path, size, mtime_ns FROM articles"
                )
            }
            for path, size, mtime in connection.execute(
                "SELECT path, size, mtime_ns FROM unreadable"
            ):
                found[from_db(path)] = Stamp(size, mtime)
        return found

    def unreadable(self) -> list[Unreadable]:
        with self.connect() as connection:
            rows = connection.execute("SELECT path, reason FROM unreadable ORDER BY path")
            return [Unreadable(from_db(path), reason) for path, reason in rows]

    def article_problems(self) -> list[tuple[str, str]]:
        """(path, reason) for each thing wrong in an article that is shown anyway."""
        with self.connect() as connection:
            rows = connection.execute(
                "SELECT path, problems FROM articles WHERE problems != '' ORDER BY path"
            ).fetchall()
        return [
            (from_db(path), reason) for path, problems in rows for reason in problems.split("\n")
        ]

    def count(self) -> int:
        with self.connect() as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])

    # --- writing -----------------------------------------------------------------------

    def write(self) -> IndexWriter:
        """A batch of changes, applied in one transaction when the `with` block ends."""
        return IndexWriter(self)


class IndexWriter:
    """Changes to the index made in one transaction (one writer at a time)."""

    def __init__(self, index: LibraryIndex) -> None:
        self._index = index
        self._stack = contextlib.ExitStack()
        self._connection: sqlite3.Connection | None = None

    def __enter__(self) -> IndexWriter:
        with contextlib.ExitStack() as stack:
            stack.enter_context(self._index._write_lock)
            self._connection = stack.enter_context(self._index.connect())
            self._connection.execute("BEGIN IMMEDIATE")
            self._stack = stack.pop_all()
        return self

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        connection = self._connection
        assert connection is not None
        try:
            if kind is None:
                connection.commit()
            else:
                connection.rollback()
        finally:
            self._connection = None
            self._stack.close()

    @property
    def _db(self) -> sqlite3.Connection:
        assert self._connection is not None, "use IndexWriter in a with block"
        return self._connection

    def forget(self, paths: Iterable[str]) -> None:
        """Drop everything known about these files (deleted, renamed away, or changed)."""
        for path in paths:
            key = to_db(path)
            row = self._db.execute("SELECT rowid FROM articles WHERE path = ?", (key,)).fetchone()
            if row is not None:
                self._db.execute("DELETE FROM article_words WHERE rowid = ?", row)
                self._db.execute("DELETE FROM article_fields WHERE rowid = ?", row)
                self._db.execute("DELETE FROM articles WHERE rowid = ?", row)
            self._db.execute("DELETE FROM unreadable WHERE path = ?", (key,))

    def holder_of(self, article_id: str) -> str | None:
        """The path of the file shown under `article_id`, if any."""
        row = self._db.execute(
            "SELECT path FROM articles WHERE article_id = ?", (to_db(article_id),)
        ).fetchone()
        return None if row is None else from_db(row[0])

    def put_article(
        self, article: Article, path: str, stamp: Stamp, *, known: bool = True
    ) -> ArticleEntry:
        """Add (or replace) the article read from `path`; its id must not be shown already.
        `known=False`: the index holds nothing for `path` (a first indexing is 10,000 of
        those, and asking costs two statements each)."""
        if known:
            self.forget([path])
        entry = ArticleEntry.of(
            article, path[len(article.id) :], stamp.size or 0, stamp.mtime_ns or 0
        )
        cursor = self._db.execute(
            "INSERT INTO articles (article_id, path, title, day, origin, order_key, size,"
            " mtime_ns, problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                to_db(entry.id),
                to_db(path),
                entry.title,
                entry.day,
                entry.origin,
                to_db(order_key(_dated_for_order(article, entry))),
                entry.size,
                entry.mtime_ns,
                "\n".join(article.problems),
            ),
        )
        rowid = cursor.lastrowid
        assert rowid is not None
        if not self._index.searchable:
            return entry._replace(rowid=rowid)
        about = [article.author or "", article.source or "", article.summary or ""]
        self._db.execute(
            "INSERT INTO article_words (rowid, title, about, body) VALUES (?, ?, ?, ?)",
            (rowid, article.title, " ".join([*about, *article.tags]), article.body),
        )
        self._db.execute(
            "INSERT INTO article_fields (rowid, author, source, tag) VALUES (?, ?, ?, ?)",
            (rowid, article.author or "", article.source or "", " ".join(article.tags)),
        )
        return entry._replace(rowid=rowid)

    def put_unreadable(self, path: str, stamp: Stamp, reason: str, *, known: bool = True) -> None:
        if known:
            self.forget([path])
        self._db.execute(
            "INSERT INTO unreadable (path, size, mtime_ns, reason) VALUES (?, ?, ?, ?)",
            (to_db(path), stamp.size, stamp.mtime_ns, reason),
        )


def _create_private(path: Path) -> None:
    """An empty file (an empty SQLite database) readable by its owner only, if none is
    there: SQLite gives the -wal and -shm files it makes beside it the same mode."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600))


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def _dated_for_order(article: Article, entry: ArticleEntry) -> Article:
    """An undated saved page (.txt) takes its place in the list by its file's time: that
    is when it was saved, which says more than its title would."""
    if article.date is not None or entry.suffix != ".txt" or entry.mtime_ns <= 0:
        return article
    saved = dt.datetime.fromtimestamp(entry.mtime_ns / 1e9, dt.UTC)
    return dataclasses.replace(article, date=saved)
