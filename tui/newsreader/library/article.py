"""The Article: one news piece as the rest of the program sees it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

WORDS_PER_MINUTE = 230
# The files that are articles; the file readers tell the kinds apart.
ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")


class HiddenPart(NamedTuple):
    """Page furniture left out of a saved page's body: what it was, and its text."""

    kind: str  # "cookie banner", "share line", "comment form" … (page_chrome's table)
    text: str
    lines: int = 1


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
    # Saved pages (.txt) only: the byline's second part ("Local Democracy Reporter"), the
    # "Updated …" moment, whether `date` was worked out from "2 hours ago", picture
    # captions, the furniture left out of `body`, and the text as it was saved.
    role: str | None = None
    updated: dt.datetime | None = None
    date_approximate: bool = False
    captions: tuple[str, ...] = ()
    hidden: tuple[HiddenPart, ...] = ()
    saved_text: str | None = None
    # Counted once, when first asked: splitting a 430 KB body takes 4 ms.
    _word_count: int = field(default=-1, init=False, repr=False, compare=False)

    @property
    def word_count(self) -> int:
        if self._word_count < 0:
            object.__setattr__(self, "_word_count", len(self.body.split()))
        return self._word_count

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.word_count / WORDS_PER_MINUTE))

    @property
    def origin(self) -> str:
        """Source, else author, else empty: what the list shows beside the title."""
        return self.source or self.author or ""


class ArticleEntry(NamedTuple):
    """One article as the list shows it: metadata only, the body stays in its file.

    The list of a big library holds one of these per article, so it carries only what a
    row shows plus what finds the file again: the file is `path` (the id and `suffix`,
    relative to the library root). `size` and `mtime_ns` are the file's when it was read,
    so an edited file is told apart from the entry made of it. `rowid` is the entry's row
    in the library index (search answers with rowids), 0 when it comes from elsewhere.
    Text fields are as found in the file: make them safe before showing.

    A named tuple, not a dataclass, and no field that can be derived: 10,000 of these are
    made at every launch and kept for the session (a tuple is made four times faster).
    """

    id: str
    suffix: str  # ".md", ".txt"…: the file is `<id><suffix>`
    title: str
    day: str  # "YYYY-MM-DD" as written in the file, or "" when undated
    origin: str
    size: int = 0
    mtime_ns: int = 0
    rowid: int = 0

    @property
    def path(self) -> str:
        """The file, relative to the library root, in `/` form."""
        return self.id + self.suffix

    @classmethod
    def of(cls, article: Article, suffix: str, size: int = 0, mtime_ns: int = 0) -> ArticleEntry:
        day = article.date.strftime("%Y-%m-%d") if article.date else ""
        return cls(article.id, suffix, article.title, day, article.origin, size, mtime_ns)


# Dated keys count down from here, so that a plain ascending sort puts the newest first.
_KEY_CEILING = 10**19
_FIRST_MOMENT = dt.datetime(1, 1, 2, tzinfo=dt.UTC)


def order_key(article: Article) -> str:
    """A string that sorts like `newest_first`: one key, so SQLite can keep the order indexed.

    Dated articles: "0", the inverted moment in microseconds (fixed width), then the id.
    Undated ones: "1", the case-folded title, then the id. Two NULs separate title and id
    and a NUL in the title is written NUL + U+0001, so the separator sorts below anything
    a title can hold: a title that is a prefix of another sorts first, as tuples do.
    """
    if article.date is not None:
        moment = max(_comparable(article.date), _FIRST_MOMENT)
        micros = (moment - _FIRST_MOMENT) // dt.timedelta(microseconds=1)
        return f"0{_KEY_CEILING - micros:020d}\x00{article.id}"
    title = article.title.casefold().replace("\x00", "\x00\x01")
    return f"1{title}\x00\x00{article.id}"


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
