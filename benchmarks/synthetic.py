"""A synthetic library for the benchmarks: many ordinary articles and one very long one.

Everything is generated from a seed, so every run and every program measures the same text.
Words are made from syllables so the vocabulary is large, as in real news, and search has
many distinct terms to index rather than the same hundred words over and over.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from dataclasses import dataclass
from pathlib import Path

_SYLLABLES = (
    "ka ro mi ten lu sa vor dil en ta ber hal mon ric pe so gra nel ut fi dor lan sem pi "
    "cal ver tos mar qui bel an rud es lo win tar ge fen hol"
)
_COMMON = (
    "the of and to in a is that for on with as was at by from it said this be council "
    "harbour market school river bridge train weather festival library"
)
SYLLABLES = tuple(_SYLLABLES.split())
COMMON = tuple(_COMMON.split())
SOURCES = ("The Kestleigh Courier", "Valley Post", "Northern Herald", "Coast Weekly")
AUTHORS = ("Mira Okafor", "Tomas Reyes", "Ines Varga", "Ola Brandt", "Sam Lind")
PARAGRAPHS_PER_ARTICLE = 12
BIG_PARAGRAPHS = 1_000
BIG_TARGET_BYTES = 430 * 1024
BIG_ID = "long-read/the-whole-coast"
BIG_TITLE = "The whole coast, one village at a time"
BIG_FIRST_WORDS = "Bench marker opening line of the long read"
NEWEST = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    """What the benchmark needs to know about one generated article."""

    relative_path: str
    title: str
    author: str
    source: str
    date: dt.datetime
    paragraphs: tuple[str, ...]


class _Words:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.vocabulary = [self._word() for _ in range(6000)]

    def _word(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(1, 3)))

    def pick(self) -> str:
        # Common words most of the time; rarer ones skewed so a few are frequent (Zipf-like).
        if self.rng.random() < 0.35:
            return self.rng.choice(COMMON)
        index = int(len(self.vocabulary) * self.rng.random() ** 2.5)
        return self.vocabulary[index]

    def sentence(self, words: int) -> str:
        text = " ".join(self.pick() for _ in range(words))
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence(self.rng.randint(8, 16)) for _ in range(sentences))


def articles(count: int, seed: int = 7) -> list[SyntheticArticle]:
    """`count` ordinary articles, newest first, one a day apart in hours."""
    words = _Words(random.Random(seed))
    made = []
    for number in range(count):
        title = f"{words.sentence(5)[:-1]} ({number:06d})"
        made.append(
            SyntheticArticle(
                relative_path=f"section-{number % 20:02d}/story-{number:06d}.md",
                title=title,
                author=words.rng.choice(AUTHORS),
                source=words.rng.choice(SOURCES),
                # An hour apart; the big article (half an hour after the second) is second.
                date=NEWEST - dt.timedelta(hours=number - 1),
                paragraphs=tuple(
                    words.paragraph(words.rng.randint(3, 6)) for _ in range(PARAGRAPHS_PER_ARTICLE)
                ),
            )
        )
    return made


def big_article_markdown(seed: int = 11) -> str:
    """About 430 KB of Markdown in 1,000 paragraphs, with headings, lists and quotes."""
    words = _Words(random.Random(seed))
    # An average sentence is about 75 bytes: enough of them to reach the target size.
    sentences = round(BIG_TARGET_BYTES / BIG_PARAGRAPHS / 75)
    parts = [f"{BIG_FIRST_WORDS}, {words.sentence(10)}"]
    for number in range(1, BIG_PARAGRAPHS):
        if number % 50 == 0:
            parts.append(f"## Part {number // 50}: {words.sentence(4)[:-1]}")
        if number % 37 == 0:
            parts.append("\n".join(f"- {words.sentence(6)}" for _ in range(4)))
        if number % 41 == 0:
            parts.append("> " + words.sentence(14))
        paragraph = words.paragraph(sentences)
        parts.append(paragraph.replace(" the ", " *the* ", 1).replace(" of ", " **of** ", 1))
    return "\n\n".join(parts) + "\n"


def front_matter(article: SyntheticArticle) -> str:
    return (
        "---\n"
        f'title: "{article.title}"\n'
        f"author: {article.author}\n"
        f"date: {article.date.isoformat()}\n"
        f"source: {article.source}\n"
        "tags: [bench]\n"
        "---\n"
    )


def write_library(root: Path, count: int) -> list[SyntheticArticle]:
    """Write `count` articles plus the big one under `root`; return the ordinary ones."""
    made = articles(count)
    for article in made:
        path = root / article.relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(front_matter(article) + "\n\n".join(article.paragraphs) + "\n")
        # Saved when published, as a feed fetcher would: file times follow article dates.
        moment = article.date.timestamp()
        os.utime(path, (moment, moment))
    big = root / f"{BIG_ID}.md"
    big.parent.mkdir(parents=True, exist_ok=True)
    big.write_text(
        "---\n"
        f"title: {BIG_TITLE}\n"
        "author: Ines Varga\n"
        f"date: {(NEWEST + dt.timedelta(minutes=30)).isoformat()}\n"
        "source: Coast Weekly\n"
        "---\n" + big_article_markdown()
    )
    return made
