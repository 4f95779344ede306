"""One rule for a damaged SQLite file, against real files: damage, a lock, a closed handle."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from newsreader.sqlite_damage import is_damage


def error_from(action: Callable[[], object]) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as caught:
        action()
    return caught.value


def test_a_file_that_is_not_a_database_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    path.write_bytes(b"this is not a database" * 200)
    connection = sqlite3.connect(path)

    assert is_damage(error_from(lambda: connection.execute("SELECT * FROM sqlite_master")))
    connection.close()


def test_a_lock_held_by_another_connection_is_not_damage(tmp_path: Path) -> None:
    path = tmp_path / "queue.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    waiting = sqlite3.connect(path, timeout=0)

    error = error_from(lambda: waiting.execute("SELECT * FROM t"))

    assert (error.sqlite_errorcode & 0xFF, is_damage(error)) == (sqlite3.SQLITE_BUSY, False)
    holder.close()
    waiting.close()


def test_an_error_of_python_s_own_sqlite_module_is_not_damage() -> None:
    connection = sqlite3.connect(":memory:")
    connection.close()

    assert not is_damage(error_from(lambda: connection.execute("SELECT 1")))
