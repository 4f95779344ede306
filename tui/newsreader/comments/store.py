"""The SQLite file under the pending queue: opening, checking, migrating, quarantining.

The queue holds people's own words, so the rules here lean towards keeping bytes: a damaged
file is moved aside under a `.corrupt-<timestamp>` name (never deleted, never repaired in
place), every connection runs with `synchronous=FULL` in WAL mode, and every failure becomes
a `QueueError` whose message a user can act on.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from newsreader import paths
from newsreader.comments import clean_state
from newsreader.comments.queue_path import (
    SIDE_FILE_SUFFIXES,
    OddQueuePath,
    refuse_odd_files,
    same_file,
)
from newsreader.sqlite_damage import is_damage

QUEUE_FILE_NAME = "queue.sqlite3"
DEFAULT_BUSY_TIMEOUT_MS = 5_000
# SIDE_FILE_SUFFIXES: files SQLite keeps next to the database; they travel with it when it
# is quarantined so the set stays consistent for anyone trying to recover it.
_SYNCHRONOUS_FULL = 2
# Below this much free space an I/O error is almost certainly the disk filling up:
# SQLite reports a full tmpfs as SQLITE_IOERR_SHMSIZE when it cannot grow the -shm file.
_NEARLY_FULL_BYTES = 1 << 20


class QueueError(Exception):
    """The queue could not do what was asked; `str()` is one line meant for the user."""


def _create_schema_v1(connection: sqlite3.Connection) -> None:
    connection.execute(
        """
        CREATE TABLE comments (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL,
            article_title TEXT NOT NULL,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            body TEXT NOT NULL,
            created TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending',
            updated TEXT
        )
        """
    )
    connection.execute("CREATE INDEX comments_by_status ON comments (status)")


def _add_drafts_v2(connection: sqlite3.Connection) -> None:
    # Drafts live in the queue file, not a file of their own: they are the same kind of
    # precious words, and sharing one transaction lets a submit move text from `drafts` to
    # `comments` atomically, so no crash can leave it in both places or in neither.
    # `comment_id` is the id the comment gets (kind 'new') or has (kind 'edit').
    connection.execute(
        """
        CREATE TABLE drafts (
            comment_id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('new', 'edit')),
            article_id TEXT NOT NULL,
            article_title TEXT NOT NULL,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            body TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        )
        """
    )
    connection.execute("CREATE INDEX drafts_by_article ON drafts (article_id, updated)")


def _add_claims_and_versions_v3(connection: sqlite3.Connection) -> None:
    # A form holding a draft claims it (owner token, pid, heartbeat in Unix seconds) so no
    # second form writes under the same id. `written` orders drafts by the last save, which
    # a clock set back cannot reorder. `version` lets a save notice that the comment was
    # changed in another window after this one read it.
    connection.execute("ALTER TABLE drafts ADD COLUMN owner TEXT")
    connection.execute("ALTER TABLE drafts ADD COLUMN owner_pid INTEGER")
    connection.execute("ALTER TABLE drafts ADD COLUMN heartbeat REAL")
    connection.execute("ALTER TABLE drafts ADD COLUMN written INTEGER NOT NULL DEFAULT 0")
    connection.execute("ALTER TABLE comments ADD COLUMN version INTEGER NOT NULL DEFAULT 1")


def _add_outbox_v4(connection: sqlite3.Connection) -> None:
    # The article's url is kept with the comment when it is written: delivery needs it
    # after the article file has moved or gone. Delivery state lives in its own table so
    # the comment row (the person's words) is never rewritten by the sender; no row means
    # "pending, never tried".
    connection.execute("ALTER TABLE comments ADD COLUMN article_url TEXT NOT NULL DEFAULT ''")
    connection.execute(
        """
        CREATE TABLE deliveries (
            comment_id TEXT PRIMARY KEY,
            state TEXT NOT NULL CHECK (
                state IN ('pending', 'sending', 'sent', 'published', 'returned', 'unsure')
            ),
            server TEXT NOT NULL DEFAULT '',
            server_id TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt TEXT,
            last_error TEXT NOT NULL DEFAULT '',
            updated TEXT NOT NULL
        )
        """
    )
    connection.execute("CREATE INDEX deliveries_by_state ON deliveries (state)")
    # What lets us delete a delivered comment (Isso's signed cookie) until `expires`.
    # Credentials: in this 0600 file, never in an export, never printed.
    connection.execute(
        """
        CREATE TABLE server_credentials (
            comment_id TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            expires REAL
        )
        """
    )


# Step N turns a version N-1 file into version N. Add steps; never edit a released one.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _create_schema_v1,
    2: _add_drafts_v2,
    3: _add_claims_and_versions_v3,
    4: _add_outbox_v4,
}
SCHEMA_VERSION = max(MIGRATIONS)


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _disk_nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def _read_only_file_system(path: Path) -> bool:
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _access_denied(path: Path) -> bool:
    directory_ok = os.access(path.parent, os.W_OK | os.X_OK)
    file_ok = not path.exists() or os.access(path, os.R_OK | os.W_OK)
    return not (directory_ok and file_ok)


def explain(error: BaseException, path: Path, busy_timeout_ms: int) -> str:
    """Why an operation on the queue file at `path` failed, in words a user can act on."""
    if isinstance(error, OSError):
        where = Path(error.filename) if error.filename else path
        if error.errno == errno.ENOSPC:
            return f"the disk is full ({where})"
        if error.errno in (errno.EACCES, errno.EPERM):
            return f"permission denied for {where}"
        if error.errno == errno.EROFS:
            return f"the disk is read-only ({where})"
        return f"{error.strerror or error} ({where})"
    if isinstance(error, sqlite3.Error):
        code = _primary_code(error)
        if code == sqlite3.SQLITE_FULL or (
            code == sqlite3.SQLITE_IOERR and _disk_nearly_full(path)
        ):
            return f"the disk is full ({path})"
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            seconds = busy_timeout_ms / 1000
            return f"another program kept the queue locked for more than {seconds:g} s ({path})"
        if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
            if _read_only_file_system(path):
                return f"the disk is read-only ({path})"
            if _access_denied(path):
                return f"permission denied for {path}"
            return f"the queue file is read-only ({path})"
        if code == sqlite3.SQLITE_CANTOPEN and _access_denied(path):
            return f"permission denied for {path}"
        if is_damage(error):
            return f"the queue file is damaged ({path}); restart newsreader to set it aside"
        return f"{error} ({path})"
    return f"{error} ({path})"


@contextmanager
def connect(path: Path, busy_timeout_ms: int) -> Iterator[sqlite3.Connection]:
    """A short-lived connection for one operation, in whatever thread is running it."""
    # isolation_level=None: the sqlite3 module must not open transactions behind our back;
    # writes say BEGIN IMMEDIATE themselves.
    connection = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        connection.execute("PRAGMA synchronous = FULL")
        (synchronous,) = connection.execute("PRAGMA synchronous").fetchone()
        if synchronous != _SYNCHRONOUS_FULL:
            raise sqlite3.OperationalError(f"SQLite kept synchronous={synchronous}, not FULL")
        yield connection
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            clean_state.forget(path)  # so that the next open runs the full check
        raise
    finally:
        connection.close()
    # Only after a clean close: what a crash mid-operation leaves is never marked clean.
    clean_state.mark_clean(path)


@contextmanager
def write_transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE: take the write lock up front, so waiting happens in the busy
    handler rather than failing at the first write when another writer got there first."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _create_private_file(path: Path) -> None:
    # SQLite would create the file with the umask's mode (usually 0644); comments with
    # e-mail addresses are nobody else's business. WAL and SHM files copy this mode.
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return
    os.close(descriptor)


def _damage_found(path: Path) -> bool:
    """True when SQLite says the file is not a database or fails its integrity check.

    The check connection is read-only so that closing it cannot checkpoint a WAL into a
    damaged file: what gets quarantined is exactly what was on disk.
    """
    try:
        checker = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            return True
        raise
    try:
        rows = checker.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            return True
        raise
    finally:
        checker.close()
    return rows != [("ok",)]


def quarantine(path: Path, now: datetime | None = None) -> Path:
    """Move a damaged queue file (and its side files) to `<name>.corrupt-<UTC time>`."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    attempt = 1
    while any(Path(f"{target}{suffix}").exists() for suffix in ("", *SIDE_FILE_SUFFIXES)):
        attempt += 1  # two quarantines within one second must not overwrite each other
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{attempt}")
    # Side files keep SQLite's naming (<db>-wal) so the pair still opens together.
    for suffix in SIDE_FILE_SUFFIXES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.rename(side, f"{target}{suffix}")
    os.rename(path, target)
    clean_state.forget(path)
    return target


