"""Searching the library as the person types: titles, bylines and full text, via SQLite FTS5.

Every word typed must begin a word of the article (its title, author, source, summary,
tags or body), in any order: "harb coun" finds "Harbour council…". Case and accents do not
matter (the index's tokenizer folds both, and the query goes through the same tokenizer).
The person's text is never FTS5 syntax: it is cut into words here and each is quoted, so
`AND`, `*`, quotes or a lone `-` are searched for, not obeyed.
"""

from __future__ import annotations

import re

from newsreader.library.index import LibraryIndex

# Letters and digits of any script; everything else separates words, as in the tokenizer.
_WORD = re.compile(r"[^\W_]+")


def search_words(text: str) -> list[str]:
    return _WORD.findall(text)


def fts_query(text: str) -> str | None:
    """The FTS5 query for what the person typed, or None when there is no word in it."""
    words = search_words(text)
    if not words:
        return None
    # A quoted string is one FTS5 term; `*` after it makes it a prefix. Quotes cannot
    # occur inside: a word is letters and digits only.
    return " AND ".join(f'"{word}"*' for word in words)


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
