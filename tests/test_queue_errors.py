"""Storage failures become one error type each, so interfaces word them without parsing text."""

from __future__ import annotations

import errno
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from newsreader.comments.queue_errors import (
    QueueDamaged,
    QueueError,
    QueueFull,
    QueueLocked,
    QueuePermissionDenied,
    storage_error_type,
)


def sqlite_error_from(path: Path, statement: str) -> sqlite3.Error:
    with closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as connection:
        try:
            connection.execute(statement)
        except sqlite3.Error as error:
            return error
    raise AssertionError("the statement succeeded")


def test_a_held_lock_is_queue_locked(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    with closing(sqlite3.connect(path, isolation_level=None)) as holder:
        holder.execute("CREATE TABLE t (x)")
        holder.execute("BEGIN IMMEDIATE")
        assert storage_error_type(sqlite_error_from(path, "BEGIN IMMEDIATE")) is QueueLocked


def test_a_file_that_is_not_a_database_is_queue_damaged(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    path.write_bytes(b"this is not SQLite " * 100)
    assert storage_error_type(sqlite_error_from(path, "SELECT * FROM t")) is QueueDamaged


def test_a_read_only_connection_is_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE t (x)")
    read_only = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    with closing(read_only), pytest.raises(sqlite3.Error) as raised:
        read_only.execute("INSERT INTO t VALUES (1)")
    assert storage_error_type(raised.value) is QueuePermissionDenied


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (errno.ENOSPC, QueueFull),
        (errno.EACCES, QueuePermissionDenied),
        (errno.EROFS, QueuePermissionDenied),
        (errno.EIO, QueueError),
    ],
)
def test_os_errors_by_number(number: int, expected: type[QueueError]) -> None:
    assert storage_error_type(OSError(number, "x")) is expected


def test_an_io_error_on_a_nearly_full_disk_is_queue_full() -> None:
    io_error = sqlite3.OperationalError("disk I/O error")
    io_error.sqlite_errorcode = sqlite3.SQLITE_IOERR
    assert storage_error_type(io_error, disk_full=True) is QueueFull
    assert storage_error_type(io_error) is QueueError
