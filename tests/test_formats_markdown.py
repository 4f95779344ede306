"""The Markdown reader: front matter fields, title fallbacks, and hostile front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples import EXAMPLES
from newsreader.library.article import Article
from newsreader.library.formats import load_article
from newsreader.library.formats.front_matter import MAX_NESTING
from newsreader.library.formats.markdown import read_markdown


def load(tmp_path: Path, text: str, name: str = "jazz-night.md") -> Article:
    path = tmp_path / "library" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_article(path, tmp_path / "library")


def read(text: str, name: str = "jazz-night.md") -> Article:
    return read_markdown(text, Path(name), Path(name).stem)


# --- every field -------------------------------------------------------------------------

FULL = """\
---
title: Jazz returns to the old tram depot
author: Ana Pires
date: 2026-11-14T09:12:00+01:00
source: Lisbon Weekly
url: https://example.org/jazz
tags: [music, Lisbon]
summary: A night of improvised music.
---
The doors opened at eight.
"""


def test_every_front_matter_field_is_read(tmp_path: Path) -> None:
    article = load(tmp_path, FULL, "culture/jazz-night.md")

    assert article.id == "culture/jazz-night"
    assert article.title == "Jazz returns to the old tram depot"
    assert article.author == "Ana Pires"
    assert article.date == dt.datetime(
        2026, 11, 14, 9, 12, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert article.source == "Lisbon Weekly"
    assert article.url == "https://example.org/jazz"
    assert article.tags == ("music", "Lisbon")
    assert article.summary == "A night of improvised music."
    assert article.body == "The doors opened at eight."
    assert article.problems == ()


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-11-14", dt.datetime(2026, 11, 14)),
        ('"2026-11-14"', dt.datetime(2026, 11, 14)),
        ("2026-11-14 09:12", dt.datetime(2026, 11, 14, 9, 12)),
        ("2026-11-14T09:12:30", dt.datetime(2026, 11, 14, 9, 12, 30)),
        ("2026-11-14T09:12:00Z", dt.datetime(2026, 11, 14, 9, 12, tzinfo=dt.UTC)),
        (
            "2026-11-14T09:12:00-03:00",
            dt.datetime(2026, 11, 14, 9, 12, tzinfo=dt.timezone(dt.timedelta(hours=-3))),
        ),
        ("!!timestamp 2026-11-14", dt.datetime(2026, 11, 14)),
        ("!!timestamp 2026-11-14 09:12:00", dt.datetime(2026, 11, 14, 9, 12)),
        ("14 November 2026", dt.datetime(2026, 11, 14)),
    ],
)
def test_dates_with_and_without_time_and_zone(written: str, expected: dt.datetime) -> None:
    article = read(f"---\ndate: {written}\n---\nBody")

    assert article.date == expected
    assert article.date.tzinfo == expected.tzinfo
    assert article.problems == ()


def test_tags_as_comma_separated_text() -> None:
    assert read("---\ntags: jazz, Lisbon ,, music\n---\n").tags == ("jazz", "Lisbon", "music")


def test_tags_keep_order_drop_duplicates_and_read_numbers_as_words() -> None:
    assert read("---\ntags: [2026, jazz, jazz, ' ']\n---\n").tags == ("2026", "jazz")


def test_numbers_stay_as_written_text() -> None:
    article = read("---\ntitle: 1984\nsource: 1.10\n---\n")

    assert (article.title, article.source) == ("1984", "1.10")


def test_keys_are_case_insensitive_and_unknown_keys_ignored() -> None:
    article = read("---\nTitle: Upper\nlayout: post\ndraft: true\n---\nBody")

    assert article.title == "Upper"
    assert article.problems == ()


def test_author_list_is_joined() -> None:
    assert read("---\nauthor: [Ana Pires, Tom Hale]\n---\n").author == "Ana Pires, Tom Hale"


def test_every_field_is_optional() -> None:
    article = read("Just a paragraph.\n", "just-a-note.md")

    assert article.title == "Just a note"
    assert (article.author, article.date, article.source, article.url) == (None, None, None, None)
    assert (article.tags, article.summary, article.problems) == ((), None, ())
    assert article.body == "Just a paragraph."


def test_empty_front_matter_and_empty_values_are_fine() -> None:
    article = read("---\n---\nBody")
    assert (article.title, article.body, article.problems) == ("Jazz night", "Body", ())

    article = read("---\ntitle:\ntags:\ndate:\n---\nBody")
    assert (article.title, article.tags, article.date, article.problems) == (
        "Jazz night",
        (),
        None,
        (),
    )


def test_front_matter_with_windows_line_endings_and_dots_closer() -> None:
    article = read("---\r\ntitle: Windows\r\n...\r\nBody line\r\n")

    assert (article.title, article.body) == ("Windows", "Body line")


def test_utf8_bom_before_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf---\ntitle: With BOM\n---\nBody")

    article = load_article(path, tmp_path)

    assert (article.title, article.problems) == ("With BOM", ())


def test_decoding_problems_are_kept() -> None:
    article = read_markdown("Body", Path("x.md"), "x", ("not valid UTF-8: bytes replaced",))

    assert article.problems == ("not valid UTF-8: bytes replaced",)


# --- title fallbacks -----------------------------------------------------------------------


def test_title_from_first_line_heading_is_removed_from_body() -> None:
    article = read("\n# Jazz *returns*\n\nThe doors opened.\n")

    assert article.title == "Jazz returns"
    assert article.body == "The doors opened."


def test_level_one_heading_preferred_over_earlier_smaller_heading() -> None:
    article = read("## Culture\n\nIntro.\n\n# The real title\n\nText.")

    assert article.title == "The real title"
    assert article.body.startswith("## Culture")
    assert "# The real title" in article.body  # not the first line: left where it was


def test_first_heading_of_any_level_when_there_is_no_level_one() -> None:
    article = read("Intro paragraph.\n\n### Small heading ###\n\nText.")

    assert article.title == "Small heading"
    assert "### Small heading ###" in article.body


def test_headings_inside_code_and_hashtags_are_not_titles() -> None:
    article = read(
        "```python\n# a comment\n```\n\n#hashtag\n\n    # indented code\n", "no_title-here.md"
    )

    assert article.title == "No title here"


def test_front_matter_title_wins_and_repeated_heading_is_dropped() -> None:
    article = read("---\ntitle: Jazz night\n---\n# Jazz  Night\n\nText.")
    assert (article.title, article.body) == ("Jazz night", "Text.")

    article = read("---\ntitle: Jazz night\n---\n# Something else\n\nText.")
    assert (article.title, article.body) == ("Jazz night", "# Something else\n\nText.")


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("jazz-night_review.md", "Jazz night review"),
        ("NASA-budget.md", "NASA budget"),
        ("___.md", "Untitled"),
    ],
)
def test_title_from_file_name(name: str, title: str) -> None:
    assert read("", name).title == title


# --- hostile or broken front matter ---------------------------------------------------------


def test_invalid_yaml_is_reported_and_body_still_shown() -> None:
    article = read("---\ntitle: [unclosed\nauthor: x\n---\nThe body survives.")

    assert article.title == "Jazz night"
    assert article.author is None
    assert article.body == "The body survives."
    assert len(article.problems) == 1
    assert "not valid YAML" in article.problems[0]
    assert "line " in article.problems[0]


@pytest.mark.parametrize("yaml_text", ["- a\n- b", "just text", "yes"])
def test_front_matter_that_is_not_a_mapping(yaml_text: str) -> None:
    article = read(f"---\n{yaml_text}\n---\nBody")

    assert article.body == "Body"
    assert len(article.problems) == 1
    assert "not a set of fields" in article.problems[0]


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("title: [1, 2]", "title"),
        ("author: {name: Ana}", "author"),
        ("source: yes", "source"),
        ("url: [a]", "url"),
        ("summary: {a: b}", "summary"),
        ("date: yes", "date"),
        ("date: soon", "date"),
        ("date: 2026-02-30", "date"),
        ("date: [2026-11-14]", "date"),
        ("tags: {a: b}", "tags"),
        ("tags: [[nested]]", "tags"),
        ("author: [Ana, [Tom]]", "author"),
    ],
)
def test_wrong_type_drops_only_that_field_and_names_it(line: str, field: str) -> None:
    article = read(f"---\n{line}\n---\nBody")
    as_if_missing = {"title": "Jazz night", "tags": ()}.get(field)

    assert len(article.problems) == 1
    assert f"'{field}'" in article.problems[0]
    assert getattr(article, field) == as_if_missing
    assert article.body == "Body"


def test_wrong_type_keeps_the_other_fields() -> None:
    article = read("---\ntitle: [1, 2]\nauthor: Ana Pires\ndate: yes\ntags: jazz\n---\n# Heading\n")

    assert article.title == "Heading"  # the bad title falls back like a missing one
    assert article.author == "Ana Pires"
    assert article.tags == ("jazz",)
    assert [problem.split("'")[1] for problem in article.problems] == ["title", "date"]


BILLION_LAUGHS = """\
---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
tags: *i
title: *i
---
Body
"""


def test_alias_bomb_is_refused() -> None:
    article = read(BILLION_LAUGHS)

    assert article.tags == ()
    assert article.title == "Jazz night"
    assert article.body == "Body"
    assert len(article.problems) == 1
    assert "aliases" in article.problems[0]


def test_a_single_alias_is_refused_too() -> None:
    article = read("---\nauthor: &who Ana\nsource: *who\n---\n")

    assert (article.author, article.source) == (None, None)
    assert "aliases" in article.problems[0]


def test_python_object_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    article = read(f'---\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n---\nBody')

    assert not marker.exists()
    assert article.title == "Jazz night"
    assert article.body == "Body"
    assert "tag that is not allowed" in article.problems[0]


def test_custom_tags_are_refused() -> None:
    article = read("---\ntitle: !shout hello\n---\n")

    assert "tag that is not allowed" in article.problems[0]


def test_deep_nesting_is_refused() -> None:
    article = read("---\ntitle: " + "[" * 40 + "x" + "]" * 40 + "\n---\nBody")

    assert article.body == "Body"
    assert f"{MAX_NESTING} levels" in article.problems[0]


def test_extreme_nesting_neither_crashes_nor_recurses() -> None:
    article = read("---\ntitle: " + "[" * 60_000 + "\n---\nBody")

    assert article.body == "Body"
    assert len(article.problems) == 1


def test_nesting_within_the_limit_is_only_a_wrong_type() -> None:
    article = read("---\ntitle: " + "[" * 5 + "x" + "]" * 5 + "\n---\n")

    assert "'title'" in article.problems[0]


def test_huge_front_matter_is_not_parsed() -> None:
    article = read("---\n" + "x: 1\n" * 20_000 + "title: Late\n---\nBody")

    assert article.title == "Jazz night"
    assert article.body == "Body"
    assert "64 KB" in article.problems[0]


def test_huge_integer_does_not_crash() -> None:
    article = read("---\ntitle: !!int " + "9" * 10_000 + "\nauthor: Ana\n---\nBody")

    assert article.body == "Body"
    assert len(article.problems) == 1


def test_unhashable_key_is_a_problem() -> None:
    article = read("---\n? [a, b]\n: c\n---\nBody")

    assert article.body == "Body"
    assert len(article.problems) == 1


def test_front_matter_that_never_ends_is_shown_as_text() -> None:
    article = read("---\ntitle: Open\n\nBody")

    assert article.body == "---\ntitle: Open\n\nBody"
    assert "never ends" in article.problems[0]


def test_horizontal_rule_later_in_body_is_not_front_matter() -> None:
    article = read("Intro\n---\ntitle: no\n---\n")

    assert article.title == "Jazz night"
    assert article.problems == ()


# --- properties ---------------------------------------------------------------------------

_yaml_ish = st.text(alphabet=st.sampled_from(list("abt:-[]{}&*!|>'\"#, \n\t?%@`")), max_size=80)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.builds(lambda meta, body: f"---\n{meta}\n---\n{body}", _yaml_ish, st.text()),
        st.builds(lambda meta, body: f"---\ntitle: {meta}\n---\n{body}", st.text(), st.text()),
    )
)
def test_any_text_gives_an_article_with_a_title(text: str) -> None:
    article = read_markdown(text, Path("some-story.md"), "some-story")

    assert article.title.strip()
    assert all(isinstance(problem, str) and problem for problem in article.problems)
    assert isinstance(article.body, str)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
@settings(max_examples=300, deadline=None)
def test_a_heading_without_inline_marks_reads_as_the_parser_would(text: str) -> None:
    """The shortcut for plain headings gives what markdown-it gives for the same text."""
    from markdown_it import MarkdownIt

    from newsreader.library.formats.markdown import _plain

    tokens = MarkdownIt("commonmark").parseInline(text)
    children = (tokens[0].children or []) if tokens else []
    words = [
        child.content if child.type in ("text", "code_inline") else " "
        for child in children
        if child.type in ("text", "code_inline", "softbreak", "hardbreak")
    ]
    assert _plain(text) == " ".join("".join(words).split())