def _refuse_newer(version: int, path: Path) -> None:
    target = max(MIGRATIONS)
    if version > target:
        raise QueueError(
            f"Could not open the pending queue: {path} was written by a newer newsreader "
            f"(format {version}; this version knows up to {target})."
        )


_HEADER_MAGIC = b"SQLite format 3\x00"
_USER_VERSION_OFFSET = 60


def _stored_version(path: Path) -> int:
    """user_version, read without changing a byte or leaving a file behind: before WAL
    mode is switched on or any migration runs."""
    if not Path(f"{path}-wal").exists():
        # No WAL: the file's own header is the truth; a read-only SQLite connection would
        # leave an empty -wal and -shm behind.
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        try:
            header = os.read(descriptor, 100)
        finally:
            os.close(descriptor)
        if not header:
            return 0  # created just now
        # The payload fractions (bytes 21-23) are fixed at 64, 32, 32 in every valid file:
        # a header that has them wrong is damage, not a version number to believe.
        if len(header) == 100 and header.startswith(_HEADER_MAGIC) and header[21:24] == b"@  ":
            offset = _USER_VERSION_OFFSET
            return int.from_bytes(header[offset : offset + 4], "big", signed=True)
        # Not a database header: let SQLite say so (and the damage path set it aside).
    reader = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        (version,) = reader.execute("PRAGMA user_version").fetchone()
    finally:
        reader.close()
    return int(version)


