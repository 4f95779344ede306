"""Every file in a library that had a problem, once each, with all its reasons.

Two kinds meet here: files that are not shown at all (the walk's problems and the index's
unreadable files) and articles shown despite something wrong in them. `newsreader check`
prints this list and the `!` screen shows it; both get it from `indexed_problems`, so both
say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.library.index import LibraryIndex
    from newsreader.library.sources import FileProblem, Library


@dataclass(frozen=True, slots=True)
class ProblemFile:
    """One file and what was wrong with it; `listed` says whether it is still in the list."""

    path: Path
    reasons: tuple[str, ...]
    listed: bool

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


def indexed_problems(
    library: Library, index: LibraryIndex, walk_problems: Iterable[FileProblem]
) -> list[ProblemFile]:
    """The problem files of `library`, sorted by path, from its index just after a sync
    (`walk_problems`: the folders and links that sync could not follow)."""
    return _one_per_file(
        unlisted=[
            *((problem.path, problem.reason) for problem in walk_problems),
            *((library.file_path(file.path), file.reason) for file in index.unreadable()),
        ],
        listed=((library.file_path(path), reason) for path, reason in index.article_problems()),
    )


def find_problems(library: Library) -> list[ProblemFile]:
    """The problem files of `library`, found by indexing it in memory
    (no file is written, and no words are kept: nothing will be searched)."""
    from newsreader.library.index import LibraryIndex
    from newsreader.library.index_sync import sync_index

    index = LibraryIndex.in_memory(library, searchable=False)
    result = sync_index(index, library)
    return indexed_problems(library, index, result.problems)


def _one_per_file(
    unlisted: Iterable[tuple[Path, str]], listed: Iterable[tuple[Path, str]]
) -> list[ProblemFile]:
    """One entry per file from (path, reason) pairs, sorted by path."""
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
