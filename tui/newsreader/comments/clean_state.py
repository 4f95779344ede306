"""Whether the queue file is as newsreader last left it: the clean-shutdown marker.

A full `PRAGMA integrity_check` reads every page (0.2 s for 100,000 comments), too slow to
run at every open. It is only worth it when something may have happened to the file since
a newsreader last closed it cleanly: a process that died mid-write, a power cut, another
program writing to it. So after every operation, once its connection is closed, the
file's identity, size and change times (and its WAL's) are recorded; an open that finds
them unchanged skips the check.

The record lives in the runtime dir (`$XDG_RUNTIME_DIR`, else a private folder in the temp
dir), not next to the queue: it is emptied at reboot, so the first open after a power cut
always checks, and the data dir holds only people's data. Losing a record costs one check.
What a stat cannot see (bits that rot in place) is found by `newsreader queue check`, or
by the first read that meets it (that read forgets the record, so the next open checks).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path

_WATCHED_SUFFIXES = ("", "-wal")


def _record_dir() -> Path | None:
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime and Path(runtime).is_dir() else Path(tempfile.gettempdir())
    folder = base / f"newsreader-{os.geteuid()}" / "clean-state"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for level in (folder.parent, folder):
            info = os.lstat(level)
            # Someone else's folder (or a link to one) could hold forged records.
            if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid():
                return None
            if stat.S_IMODE(info.st_mode) & 0o077:
                os.chmod(level, 0o700)
    except OSError:
        return None
    return folder


def _record_path(queue_path: Path) -> Path | None:
    folder = _record_dir()
    if folder is None:
        return None
    key = hashlib.sha256(os.fsencode(os.path.abspath(queue_path))).hexdigest()[:32]
    return folder / f"{key}.json"


def _state(queue_path: Path) -> list[list[int] | None]:
    state: list[list[int] | None] = []
    for suffix in _WATCHED_SUFFIXES:
        try:
            info = os.stat(f"{queue_path}{suffix}")
        except FileNotFoundError:
            state.append(None)
            continue
        state.append([info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns])
    return state


def _read(record: Path) -> object:
    try:
        return json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def left_clean(queue_path: Path) -> bool:
    """True when the file is exactly as a newsreader that finished cleanly left it."""
    record = _record_path(queue_path)
    if record is None:
        return False
    try:
        return _read(record) == {"path": str(queue_path), "state": _state(queue_path)}
    except OSError:
        return False


def mark_clean(queue_path: Path) -> None:
    """Record the file as it is now; call with no connection of ours open on it."""
    record = _record_path(queue_path)
    if record is None:
        return
    try:
        wanted = {"path": str(queue_path), "state": _state(queue_path)}
        if _read(record) == wanted:
            return
        temporary = record.with_name(f"{record.name}.{os.getpid()}.{id(wanted)}.tmp")
        descriptor = os.open(
            temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600
        )
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(wanted, file)
        os.replace(temporary, record)
    except (OSError, UnicodeEncodeError):
        pass  # no record only means one more check at the next open


def forget(queue_path: Path) -> None:
    """Make the next open run the full check (damage was met, or the file replaced)."""
    record = _record_path(queue_path)
    if record is None:
        return
    with contextlib.suppress(OSError):
        record.unlink(missing_ok=True)
