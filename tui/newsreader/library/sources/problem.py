"""What a source says about a file it could not list (its own module: every source uses it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A file or folder in the library that could not be shown, and why."""

    path: Path
    reason: str
