"""Every file in a library that had a problem, once each, with all its reasons.

Two kinds meet here: files that could not be shown at all (`LibraryScan.problems`) and
articles shown despite something wrong in them (`Article.problems`). `newsreader check`
prints this list and the `!` screen shows it, so both say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsreader.library.scan import LibraryScan


@dataclass(frozen=True, slots=True)
class ProblemFile:
    """One file and what was wrong with it; `listed` says whether it is still in the list."""

    path: Path
    reasons: tuple[str, ...]
    listed: bool

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


def problem_files(scan: LibraryScan) -> list[ProblemFile]:
    """The problem files of `scan`, sorted by path."""
    unlisted: dict[Path, list[str]] = {}
    for problem in scan.problems:
        unlisted.setdefault(problem.path, []).append(problem.reason)
    found = [ProblemFile(path, tuple(reasons), False) for path, reasons in unlisted.items()]
    found += [
        ProblemFile(article.path, article.problems, True)
        for article in scan.articles
        if article.problems
    ]
    return sorted(found, key=lambda problem: (problem.path, problem.listed))


def shown_path(path: Path, root: Path) -> str:
    """`path` inside the library as the person knows it: relative to the library folder."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
