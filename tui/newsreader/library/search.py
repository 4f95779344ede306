"""Searching the library as the person types: titles, bylines and full text, via SQLite FTS5.

Every word typed must begin a word of the article (its title, author, source, summary,
tags or body), in any order: "harb coun" finds "Harbour council…". Case and accents do not
matter (the index's tokenizer folds both, and the query goes through the same tokenizer).
The person's text is never FTS5 syntax: it is cut into words here and each is quoted, so
`AND`, `*`, quotes or a lone `-` are searched for, not obeyed.

The words are cut by SQLite's own tokenizer, not by a Python pattern: the two disagree on
some letters (U+19B0 is a letter to Python and a separator to unicode61), and a quoted
"word" the tokenizer splits in two is a phrase, which the index (detail=none) refuses.
"""

from __future__ import annotations

import re
import sqlite3
import threading

from newsreader.library.index import WORDS_TOKENIZER, LibraryIndex

# Letters and digits of any script: what the reader highlights, and whether there is
# anything to search for at all.
_WORD = re.compile(r"[^\W_]+")

_local = threading.local()


def search_words(text: str) -> list[str]:
    return _WORD.findall(text)


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
    """The FTS5 query for what the person typed, or None when there is no word in it."""
    words = tokens(text)
    if not words:
        return None
    # A quoted string is one FTS5 term (one token: the tokenizer made it); `*` after it
    # makes it a prefix. A quote inside is doubled, as FTS5 strings want.
    return " AND ".join('"{}"*'.format(word.replace('"', '""')) for word in words)


def matching_rows(index: LibraryIndex, text: str) -> set[int] | None:
    """Index rowids of the articles that match `text`; None when `text` has no words.

    Rowids, not article ids: 10,000 integers come out of SQLite several times faster than
    10,000 strings, and `ArticleEntry.rowid` is what the list filters on.
    """
    query = fts_query(text)
    if query is None:
        return None
    with index.connect() as connection:
        rows = connection.execute(
            "SELECT rowid FROM article_words WHERE article_words MATCH ?", (query,)
        )
        return {row[0] for row in rows}
