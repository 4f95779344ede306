"""File names as SQLite values.

A file name that is not valid UTF-8 reaches Python as a string with lone surrogates
(`os.fsdecode`), and SQLite refuses such strings. Those few are stored as the bytes the
file system has, and turned back into the same string when read, so paths and article
ids made from them still name their file.
"""

from __future__ import annotations


def to_db(text: str) -> str | bytes:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape")
    return text


def from_db(value: str | bytes) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "surrogateescape")
    return value
