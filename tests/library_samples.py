"""Small article libraries written into temporary folders for UI and CLI tests."""

from __future__ import annotations

from pathlib import Path

HARBOUR = """---
title: Harbour wall repairs finish early
author: Mira Okafor
date: 2026-11-20T09:00:00+00:00
source: The Kestleigh Courier
tags: [harbour, council]
summary: Crews finished the sea wall three weeks ahead of plan.
---
The harbour wall at Kestleigh reopened on Friday.

## What changed

- New granite facing
- A wider walkway

> We were lucky with the weather, said the foreman.

Read the [council notice](https://example.org/notice) for details.
"""

LIBRARY_VOTE = """---
title: Library extends opening hours
date: 2026-10-02
---
The town library will open until nine on weekdays from November.
Volunteers asked for the change in a survey last spring.
"""

UNDATED = """# Notes on tidal clocks

A tide clock runs on a lunar day of about 24 hours and 50 minutes.
"""


def write_library(root: Path) -> Path:
    """Three articles: two dated (one in a sub-folder), one undated."""
    (root / "town").mkdir(parents=True, exist_ok=True)
    (root / "harbour-wall.md").write_text(HARBOUR, encoding="utf-8")
    (root / "town" / "library-hours.md").write_text(LIBRARY_VOTE, encoding="utf-8")
    (root / "tide-clocks.md").write_text(UNDATED, encoding="utf-8")
    return root


def write(root: Path, relative: str, content: str | bytes) -> Path:
    """One file in a library, folders made as needed; bytes are written as they are."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
