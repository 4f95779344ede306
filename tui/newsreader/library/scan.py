"""Scanning a library: every article file in a folder and its sub-folders.

A library is a folder the user fills by hand, so anything can be in it: unreadable
sub-folders, binary files with a `.md` name, symlinks out of it or round in circles, files
deleted while we look. None of that stops a scan. Files that cannot be shown become
`FileProblem`s; files shown despite something wrong carry it in `Article.problems`.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from newsreader.library.article import Article, newest_first
from newsreader.library.formats import ARTICLE_SUFFIXES, ArticleFileError, load_article


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A file or folder in the library that could not be shown, and why."""

    path: Path
    reason: str


@dataclass(frozen=True, slots=True)
class LibraryScan:
    """The result of one scan: articles newest first, and what could not be shown."""

    root: Path
    articles: list[Article]
    problems: list[FileProblem]

    @property
    def problem_count(self) -> int:
        """Files not shown plus articles shown with something wrong in them."""
        return len(self.problems) + sum(1 for article in self.articles if article.problems)


def scan_library(root: Path) -> LibraryScan:
    """Load every article under `root`; never raises for anything found in the library."""
    if (problem := library_problem(root)) is not None:
        return LibraryScan(root, [], [problem])
    problems: list[FileProblem] = []
    articles: dict[str, Article] = {}
    for path in article_files(root, problems):
        article = _load(path, root, problems)
        if article is None:
            continue
        if (earlier := articles.get(article.id)) is not None:
            problems.append(FileProblem(path, same_id_reason(earlier.path)))
            continue
        articles[article.id] = article
    problems.sort(key=lambda problem: problem.path)
    return LibraryScan(root, newest_first(list(articles.values())), problems)


def library_problem(root: Path) -> FileProblem | None:
    """Why `root` cannot be scanned at all, if it cannot."""
    if root.is_dir():
        return None
    return FileProblem(root, "not a folder" if root.exists() else "library folder not found")


def article_files(root: Path, problems: list[FileProblem]) -> list[Path]:
    """Every article file under `root`, sorted, each once; what cannot be walked goes to
    `problems`. The sort decides which of two files with one id is shown: the first."""
    plain, linked = _walk(root, problems)
    if linked:
        # A link to an article that is in the library anyway would list it twice.
        plain_targets = {os.path.realpath(path) for path in plain}
        linked = [path for path in linked if os.path.realpath(path) not in plain_targets]
    return sorted([*plain, *linked])


def same_id_reason(shown: Path) -> str:
    # Read marks and queued comments refer to articles by id, so ids must be unique.
    return f"same article id as {shown.name}; rename one of them"


def _walk(root: Path, problems: list[FileProblem]) -> tuple[list[Path], list[Path]]:
    """Article files under `root`: plain ones, and symlinks whose target is in the library."""
    real_root = Path(os.path.realpath(root))
    plain: list[Path] = []
    linked: list[Path] = []

    def folder_unreadable(error: OSError) -> None:
        problems.append(FileProblem(Path(error.filename or root), _folder_reason(error)))

    # followlinks=False: a link back up the tree would otherwise be walked forever.
    for folder, subfolders, files in os.walk(root, onerror=folder_unreadable, followlinks=False):
        here = Path(folder)
        kept: list[str] = []
        for name in sorted(subfolders):
            path = here / name
            if name.startswith("."):
                continue
            if path.is_symlink():
                # Not followed even when it stays inside: the folder it leads to is scanned
                # under its own name, and that is what keeps loops finite.
                if problem := _symlink_problem(path, real_root):
                    problems.append(problem)
                continue
            kept.append(name)
        subfolders[:] = kept
        for name in sorted(files):
            path = here / name
            if name.startswith(".") or path.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            if not path.is_symlink():
                plain.append(path)
            elif problem := _symlink_problem(path, real_root):
                problems.append(problem)
            else:
                linked.append(path)
    return plain, linked


def _symlink_problem(link: Path, real_root: Path) -> FileProblem | None:
    try:
        target = Path(os.path.realpath(link, strict=True))
    except OSError as error:
        if error.errno == errno.ELOOP:
            return FileProblem(link, "symlink loop")
        return FileProblem(link, "broken symlink: its target does not exist")
    if not target.is_relative_to(real_root):
        return FileProblem(link, "symlink leads outside the library")
    return None


def _load(path: Path, root: Path, problems: list[FileProblem]) -> Article | None:
    article_or_reason = load_or_reason(path, root)
    if isinstance(article_or_reason, str):
        problems.append(FileProblem(path, article_or_reason))
        return None
    return article_or_reason


def load_or_reason(path: Path, root: Path) -> Article | str:
    """The article at `path`, or why it cannot be shown."""
    try:
        return load_article(path, root)
    except ArticleFileError as error:
        return error.reason
    except Exception as error:  # a reader bug must cost one article, not the whole library
        return f"could not be read ({type(error).__name__})"


def _folder_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return "vanished while reading"
    return f"cannot read folder: {(error.strerror or str(error)).lower()}"
