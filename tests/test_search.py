"""Search (FTS5 over the index) and the one sort key the index orders the list by."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.library.article import Article, newest_first, order_key
from newsreader.library.index import LibraryIndex
from newsreader.library.index_sync import sync_index
from newsreader.library.search import fts_query, matching_rows
from newsreader.library.sources import Library

EXAMPLES = int(os.environ.get("NEWSREADER_HYPOTHESIS_EXAMPLES", "300"))

PIECES = {
    "harbour.md": (
        "---\ntitle: Harbour wall repairs finish early\nauthor: Mira Okafor\n"
        "source: The Kestleigh Courier\ntags: [harbour, council]\n"
        "summary: Crews finished the sea wall ahead of plan.\n---\n"
        "The granite facing went up in October.\n"
    ),
    "cafe.md": "# Café opens on the quay\n\nThe crème brûlée sold out by noon.\n",
    "tides.txt": "Notes on tidal clocks\n\nA lunar day lasts about 24 hours and 50 minutes.\n",
    "syntax.md": '# Quotes "and" stars\n\nA line with AND, OR, NOT, NEAR and * in it.\n',
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> LibraryIndex:
    root = tmp_path_factory.mktemp("library")
    for name, text in PIECES.items():
        (root / name).write_text(text, encoding="utf-8")
    library = Library.of_folder(root)
    built = LibraryIndex.open(tmp_path_factory.mktemp("cache"), library)
    sync_index(built, library)
    return built


def found(index: LibraryIndex, text: str) -> list[str] | None:
    rows = matching_rows(index, text)
    if rows is None:
        return None
    ids = {entry.rowid: entry.id for entry in index.entries()}
    return sorted(ids[row] for row in rows)


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("harbour", ["harbour"]),
        ("HARB", ["harbour"]),  # a prefix, any case
        ("granite", ["harbour"]),  # the body
        ("okafor", ["harbour"]),  # the author
        ("kestleigh", ["harbour"]),  # the source
        ("council", ["harbour"]),  # a tag
        ("crews", ["harbour"]),  # the summary
        ("lunar", ["tides"]),  # a saved page's body
        ("cafe", ["cafe"]),  # accents fold both ways
        ("brûlée", ["cafe"]),
        ("the quay", ["cafe"]),  # every word, anywhere
        ("the lunar", []),  # …or nothing
        ("arbour", []),  # words match from their start only
        ("50", ["tides"]),
    ],
)
def test_words_match_titles_bylines_and_full_text(
    index: LibraryIndex, text: str, ids: list[str]
) -> None:
    assert found(index, text) == ids


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ('"', None),
        ("*", None),
        ("-", None),
        ("AND", ["syntax", "tides"]),  # the word "and", not the operator
        ('"and"', ["syntax", "tides"]),
        ("and OR not", ["syntax"]),  # three words ("not" also begins "Notes": not all three)
        ("NEAR(a b)", []),  # no article has a word beginning with "b"
        ("stars*", ["syntax"]),
        ("title:quotes", []),  # not a column filter: "title" is a word no article has
    ],
)
def test_fts_syntax_typed_by_the_person_is_searched_for_not_obeyed(
    index: LibraryIndex, text: str, ids: list[str] | None
) -> None:
    assert found(index, text) == ids


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("tag:council", ["harbour"]),
        ("TAG:harb", ["harbour"]),  # a prefix, any case
        ("tag:kestleigh", []),  # the source's word, not a tag
        ("source:kestleigh", ["harbour"]),
        ('source:"the kestleigh courier"', ["harbour"]),
        ('source:"kestleigh cour', ["harbour"]),  # the closing quote not typed yet
        ("source:okafor", []),
        ("author:mira author:okafor", ["harbour"]),
        ("author:okafor granite", ["harbour"]),  # and free words as well
        ("author:okafor lunar", []),
        ("tag:", None),  # nothing asked yet: every article
        ('author:"*" tag:AND', []),  # values are words too, never FTS5 syntax
    ],
)
def test_author_source_and_tag_search_their_own_field(
    index: LibraryIndex, text: str, ids: list[str] | None
) -> None:
    assert found(index, text) == ids


def test_no_words_means_no_filter(index: LibraryIndex) -> None:
    assert found(index, "") is None
    assert found(index, "  ,.;  ") is None
    assert fts_query("a-b c") == '"a"* AND "b"* AND "c"*'


# Letters Python and SQLite's tokenizer disagree on, joined to others, are where a query
# went wrong (U+19B0: a letter to Python, a separator to unicode61), and field names.
TRICKY = st.sampled_from(
    ["0ᦰ0", "á", "ǅ", "ß", "İ", "­", "x‍y", '"', "*", "-", " tag:", ' source:"', " author:"]
)


@given(st.lists(st.one_of(st.text(max_size=12), TRICKY), max_size=6).map("".join))
@settings(max_examples=EXAMPLES, deadline=None)
def test_no_typed_text_makes_the_apps_own_index_fail(index: LibraryIndex, text: str) -> None:
    # The index the app builds, with its detail=none table: phrases are refused there.
    rows = matching_rows(index, text)
    assert rows is None or rows <= {entry.rowid for entry in index.entries()}


def test_a_letter_the_tokenizer_splits_on_is_searched_as_two_words(index: LibraryIndex) -> None:
    assert fts_query("0ᦰ0") == '"0"*'
    assert found(index, "harbourᦰwall") == ["harbour"]


# --- the sort key ---------------------------------------------------------------------------

MOMENTS = st.one_of(
    st.none(),
    st.datetimes(min_value=dt.datetime(1, 1, 3), max_value=dt.datetime(9999, 12, 30)),
    st.datetimes(
        min_value=dt.datetime(1, 1, 3),
        max_value=dt.datetime(9999, 12, 30),
        timezones=st.sampled_from(
            [
                dt.UTC,
                dt.timezone(dt.timedelta(hours=5, minutes=30)),
                dt.timezone(-dt.timedelta(hours=9)),
            ]
        ),
    ),
)
TITLES = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12)


@given(st.lists(st.tuples(MOMENTS, TITLES), max_size=25))
@settings(max_examples=EXAMPLES, deadline=None)
def test_order_key_sorts_like_newest_first_in_python_and_in_sqlite(
    pieces: list[tuple[dt.datetime | None, str]],
) -> None:
    articles = [
        Article(id=f"a{number}", path=Path(f"a{number}.md"), title=title, date=moment)
        for number, (moment, title) in enumerate(pieces)
    ]
    expected = [a.id for a in newest_first(articles)]

    assert [a.id for a in sorted(articles, key=order_key)] == expected
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (id TEXT, k TEXT)")
    connection.executemany("INSERT INTO t VALUES (?, ?)", [(a.id, order_key(a)) for a in articles])
    assert [row[0] for row in connection.execute("SELECT id FROM t ORDER BY k")] == expected
