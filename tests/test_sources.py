"""A library of several sources: the folder of files, and fetched feeds behind a prefix.

The feeds engineer's folder is stood in for by a second folder of files: what matters here
is that ids, paths, problems and lookups keep the sources apart and read them one way.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from library_samples import write
from newsreader.library.index import LibraryIndex, index_file_for
from newsreader.library.index_sync import sync_index
from newsreader.library.problem_list import indexed_problems
from newsreader.library.sources import Library, find_article
from newsreader.library.sources.folder import ArticleFolder


@pytest.fixture
def two_sources(tmp_path: Path) -> tuple[Library, Path, Path]:
    mine, fetched = tmp_path / "articles", tmp_path / "data" / "feeds"
    write(mine, "harbour.md", "---\ndate: 2026-11-20\n---\n# Harbour wall\n")
    write(mine, "feeds/stray.md", "# In a folder named like the prefix\n")
    write(fetched, "courier/ferry.md", "---\ndate: 2026-11-21\n---\n# Ferry timetable\n")
    write(fetched, "courier/broken.md", b"\x00\x01\x02")
    library = Library([ArticleFolder(mine), ArticleFolder(fetched, prefix="feeds")])
    return library, mine, fetched


def test_ids_of_a_prefixed_source_start_with_its_prefix(
    two_sources: tuple[Library, Path, Path],
) -> None:
    library, mine, fetched = two_sources
    index = LibraryIndex.in_memory(library)
    result = sync_index(index, library)

    assert [(entry.id, entry.path) for entry in index.entries()] == [
        ("feeds/courier/ferry", "feeds/courier/ferry.md"),
        ("harbour", "harbour.md"),
    ]
    ferry = library.load("feeds/courier/ferry.md")
    assert not isinstance(ferry, str)
    assert (ferry.id, ferry.path) == ("feeds/courier/ferry", fetched / "courier" / "ferry.md")
    assert library.file_path("harbour.md") == mine / "harbour.md"
    problems = {p.path: p.reason for p in indexed_problems(library, index, result.problems)}
    assert problems == {
        fetched / "courier" / "broken.md": "binary file, not text",
        # The prefix owns the name: the folder's own "feeds" is said, not mixed in.
        mine / "feeds": "this folder's name is taken by another source of articles; "
        "rename the folder",
    }


def test_find_article_looks_in_the_source_the_id_names(
    two_sources: tuple[Library, Path, Path],
) -> None:
    library, _, _ = two_sources

    found = find_article(library, "feeds/courier/ferry")
    assert found is not None and found.title == "Ferry timetable"
    assert find_article(library, "feeds/stray") is None  # shadowed, as in the list
    assert find_article(library, "feeds") is None
    assert find_article(library, "feeds/courier/broken") is None
    harbour = find_article(library, "harbour")
    assert harbour is not None and harbour.id == "harbour"


def test_a_missing_source_keeps_its_entries_while_the_others_sync(
    two_sources: tuple[Library, Path, Path],
) -> None:
    library, mine, fetched = two_sources
    index = LibraryIndex.in_memory(library)
    sync_index(index, library)
    unmounted = fetched.rename(fetched.with_name("elsewhere"))
    (mine / "harbour.md").unlink()

    result = sync_index(index, library)

    assert [entry.id for entry in index.entries()] == ["feeds/courier/ferry"]
    assert {p.path: p.reason for p in result.problems}[fetched] == "library folder not found"
    unmounted.rename(fetched)


def test_each_set_of_sources_has_its_own_index(tmp_path: Path) -> None:
    mine, fetched = tmp_path / "articles", tmp_path / "feeds"
    alone = Library.of_folder(mine)
    with_feeds = Library([ArticleFolder(mine), ArticleFolder(fetched, prefix="feeds")])

    assert index_file_for(tmp_path, alone) != index_file_for(tmp_path, with_feeds)
    assert index_file_for(tmp_path, alone) == index_file_for(tmp_path, Library.of_folder(mine))


@pytest.mark.parametrize("prefixes", [("", ""), ("feeds", "feeds"), ("", ".hidden"), ("", "a/b")])
def test_prefixes_are_unique_plain_folder_names(tmp_path: Path, prefixes: tuple[str, str]) -> None:
    first, second = prefixes
    with pytest.raises(ValueError):
        Library([ArticleFolder(tmp_path / "a", first), ArticleFolder(tmp_path / "b", second)])


def test_the_reader_library_adds_fetched_feeds_under_their_prefix(tmp_path: Path) -> None:
    articles, feeds = tmp_path / "articles", tmp_path / "data" / "feeds"
    (articles).mkdir()
    (articles / "local.md").write_text("# Local\n\nBody.\n")
    assert [source.prefix for source in Library.for_reader(articles, feeds).sources] == [""]
    (feeds / "courier").mkdir(parents=True)
    (feeds / "courier" / "harbour-1a2b.md").write_text("# Harbour\n\nBody.\n")
    library = Library.for_reader(articles, feeds)
    assert [source.prefix for source in library.sources] == ["", "feeds"]
    found = find_article(library, "feeds/courier/harbour-1a2b")
    assert found is not None and found.title == "Harbour"
    local = find_article(library, "local")
    assert local is not None and local.title == "Local"
