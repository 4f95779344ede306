"""The Markdown reader at its edges: fields without text, headings alone or far in."""

from __future__ import annotations

from pathlib import Path

from newsreader.library.article import Article
from newsreader.library.formats.markdown import HEADING_SEARCH_CHARS, read_markdown


def read(text: str, name: str = "jazz-night.md") -> Article:
    return read_markdown(text, Path(name), Path(name).stem)


def test_front_matter_and_nothing_else_is_shown_with_a_problem() -> None:
    article = read("---\ntitle: Only the fields\ndate: 2026-11-14\n---\n\n  \n")

    assert (article.title, article.body) == ("Only the fields", "")
    assert article.problems == ("no article text after the front matter",)


def test_a_heading_alone_is_an_article_not_a_problem() -> None:
    article = read("# Just a title\n")

    assert (article.title, article.body, article.problems) == ("Just a title", "", ())


def test_a_heading_far_into_a_long_body_is_not_taken_for_the_title() -> None:
    filler = "Plain paragraph text.\n\n" * (HEADING_SEARCH_CHARS // 20)
    article = read(filler + "# Deep heading\n\nMore.\n", "long-notes.md")

    assert article.title == "Long notes"
    assert read("Intro.\n\n# Near heading\n\nMore.\n").title == "Near heading"
