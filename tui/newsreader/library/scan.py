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
    return [root / relative for relative in article_paths(root, problems)]


def article_paths(root: Path, problems: list[FileProblem]) -> list[str]:
    """`article_files`, as paths relative to `root` in `/` form (lighter than Paths, which
    matters for the index of a library of 100,000 files)."""
    plain, linked = _walk(root, problems)
    if linked:
        # A link to an article that is in the library anyway would list it twice.
        plain_targets = {os.path.realpath(os.path.join(root, path)) for path in plain}
        linked = [
            path
            for path in linked
            if os.path.realpath(os.path.join(root, path)) not in plain_targets
        ]
    # In the order Paths sort in: part by part.
    return sorted([*plain, *linked], key=lambda path: path.split("/"))


def same_id_reason(shown: Path) -> str:
    # Read marks and queued comments refer to articles by id, so ids must be unique.
    return f"same article id as {shown.name}; rename one of them"


def _walk(root: Path, problems: list[FileProblem]) -> tuple[list[str], list[str]]:
    """Article files under `root` (relative, `/` form): plain ones, and symlinks whose
    target is in the library."""
    real_root = Path(os.path.realpath(root))
    plain: list[str] = []
    linked: list[str] = []
    folders = [""]
    while folders:
        relative = folders.pop()
        folder = os.path.join(root, relative) if relative else os.fspath(root)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            problems.append(FileProblem(Path(folder), _folder_reason(error)))
            continue
        prefix = f"{relative}/" if relative else ""
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_link = entry.is_symlink()
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue  # gone while we looked
            if is_folder:
                folders.append(prefix + name)
            elif is_link and _is_folder_link(entry):
                # Not followed even when it stays inside: the folder it leads to is scanned
                # under its own name, and that is what keeps loops finite.
                if problem := _symlink_problem(Path(entry.path), real_root):
                    problems.append(problem)
            elif os.path.splitext(name)[1].lower() not in ARTICLE_SUFFIXES:
                continue
            elif not is_link:
                plain.append(prefix + name)
            elif problem := _symlink_problem(Path(entry.path), real_root):
                problems.append(problem)
            else:
                linked.append(prefix + name)
    return plain, linked


def _is_folder_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


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
