"""What may stand at the queue path before SQLite is let near it.

SQLite opens whatever the path names: a FIFO blocks the first read forever, a directory
becomes "disk I/O error", and a symbolic link is followed, so another program's database
would get our tables and WAL mode. The queue file and its side files are therefore looked
at with `lstat` first, and anything but a plain file (or nothing) is refused in one line.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

SIDE_FILE_SUFFIXES = ("-wal", "-shm", "-journal")

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class OddQueuePath(Exception):
    """Something other than a plain file stands where the queue (or a side file) goes."""


def _describe(mode: int) -> str:
    return next((what for test, what in _KINDS if test(mode)), "not a plain file")


def refuse_odd_files(path: Path) -> os.stat_result | None:
    """Raise OddQueuePath unless `path` and its side files are plain files or absent.

    Returns the queue file's own stat (None when it does not exist yet).
    """
    found: os.stat_result | None = None
    for suffix in ("", *SIDE_FILE_SUFFIXES):
        candidate = Path(f"{path}{suffix}")
        try:
            info = os.lstat(candidate)
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(info.st_mode):
            try:
                target = os.readlink(candidate)
            except OSError:
                target = "?"
            raise OddQueuePath(
                f"{candidate} is a symbolic link (to {target}); newsreader does not open "
                "its queue through a link: put the file itself there"
            )
        if not stat.S_ISREG(info.st_mode):
            raise OddQueuePath(f"{candidate} is {_describe(info.st_mode)}, not a regular file")
        if suffix == "":
            found = info
    return found


def same_file(path: Path, expected: os.stat_result) -> bool:
    """Whether `path` is still the file `expected` was taken of (no swap meanwhile)."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and (info.st_dev, info.st_ino) == (
        expected.st_dev,
        expected.st_ino,
    )
