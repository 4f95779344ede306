"""The title of last resort: the file's name, made readable."""

from __future__ import annotations

import re
from pathlib import Path

UNTITLED = "Untitled"


def title_from_file_name(path: Path) -> str:
    """`jazz-night_review.md` → "Jazz night review"; never empty.

    Only the first letter is raised: `str.capitalize` would turn "NASA-budget" into "Nasa".
    """
    # Bytes of a name that is not UTF-8 arrive as lone surrogates: a title shows U+FFFD.
    stem = path.stem.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    words = " ".join(re.sub(r"[-_]+", " ", stem).split())
    if not words:
        return UNTITLED
    return words[0].upper() + words[1:]
