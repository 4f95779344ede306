"""Reading a test library the one way the program does: sync an index, ask it.

What a test sees here is what the list shows (the index's entries, in its order, each
article loaded from its file as the reading pane loads it) and what `check` prints and the
`!` screen shows (`indexed_problems`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsreader.library.article import Article
from newsreader.library.index import LibraryIndex
from newsreader.library.index_sync import sync_index
from newsreader.library.problem_list import ProblemFile, indexed_problems, shown_path
from newsreader.library.sources import Library


@dataclass(frozen=True)
class ReadLibrary:
    articles: list[Article]  # as the list shows them: newest first
    problem_files: list[ProblemFile]

    @property
    def ids(self) -> list[str]:
        return [article.id for article in self.articles]


def read_library(root: Path) -> ReadLibrary:
    library = Library.of_folder(root)
    index = LibraryIndex.in_memory(library)
    walk_problems = sync_index(index, library).problems
    articles = []
    for entry in index.entries():
        article = library.load(entry.path)
        assert isinstance(article, Article), article
        articles.append(article)
    return ReadLibrary(articles, indexed_problems(library, index, walk_problems))


def not_shown(read: ReadLibrary, root: Path) -> dict[str, str]:
    """Files left out of the list, by path inside the library, with their reasons."""
    return {
        shown_path(problem.path, root): problem.reason
        for problem in read.problem_files
        if not problem.listed
    }
