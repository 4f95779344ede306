"""Fetched articles' front matter, written without PyYAML's emitter, reads back exactly."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.feeds.entry_files import ArticleFile, yaml_quoted
from newsreader.library.formats.front_matter import split_front_matter

# Every code point, lone surrogates and YAML's own line breaks and non-printables included.
ANY_TEXT = st.text(st.characters(codec=None, categories=None), max_size=40)
AWKWARD = [
    "",
    "1984",
    "yes",
    "null",
    "~",
    "- a list?",
    "key: value # not a comment",
    '"quoted" and \\ backslash',
    "tab\tnew\nline\rcarriage",
    "\x00\x07\x1b[31mred\x1b[0m",
    "del\x7f c1\x85\x9b nel",
    "line\u2028para\u2029",
    "\ufeffbom \ufffe \uffff",
    "emoji 👩‍👩‍👧 é",
    "@at `tick` *star &amp !tag %pct",
    "---",
    "...",
]


def without_surrogates(text: str) -> str:
    return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)


def read_back(article: ArticleFile) -> dict[str, object]:
    text = article.text().encode("utf-8").decode("utf-8")  # as the file would be
    found = split_front_matter(text)
    assert found.problems == ()
    return found.fields


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT, ANY_TEXT, st.lists(ANY_TEXT.filter(bool), max_size=3))
def test_any_title_author_and_tags_read_back_as_written(
    title: str, author: str, tags: list[str]
) -> None:
    fields = read_back(ArticleFile(title=title, body="Body.", author=author, tags=tuple(tags)))
    assert fields["title"] == without_surrogates(title)
    assert fields.get("author") == (without_surrogates(author) if author else None)
    assert fields.get("tags") == ([without_surrogates(tag) for tag in tags] or None)


def test_awkward_values_stay_text() -> None:
    for value in AWKWARD:
        fields = read_back(
            ArticleFile(title=value, body="x", source=value or None, summary=value or None)
        )
        assert fields["title"] == value, repr(value)
        if value:
            assert fields["source"] == value and fields["summary"] == value, repr(value)


def test_every_field_and_the_body() -> None:
    moment = dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)
    article = ArticleFile(
        title="Tide clocks return",
        body="\n\nThe *body*.\n\n",
        author="Mira Okafor",
        date=moment,
        source="Harbour Desk",
        url="https://example.org/a?b=1&c=2#d",
        summary="Short.",
        tags=("harbour", "ferries"),
        entry_id="urn:feed:1",
    )
    found = split_front_matter(article.text())
    assert found.fields == {
        "title": "Tide clocks return",
        "author": "Mira Okafor",
        "date": moment.isoformat(),
        "source": "Harbour Desk",
        "url": "https://example.org/a?b=1&c=2#d",
        "summary": "Short.",
        "tags": ["harbour", "ferries"],
        "id": "urn:feed:1",
    }
    assert found.body.strip() == "The *body*."


def test_quoting_escapes_what_yaml_would_read_as_a_line_break() -> None:
    assert yaml_quoted("a\u2028b\x85c") == '"a\\u2028b\\u0085c"'
