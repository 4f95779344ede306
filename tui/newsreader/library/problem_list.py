"""Every file in a library that had a problem, once each, with all its reasons.

Two kinds meet here: files that could not be shown at all (`LibraryScan.problems`) and
articles shown despite something wrong in them (`Article.problems`). `newsreader check`
prints this list and the `!` screen shows it, so both say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
    return gather_problem_files(
        unlisted=((problem.path, problem.reason) for problem in scan.problems),
        listed=((article.path, reason) for article in scan.articles for reason in article.problems),
    )


def gather_problem_files(
    unlisted: Iterable[tuple[Path, str]], listed: Iterable[tuple[Path, str]]
) -> list[ProblemFile]:
    """One entry per file from (path, reason) pairs, sorted by path.

    `unlisted`: files not shown at all; `listed`: articles shown despite a problem. The
    scan and the library index both report problems this way.
    """
    found: list[ProblemFile] = []
    for pairs, is_listed in ((unlisted, False), (listed, True)):
        reasons: dict[Path, list[str]] = {}
        for path, reason in pairs:
            reasons.setdefault(path, []).append(reason)
        found += [ProblemFile(path, tuple(why), is_listed) for path, why in reasons.items()]
    return sorted(found, key=lambda problem: (problem.path, problem.listed))


def shown_path(path: Path, root: Path) -> str:
    """`path` inside the library as the person knows it: relative to the library folder."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
