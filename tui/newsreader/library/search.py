"""Filtering the article list by words, as the person types.

Every word of the query must appear (case-insensitively, anywhere) in the article's title,
byline, source, tags, summary or body. The text to search is prepared once per article.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsreader.library.article import Article


def searchable_text(article: Article) -> str:
    parts = [article.title, article.author or "", article.source or "", article.summary or ""]
    parts.extend(article.tags)
    parts.append(article.body)
    return "\n".join(parts).casefold()


class WordFilter:
    """Keeps the prepared text of each article so that each keystroke only scans."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._articles = list(articles)
        self._texts = [searchable_text(article) for article in self._articles]

    def matching(self, query: str) -> list[Article]:
        words = query.casefold().split()
        if not words:
            return list(self._articles)
        return [
            article
            for article, text in zip(self._articles, self._texts, strict=True)
            if all(word in text for word in words)
        ]