def _migrate(connection: sqlite3.Connection, path: Path) -> None:
    target = max(MIGRATIONS)
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if version == target:
        return
    with write_transaction(connection):
        # Read again under the write lock: another process may have migrated meanwhile.
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        _refuse_newer(version, path)
        for step in range(version + 1, target + 1):
            MIGRATIONS[step](connection)
        connection.execute(f"PRAGMA user_version = {target}")


def _set_aside_if_damaged(path: Path, *, needed: bool) -> Path | None:
    """Run the full check when `needed` (after an unclean shutdown, or when asked)."""
    if not needed:
        return None
    checked = os.stat(path)
    if not _damage_found(path):
        return None
    try:
        current = os.stat(path)
    except FileNotFoundError:
        current = None
    if current is None or (current.st_dev, current.st_ino) != (checked.st_dev, checked.st_ino):
        # Another newsreader set the same damaged file aside meanwhile; moving what is
        # there now would hide its fresh queue (and any comment already in it).
        _create_private_file(path)
        return None
    target = quarantine(path)
    _create_private_file(path)
    return target


def _prepare(connection: sqlite3.Connection, path: Path) -> None:
    (mode,) = connection.execute("PRAGMA journal_mode = WAL").fetchone()
    if str(mode).lower() != "wal":
        raise QueueError(
            "Could not open the pending queue: SQLite refused write-ahead logging "
            f"on this file system (journal_mode stayed {mode}) ({path})."
        )
    _migrate(connection, path)
    _ensure_read_order_index(connection)


# Lists and pages walk pending comments oldest first; without this index a read of 100,000
# comments sorted all of them (98 MB) first. Rowid, the tie-break, ends every index. An
# index changes no data and no reader depends on it, so it needs no schema version.
_READ_ORDER_INDEX = "comments_by_status_created"


def _ensure_read_order_index(connection: sqlite3.Connection) -> None:
    found = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (_READ_ORDER_INDEX,)
    ).fetchone()
    if found is None:
        with write_transaction(connection):
            connection.execute(
                f"CREATE INDEX IF NOT EXISTS {_READ_ORDER_INDEX} ON comments (status, created)"
            )


@dataclass
class OpenedStore:
    path: Path
    quarantined_to: Path | None = None
    # Said once to the person: permissions that were tightened.
    notices: list[str] = field(default_factory=list)


def open_store(data_dir: Path, busy_timeout_ms: int, *, full_check: bool = False) -> OpenedStore:
    """Make the queue file ready to use: refuse odd files, refuse a newer format without
    touching it, set a damaged file aside (checked in full after an unclean shutdown, or
    when `full_check`), switch to WAL and migrate."""
    path = data_dir / QUEUE_FILE_NAME
    opened = OpenedStore(path)
    try:
        opened.notices = paths.prepare_data_dir(data_dir)
        if refuse_odd_files(path) is None:
            _create_private_file(path)
        opened.quarantined_to = _open_checked(path, busy_timeout_ms, full_check)
    except OddQueuePath as odd:
        raise QueueError(f"Could not open the pending queue: {odd}.") from odd
    except (sqlite3.Error, OSError) as error:
        reason = explain(error, path, busy_timeout_ms)
        raise QueueError(f"Could not open the pending queue: {reason}.") from error
    return opened


def _open_checked(path: Path, busy_timeout_ms: int, full_check: bool) -> Path | None:
    seen = refuse_odd_files(path)
    assert seen is not None
    quarantined_to: Path | None = None
    # Before anything of ours reads it: even a read-only look can leave an empty WAL.
    full_check = full_check or not clean_state.left_clean(path)
    try:
        _refuse_newer(_stored_version(path), path)
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise
        full_check = True  # not even the header reads: the check below sets it aside
    quarantined_to = _set_aside_if_damaged(path, needed=full_check)
    if quarantined_to is not None:
        seen = refuse_odd_files(path)
        assert seen is not None
    try:
        with connect(path, busy_timeout_ms) as connection:
            _prepare(connection, path)
    except sqlite3.DatabaseError as error:
        # Damage the integrity check missed: set it aside once and start afresh, rather
        # than fail the same way at every start.
        if not is_damage(error) or quarantined_to is not None:
            raise
        quarantined_to = quarantine(path)
        _create_private_file(path)
        seen = os.lstat(path)
        with connect(path, busy_timeout_ms) as connection:
            _prepare(connection, path)
    if not same_file(path, seen):
        # Swapped for something else (a link) between the look and the open.
        clean_state.forget(path)
        raise OddQueuePath(f"{path} was replaced while it was being opened")
    return quarantined_to
