"""Entries as Markdown article files with front matter, written atomically.

An entry's file name is its title made safe (no separators, no `..`, no control characters,
at most 60 characters) plus 8 hex digits of a hash of the entry's key, so a fetch killed
between writing a file and recording it finds the same name next time instead of adding a
second copy. A file is written under a hidden temporary name (the library skips hidden
files), flushed to disk, then renamed over the old one: a reader sees the old article or the
new one, never half of either.

Flushing: fsync on each of 5,000 files costs ~3.6 ms apiece here (18 s). One `syncfs` for a
feed's whole batch gives the same guarantee (the data is on disk before any rename) at the
cost of one flush; where `syncfs` is missing, each file is fsynced.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

SUFFIX = ".md"
TEMP_MARK = ".tmp-"
_STEM_CHARS = 60
_NOT_WORD = re.compile(r"[^\w]+")


def safe_stem(text: str, fallback: str = "entry", limit: int = _STEM_CHARS) -> str:
    """`text` as a file or folder name: word characters and single dashes only."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    stem = _NOT_WORD.sub("-", folded).strip("-_")[:limit].strip("-_")
    return stem or fallback


def entry_file_name(title: str, key: str) -> str:
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{safe_stem(title)}-{digest}{SUFFIX}"


@dataclass(frozen=True, slots=True)
class ArticleFile:
    """What one article file says; `text()` is exactly what is written."""

    title: str
    body: str
    author: str | None = None
    date: dt.datetime | None = None
    source: str | None = None
    url: str | None = None
    summary: str | None = None
    tags: tuple[str, ...] = ()
    entry_id: str | None = None

    def text(self) -> str:
        fields: dict[str, object] = {"title": self.title}
        for name, value in (
            ("author", self.author),
            ("date", self.date.isoformat() if self.date else None),
            ("source", self.source),
            ("url", self.url),
            ("summary", self.summary),
            ("tags", list(self.tags) or None),
            ("id", self.entry_id),
        ):
            if value:
                fields[name] = value
        # libyaml's emitter when present: the pure-Python one took most of a fetch's time.
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        front = yaml.dump(
            fields, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1_000_000
        )
        return f"---\n{front}---\n{self.body.strip()}\n"


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _temp_path(target: Path) -> Path:
    return target.with_name(f".{target.name}{TEMP_MARK}{os.getpid()}")


def _syncfs() -> object | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        return libc.syncfs
    except (OSError, AttributeError, TypeError):
        return None


_SYNCFS = _syncfs()


def _flush(descriptors: Sequence[int]) -> None:
    if _SYNCFS is not None and descriptors and _SYNCFS(descriptors[0]) == 0:  # type: ignore[operator]
        return
    for descriptor in descriptors:
        os.fsync(descriptor)


def write_files(folder: Path, files: Sequence[tuple[str, str]]) -> None:
    """Write (file name, text) pairs into `folder`, each atomically; raises OSError."""
    if not files:
        return
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    pending: list[tuple[Path, Path]] = []
    descriptors: list[int] = []
    try:
        for name, text in files:
            target = folder / name
            temp = _temp_path(target)
            descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            descriptors.append(descriptor)
            pending.append((temp, target))
            os.write(descriptor, text.encode("utf-8", "surrogatepass"))
        _flush(descriptors)
    except BaseException:
        for temp, _ in pending:
            temp.unlink(missing_ok=True)
        raise
    finally:
        for descriptor in descriptors:
            os.close(descriptor)
    for temp, target in pending:
        os.replace(temp, target)
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)  # the renames themselves survive a crash
    finally:
        os.close(directory)


def remove_leftovers(folder: Path) -> int:
    """Delete temporary files a killed fetch left behind; how many."""
    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.glob(f".*{SUFFIX}{TEMP_MARK}*"):
        path.unlink(missing_ok=True)
        removed += 1
    return removed
