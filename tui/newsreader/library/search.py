"""Searching the library as the person types: titles, bylines and full text, via SQLite FTS5.

Every word typed must begin a word of the article (its title, author, source, summary,
tags or body), in any order: "harb coun" finds "Harbour council…". Case and accents do not
matter (the index's tokenizer folds both, and the query goes through the same tokenizer).
The person's text is never FTS5 syntax: it is cut into words here and each is quoted, so
`AND`, `*`, quotes or a lone `-` are searched for, not obeyed.

`author:NAME`, `source:NAME` and `tag:NAME` (a quoted value may hold spaces:
`source:"merrow vale"`) ask the same of that field alone, on top of any other words.

The words are cut by SQLite's own tokenizer, not by a Python pattern: the two disagree on
some letters (U+19B0 is a letter to Python and a separator to unicode61), and a quoted
"word" the tokenizer splits in two is a phrase, which the index (detail=none) refuses.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass

from newsreader.library.index import WORDS_TOKENIZER, LibraryIndex

# Letters and digits of any script: what the reader highlights, and whether there is
# anything to search for at all.
_WORD = re.compile(r"[^\W_]+")

# A field's name, a colon, and a value: quoted (the closing quote may not be typed yet) or
# running to the next space. Only at the start of a word: "re:tag:x" is words.
_FIELD = re.compile(r'(?<!\S)(author|source|tag):(?:"([^"]*)"?|(\S*))', re.IGNORECASE)

_local = threading.local()


@dataclass(frozen=True)
class TypedSearch:
    """What the person typed, taken apart: free words, and (field, value) pairs."""

    words: str
    fields: tuple[tuple[str, str], ...]


def parse_search(text: str) -> TypedSearch:
    fields: list[tuple[str, str]] = []

    def take(found: re.Match[str]) -> str:
        quoted, bare = found.group(2), found.group(3)
        fields.append((found.group(1).lower(), quoted if quoted is not None else bare))
        return " "

    words = _FIELD.sub(take, text)
    return TypedSearch(words, tuple(fields))


def search_words(text: str) -> list[str]:
    """The words to look for (and to highlight): free words and the fields' values."""
    typed = parse_search(text)
    return _WORD.findall(" ".join([typed.words, *(value for _field, value in typed.fields)]))


def _tokenizer() -> sqlite3.Connection:
    """An in-memory FTS5 table with the index's tokenizer, one per thread."""
    connection: sqlite3.Connection | None = getattr(_local, "connection", None)
    if connection is None:
        connection = sqlite3.connect(":memory:")
        connection.execute(
            f"CREATE VIRTUAL TABLE typed USING fts5 (text, tokenize = '{WORDS_TOKENIZER}')"
        )
        connection.execute("CREATE VIRTUAL TABLE typed_words USING fts5vocab(typed, instance)")
        _local.connection = connection
    return connection


def tokens(text: str) -> list[str]:
    """`text` cut into words exactly as the index cuts an article (folded, in order)."""
    connection = _tokenizer()
    with connection:
        connection.execute("DELETE FROM typed")
        connection.execute("INSERT INTO typed (text) VALUES (?)", (text,))
        rows = connection.execute("SELECT term FROM typed_words ORDER BY offset").fetchall()
        connection.execute("DELETE FROM typed")
    return list(dict.fromkeys(row[0] for row in rows))


def fts_query(text: str) -> str | None:
    """The FTS5 query for the free words typed, or None when there is no word in them."""
    words = tokens(parse_search(text).words)
    if not words:
        return None
    return " AND ".join(_prefix(word) for word in words)


def fields_query(text: str) -> str | None:
    """The FTS5 query for the `field:value` parts typed, or None when there are none."""
    parts = [
        f"{field} : {_prefix(word)}"
        for field, value in parse_search(text).fields
        for word in tokens(value)
    ]
    return " AND ".join(parts) or None


def _prefix(word: str) -> str:
    # A quoted string is one FTS5 term (one token: the tokenizer made it); `*` after it
    # makes it a prefix. A quote inside is doubled, as FTS5 strings want.
    return '"{}"*'.format(word.replace('"', '""'))


def matching_rows(index: LibraryIndex, text: str) -> set[int] | None:
    """Index rowids of the articles that match `text`; None when `text` has no words.

    Rowids, not article ids: 10,000 integers come out of SQLite several times faster than
    10,000 strings, and `ArticleEntry.rowid` is what the list filters on.
    """
    asked = [
        (table, query)
        for table, query in (
            ("article_words", fts_query(text)),
            ("article_fields", fields_query(text)),
        )
        if query is not None
    ]
    if not asked:
        return None
    found: set[int] | None = None
    with index.connect() as connection:
        for table, query in asked:
            rows = connection.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (query,))
            matched = {row[0] for row in rows}
            found = matched if found is None else found & matched
    return found
