"""How counts are said: "1 file", "3 files", never "file(s)"."""

from __future__ import annotations


def count_of(count: int, singular: str, plural: str | None = None) -> str:
    """`count_of(1, "file")` → "1 file"; `count_of(1200, "file")` → "1,200 files"."""
    word = singular if count == 1 else (plural or singular + "s")
    return f"{count:,} {word}"
