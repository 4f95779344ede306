"""Where articles come from: a library is a list of sources, each a tree of article files.

The folder of files the person keeps is the first source; fetched feeds, written as files
under the data dir, are the next. Every source answers the same few questions (which files
it holds, how to read one, which files could carry an id), so the index, `newsreader check`,
the reader and `newsreader comment` all see one library by one set of rules.

Paths and ids in the library are a source's own, behind the source's prefix when it has one:
a feed source with prefix `feeds` turns `harbour/wall.md` into `feeds/harbour/wall.md`, id
`feeds/harbour/wall`. A source without a prefix gives up the first folder names that other
sources' prefixes take (they are reported, not silently lost).

Nothing here reads a file at import: launch imports this before the first frame, and the
file readers load when first asked for.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from newsreader.library.sources.problem import FileProblem

__all__ = ["FEEDS_PREFIX", "FileProblem", "Library", "Source", "find_article"]

if TYPE_CHECKING:
    from newsreader.library.article import Article


class Source(Protocol):
    """One tree of article files. Paths and ids are relative to `root`, in `/` form."""

    @property
    def root(self) -> Path: ...

    @property
    def prefix(self) -> str:
        """The first part of every id from this source ("" for none)."""
        ...

    def missing(self) -> FileProblem | None:
        """Why the source cannot be walked at all (not there, not a folder), if it cannot."""
        ...

    def article_paths(self, problems: list[FileProblem]) -> list[str]:
        """Every article file, sorted; what cannot be walked goes to `problems`. The sort
        decides which of two files with one id is shown: the first that can be read."""
        ...

    def load(self, path: str) -> Article | str:
        """The article in the file at `path`, or why it cannot be shown."""
        ...

    def paths_for_id(self, article_id: str) -> list[str]:
        """The files `article_paths` would list under this id, in its order, found
        without walking the whole source."""
        ...


_SHADOWED = "this folder's name is taken by another source of articles; rename the folder"


def same_id_reason(shown: str) -> str:
    # Read marks and queued comments refer to articles by id, so ids must be unique.
    return f"same article id as {os.path.basename(shown)}; rename one of them"


FEEDS_PREFIX = "feeds"


class Library:
    """The sources the reader shows as one list."""

    def __init__(self, sources: Sequence[Source]) -> None:
        prefixes = [source.prefix for source in sources]
        if len(set(prefixes)) != len(prefixes):
            raise ValueError(f"two sources share a prefix: {prefixes}")
        for prefix in prefixes:
            if prefix and (prefix.startswith(".") or "/" in prefix or prefix == ".."):
                raise ValueError(f"a prefix is one plain folder name, not {prefix!r}")
        self.sources = tuple(sources)
        self._by_prefix = {source.prefix: source for source in self.sources}

    @classmethod
    def of_folder(cls, root: Path) -> Library:
        """The library of one folder of files, ids without a prefix."""
        from newsreader.library.sources.folder import ArticleFolder

        return cls([ArticleFolder(root)])

    @classmethod
    def for_reader(cls, articles: Path, feeds: Path | None = None) -> Library:
        """The articles folder, plus fetched feeds under the `feeds/` prefix once that
        folder exists (ids like `feeds/courier/harbour-wall-1a2b3c`)."""
        try:
            fetched = feeds is not None and feeds.is_dir()
        except OSError:  # a data dir this user may not enter holds no feeds for them
            fetched = False
        if feeds is None or not fetched:
            return cls.of_folder(articles)
        from newsreader.library.sources.folder import ArticleFolder

        return cls([ArticleFolder(articles), ArticleFolder(feeds, prefix=FEEDS_PREFIX)])

    def identity(self) -> bytes:
        """What names this library's index: its folders' real paths (and prefixes)."""
        if len(self.sources) == 1 and not self.sources[0].prefix:
            return _real_path(self.sources[0].root)
        return b"\0".join(
            os.fsencode(source.prefix) + b"=" + _real_path(source.root)
            for source in sorted(self.sources, key=lambda source: source.prefix)
        )

    def locate(self, path: str) -> tuple[Source, str] | None:
        """The source holding a library path (or id), and the path within it."""
        first, slash, rest = path.partition("/")
        if slash and first in self._by_prefix and first:
            return self._by_prefix[first], rest
        source = self._by_prefix.get("")
        return None if source is None else (source, path)

    def source_of(self, path: str) -> Source | None:
        located = self.locate(path)
        return None if located is None else located[0]

    def file_path(self, path: str) -> Path:
        """The file on disk for a library path."""
        located = self.locate(path)
        if located is None:
            return Path(path)
        source, relative = located
        return source.root / relative

    def article_paths(self, problems: list[FileProblem]) -> Iterator[tuple[str, str]]:
        """(library path, file system path) of every article file of every source."""
        taken = {source.prefix for source in self.sources if source.prefix}
        for source in self.sources:
            if (problem := source.missing()) is not None:
                problems.append(problem)
                continue
            root = os.fspath(source.root)
            lead = f"{source.prefix}/" if source.prefix else ""
            shadowed: set[str] = set()
            for relative in source.article_paths(problems):
                folder, slash, _ = relative.partition("/")
                if not lead and slash and folder in taken:
                    if folder not in shadowed:
                        shadowed.add(folder)
                        problems.append(FileProblem(source.root / folder, _SHADOWED))
                    continue
                yield lead + relative, os.path.join(root, relative)

    def load(self, path: str) -> Article | str:
        """The article at a library path, or why it cannot be shown."""
        located = self.locate(path)
        if located is None:
            return "not in any source of the library"
        source, relative = located
        article = source.load(relative)
        if isinstance(article, str) or not source.prefix:
            return article
        return dataclasses.replace(article, id=f"{source.prefix}/{article.id}")


def find_article(library: Library, article_id: str) -> Article | None:
    """The article shown under this id, by the rules of the index, without walking the
    library: of the files that could carry the id, the first in path order that reads."""
    located = library.locate(article_id)
    if located is None:
        return None
    source, relative_id = located
    lead = f"{source.prefix}/" if source.prefix else ""
    if lead and not relative_id:
        return None
    for path in source.paths_for_id(relative_id):
        article = library.load(lead + path)
        if not isinstance(article, str):
            return article
    return None


def _real_path(root: Path) -> bytes:
    return os.fsencode(os.path.realpath(root))
