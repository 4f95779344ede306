"""The Article: one news piece as the rest of the program sees it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

WORDS_PER_MINUTE = 230


@dataclass(frozen=True, slots=True)
class Article:
    """One article, parsed from one file.

    `id` is the file's path inside the library without its suffix, with `/` separators; it
    stays the same across launches, so read marks and queued comments can refer to it.
    `body` is Markdown. `problems` lists what was wrong with the file but could be worked
    around (bad front matter, undecodable bytes); an article with problems is still shown.
    Text fields are exactly as found in the file: make them safe before they reach a screen.
    """

    id: str
    path: Path
    title: str
    body: str = ""
    author: str | None = None
    date: dt.datetime | None = None
    source: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None
    credit: str | None = None
    problems: tuple[str, ...] = field(default=())

    @property
    def word_count(self) -> int:
        return len(self.body.split())

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.word_count / WORDS_PER_MINUTE))

    @property
    def byline(self) -> str | None:
        """Who wrote it, as a reader would say it."""
        return self.author

    @property
    def origin(self) -> str:
        """Source, else author, else empty: what the list shows beside the title."""
        return self.source or self.author or ""


def newest_first(articles: list[Article]) -> list[Article]:
    """Dated articles newest first, then undated ones by title; ties broken by id."""
    dated = [a for a in articles if a.date is not None]
    undated = [a for a in articles if a.date is None]
    dated.sort(key=lambda a: a.id)
    dated.sort(key=lambda a: _comparable(a.date), reverse=True)
    undated.sort(key=lambda a: (a.title.casefold(), a.id))
    return dated + undated


def _comparable(moment: dt.datetime | None) -> dt.datetime:
    """Naive dates count as UTC so naive and aware dates sort together."""
    assert moment is not None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment
