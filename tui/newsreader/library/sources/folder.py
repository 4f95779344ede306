"""A folder of article files: every `.md`, `.markdown` or `.txt` under it, sub-folders included.

A folder is whatever the person (or a sync tool) put there, so anything can be in it:
unreadable sub-folders, binary files with a `.md` name, symlinks out of it or round in
circles, files deleted while we look. None of that stops a walk. Hidden names are skipped;
symlinked folders are not walked into (the folder they lead to is walked under its own
name, which keeps loops finite); a symlinked file counts when it stays inside and does
not lead to a file listed anyway.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.library.article import ARTICLE_SUFFIXES
from newsreader.library.sources.problem import FileProblem

if TYPE_CHECKING:
    from newsreader.library.article import Article


class _Kind(Enum):
    """What one name in a folder is to the walk."""

    SKIPPED = 0  # hidden, not an article's suffix, or gone while we looked
    FOLDER = 1
    FOLDER_LINK = 2
    FILE = 3
    FILE_LINK = 4


@dataclass(frozen=True, slots=True)
class ArticleFolder:
    """A folder of article files; a `Source`."""

    root: Path
    prefix: str = ""

    def missing(self) -> FileProblem | None:
        if self.root.is_dir():
            return None
        reason = "not a folder" if self.root.exists() else "library folder not found"
        return FileProblem(self.root, reason)

    def article_paths(self, problems: list[FileProblem]) -> list[str]:
        # Relative strings, not Paths: lighter, which matters for 100,000 files.
        plain, linked = self._walk(problems)
        if linked:
            # A link to an article that is in the library anyway would list it twice.
            plain_targets = {os.path.realpath(os.path.join(self.root, path)) for path in plain}
            linked = [
                path
                for path in linked
                if os.path.realpath(os.path.join(self.root, path)) not in plain_targets
            ]
        # In the order Paths sort in: part by part.
        return sorted([*plain, *linked], key=lambda path: path.split("/"))

    def load(self, path: str) -> Article | str:
        from newsreader.library.formats import ArticleFileError, load_article

        try:
            return load_article(self.root / path, self.root)
        except ArticleFileError as error:
            return error.reason
        except Exception as error:  # a reader bug must cost one article, not the whole library
            return f"could not be read ({type(error).__name__})"

    def paths_for_id(self, article_id: str) -> list[str]:
        parts = article_id.split("/")
        if any(part in ("", ".", "..") or "\0" in part for part in parts):
            return []
        folder = "/".join(parts[:-1])
        if not self._is_walked_folder(parts[:-1]):
            return []
        try:
            with os.scandir(os.path.join(self.root, folder)) as listing:
                names = sorted(
                    (entry.name, kind)
                    for entry in listing
                    if os.path.splitext(entry.name)[0] == parts[-1]
                    and (kind := _kind(entry)) in (_Kind.FILE, _Kind.FILE_LINK)
                )
        except OSError:
            return []
        lead = f"{folder}/" if folder else ""
        real_root = Path(os.path.realpath(self.root))
        return [
            lead + name
            for name, kind in names
            if kind is _Kind.FILE
            or (
                _symlink_problem(Path(self.root, lead + name), real_root) is None
                and not self._lists_as_file(os.path.realpath(os.path.join(self.root, lead + name)))
            )
        ]

    # --- the walk ------------------------------------------------------------------------

    def _walk(self, problems: list[FileProblem]) -> tuple[list[str], list[str]]:
        """Article files (relative, `/` form): plain ones, and symlinks whose target is in
        the folder."""
        real_root = Path(os.path.realpath(self.root))
        plain: list[str] = []
        linked: list[str] = []
        folders = [""]
        while folders:
            relative = folders.pop()
            folder = os.path.join(self.root, relative) if relative else os.fspath(self.root)
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda entry: entry.name)
            except OSError as error:
                problems.append(FileProblem(Path(folder), _folder_reason(error)))
                continue
            prefix = f"{relative}/" if relative else ""
            for entry in entries:
                kind = _kind(entry)
                if kind is _Kind.FOLDER:
                    folders.append(prefix + entry.name)
                elif kind is _Kind.FILE:
                    plain.append(prefix + entry.name)
                elif kind is _Kind.SKIPPED:
                    continue
                elif problem := _symlink_problem(Path(entry.path), real_root):
                    problems.append(problem)
                elif kind is _Kind.FILE_LINK:
                    linked.append(prefix + entry.name)
        return plain, linked

    def _is_walked_folder(self, parts: list[str]) -> bool:
        """Whether the walk goes into the folder `parts` (each one a real, listed folder)."""
        folder = os.fspath(self.root)
        for part in parts:
            try:
                with os.scandir(folder) as listing:
                    entry = next((entry for entry in listing if entry.name == part), None)
            except OSError:
                return False
            if entry is None or _kind(entry) is not _Kind.FOLDER:
                return False
            folder = entry.path
        return True

    def _lists_as_file(self, real_target: str) -> bool:
        """Whether the walk lists the file at this real path as a plain article file."""
        # Inside the folder: the caller found no symlink problem.
        relative = Path(real_target).relative_to(os.path.realpath(self.root))
        *folders, name = relative.parts
        if not self._is_walked_folder(folders):
            return False
        try:
            with os.scandir(os.path.join(self.root, *folders)) as listing:
                entry = next((entry for entry in listing if entry.name == name), None)
        except OSError:
            return False
        return entry is not None and _kind(entry) is _Kind.FILE


def _kind(entry: os.DirEntry[str]) -> _Kind:
    name = entry.name
    if name.startswith("."):
        return _Kind.SKIPPED
    try:
        is_link = entry.is_symlink()
        is_folder = entry.is_dir(follow_symlinks=False)
    except OSError:
        return _Kind.SKIPPED  # gone while we looked
    if is_folder:
        return _Kind.FOLDER
    if is_link and _is_folder_link(entry):
        return _Kind.FOLDER_LINK
    if os.path.splitext(name)[1].lower() not in ARTICLE_SUFFIXES:
        return _Kind.SKIPPED
    return _Kind.FILE_LINK if is_link else _Kind.FILE


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


def _folder_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return "vanished while reading"
    return f"cannot read folder: {(error.strerror or str(error)).lower()}"
