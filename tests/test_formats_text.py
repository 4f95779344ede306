"""The saved-web-page reader: header lines, page chrome, headings, credit, and escaping."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from examples import EXAMPLES
from newsreader.library.article import Article
from newsreader.library.formats import load_article
from newsreader.library.formats.escape import escape_markdown
from newsreader.library.formats.text import read_text

MARKDOWN = MarkdownIt("commonmark")


def read(text: str, name: str = "saved-page.txt") -> Article:
    return read_text(text, Path(name), Path(name).stem)


def blocks(markdown: str) -> list[tuple[str, str]]:
    """(kind, plain text) per top-level block: "p", "h2" …, or the token type (a list, a rule)."""
    found: list[tuple[str, str]] = []
    tokens = MARKDOWN.parse(markdown)
    for opening, following in itertools.pairwise([*tokens, Token("end", "", 0)]):
        if opening.level != 0 or opening.nesting == -1 or opening.type == "inline":
            continue
        if opening.type == "paragraph_open":
            found.append(("p", literal_text(following)))
        elif opening.type == "heading_open":
            found.append((opening.tag, literal_text(following)))
        else:
            found.append((opening.type, opening.content))
    return found


def literal_text(inline: Token) -> str:
    """The inline token's text, asserting it holds nothing but text (and emphasis)."""
    children = inline.children or []
    kinds = {child.type for child in children}
    assert kinds <= {"text", "em_open", "em_close"}, kinds
    return "".join(child.content for child in children)


SAVED_PAGE = """\
Share on WhatsApp
Share on Facebook
Copy link

Jazz returns to the old tram depot

A night of improvised music fills the hall that once housed the city's trams.

By Ana Pires, Staff Reporter
Published 14 November 2026, 09:12

The doors opened at eight, and by nine the queue
reached the river.

Nobody expected the turnout. "It felt like a festival," said one of the organisers.

A new audience

Most of the crowd had never heard a saxophone played live.

The band played until two in the morning.

Translated by Tom Hale

SHARE ON X
Share via Email

Add your comment…
Name
Email
Comment
Submit
By submitting your comment you agree to our terms of use and privacy policy.
Comments are approved by a moderator and will not appear in real time.
"""


def test_realistic_saved_page(tmp_path: Path) -> None:
    path = tmp_path / "culture" / "jazz-depot.txt"
    path.parent.mkdir()
    path.write_text(SAVED_PAGE, encoding="utf-8")

    article = load_article(path, tmp_path)

    assert article.id == "culture/jazz-depot"
    assert article.title == "Jazz returns to the old tram depot"
    assert article.summary == (
        "A night of improvised music fills the hall that once housed the city's trams."
    )
    assert article.author == "Ana Pires"
    assert article.date == dt.datetime(2026, 11, 14, 9, 12)
    assert article.credit == "Translated by Tom Hale"
    assert article.problems == ()
    assert blocks(article.body) == [
        ("p", "The doors opened at eight, and by nine the queue reached the river."),
        (
            "p",
            'Nobody expected the turnout. "It felt like a festival," said one of the organisers.',
        ),
        ("h2", "A new audience"),
        ("p", "Most of the crowd had never heard a saxophone played live."),
        ("p", "The band played until two in the morning."),
        ("p", "Translated by Tom Hale"),
    ]
    assert article.body.endswith("*Translated by Tom Hale*")
    for chrome in ("Share", "WhatsApp", "Copy link", "comment", "Submit", "terms of use", "Email"):
        assert chrome not in article.body


def test_credit_is_the_last_paragraph_in_italics() -> None:
    article = read("Title\n\nBody text here.\n\nEdited by Rui Lopes")
    tokens = MARKDOWN.parse(article.body)
    last_inline = [token for token in tokens if token.type == "inline"][-1]

    assert [child.type for child in last_inline.children or []] == ["em_open", "text", "em_close"]
    assert article.credit == "Edited by Rui Lopes"


def test_several_closing_credits() -> None:
    article = read(
        "Title\n\nBody text.\n\nAdditional reporting by Tom Hale\n\nTranslated by Ana_Pires"
    )

    assert article.credit == "Additional reporting by Tom Hale; Translated by Ana_Pires"
    assert blocks(article.body)[-2:] == [
        ("p", "Additional reporting by Tom Hale"),
        ("p", "Translated by Ana_Pires"),
    ]


@pytest.mark.parametrize(
    "ending",
    [
        "Edited by hand, the film runs for ninety minutes.",  # a sentence, not a credit
        "Translated by Tom Hale\n\nAnd then the article went on.",  # not at the end
    ],
)
def test_credit_lookalikes_stay_body_text(ending: str) -> None:
    article = read(f"Title\n\nBody.\n\n{ending}")

    assert article.credit is None
    assert "*" not in article.body


# --- header lines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Ana Pires", "Ana Pires"),
        ("By Ana Pires and Tom Hale", "Ana Pires and Tom Hale"),
        ("By Ana Pires, Staff Reporter", "Ana Pires"),
        ("By Ana Pires, Tom Hale and Rui Lopes", "Ana Pires, Tom Hale and Rui Lopes"),
        ("by Élodie Martin", "Élodie Martin"),
    ],
)
def test_byline(line: str, author: str) -> None:
    article = read(f"Title\n\n{line}\n\nThe body.")

    assert article.author == author
    assert blocks(article.body) == [("p", "The body.")]


def test_sentence_starting_with_by_is_not_a_byline() -> None:
    sentence = "By the time the band arrived, the hall was full."
    right_after_title = read(f"Title\n\n{sentence}\n\nMore.")
    after_standfirst = read(f"Title\n\nStandfirst.\n\n{sentence}\n\nMore.")

    assert (right_after_title.author, right_after_title.summary) == (None, sentence)
    assert after_standfirst.author is None
    assert blocks(after_standfirst.body)[0] == ("p", sentence)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("14 November 2026", dt.datetime(2026, 11, 14)),
        ("Published 14 November 2026, 09:12", dt.datetime(2026, 11, 14, 9, 12)),
        ("2026-11-14", dt.datetime(2026, 11, 14)),
        ("2026-11-14T09:12:00+00:00", dt.datetime(2026, 11, 14, 9, 12, tzinfo=dt.UTC)),
        ("November 14, 2026", dt.datetime(2026, 11, 14)),
        ("Updated: Fri 14 Nov 2026 09.12 GMT", dt.datetime(2026, 11, 14, 9, 12, tzinfo=dt.UTC)),
        ("Posted on 3rd March 2026 at 9:05 pm", dt.datetime(2026, 3, 3, 21, 5)),
    ],
)
def test_date_line_after_byline(line: str, date: dt.datetime) -> None:
    article = read(f"Title\n\nBy Ana Pires\n{line}\n\nThe body.")

    assert article.date == date
    assert article.author == "Ana Pires"
    assert blocks(article.body) == [("p", "The body.")]


def test_date_without_byline_and_date_before_byline() -> None:
    article = read("Title\n14 November 2026\nBy Ana Pires\n\nBody.")

    assert (article.date, article.author, article.summary) == (
        dt.datetime(2026, 11, 14),
        "Ana Pires",
        None,
    )


@pytest.mark.parametrize("line", ["Published yesterday", "31 November 2026", "14/11/2026"])
def test_unreadable_date_stays_in_body(line: str) -> None:
    article = read(f"Title\n\nBy Ana Pires\n\n{line}\n\nBody.")

    assert article.date is None
    assert blocks(article.body)[0] == ("p", line)


def test_standfirst_only_when_short_and_standing_alone() -> None:
    wrapped = read("Title\nThe first line of a paragraph\nthat goes on.\n\nMore.")
    assert wrapped.summary is None
    assert blocks(wrapped.body)[0] == ("p", "The first line of a paragraph that goes on.")

    long_line = "word " * 60
    assert read(f"Title\n\n{long_line}\n\nMore.").summary is None

    assert read("Title\nShort standfirst\nBy Ana Pires\n\nBody.").summary == "Short standfirst"


def test_the_only_paragraph_of_a_note_is_its_body_not_a_standfirst() -> None:
    article = read("Shopping list\n\nMilk, eggs and bread.")

    assert article.summary is None
    assert blocks(article.body) == [("p", "Milk, eggs and bread.")]


# --- body: paragraphs, headings, chrome -------------------------------------------------------


def test_section_headings_only_between_paragraphs() -> None:
    article = read(
        "Title\n\nBy Ana\n\nFirst short line\n\nA paragraph.\n\nA heading\n\nAnother paragraph.\n\n"
        "Ends with colon:\n\nText.\n\nOne\n\nTwo\n\nText again.\n\nTrailing short line"
    )

    assert blocks(article.body) == [
        ("p", "First short line"),  # nothing before it: not "between paragraphs"
        ("p", "A paragraph."),
        ("h2", "A heading"),
        ("p", "Another paragraph."),
        ("p", "Ends with colon:"),
        ("p", "Text."),
        ("p", "One"),  # two short lines in a row are a list of sorts, not headings
        ("p", "Two"),
        ("p", "Text again."),
        ("p", "Trailing short line"),
    ]


def test_share_lines_anywhere_are_dropped() -> None:
    article = read(
        "Title\nBy Ana\n\nOne.\nShare\nshare on linkedin\nCopy Link\n\nTwo.\nShare on Twitter"
    )

    assert blocks(article.body) == [("p", "One."), ("p", "Two.")]


def test_a_row_of_share_targets_under_a_share_line_goes_with_it() -> None:
    article = read(
        "Title\nBy Ana\n\nShare this story\nFacebook  X  Email\n\nOne.\n\n"
        "Share\nWhatsApp, Bluesky | Reddit\n\nTwo, with Facebook and X in it.\n"
    )

    assert blocks(article.body) == [("p", "One."), ("p", "Two, with Facebook and X in it.")]
    assert [part.text for part in article.hidden if part.kind == "share line"] == [
        "Share this story\nFacebook  X  Email",
        "Share\nWhatsApp, Bluesky | Reddit",
    ]


def test_comment_link_in_the_middle_is_hidden_and_the_text_around_it_kept() -> None:
    text = (
        "Title\n\nBy Ana\n\nIntro.\n\nLeave a comment\n\n"
        "The sign at the door said it, and everybody did, on paper, for hours and hours.\n\nEnd."
    )
    article = read(text)

    assert [kind_text[1] for kind_text in blocks(article.body)] == [
        "Intro.",
        "The sign at the door said it, and everybody did, on paper, for hours and hours.",
        "End.",
    ]
    assert [(part.kind, part.text) for part in article.hidden] == [
        ("comment form", "Leave a comment")
    ]


def test_comment_count_and_form_at_the_end_are_dropped() -> None:
    article = read("Title\n\nBy Ana\n\nBody.\n\nComments (3)\nName\nEmail\nPost")

    assert blocks(article.body) == [("p", "Body.")]


# --- escaping ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        "# Not a heading",
        "## Not one either",
        "1. Not a list",
        "2026) Not a list",
        "- not a bullet",
        "+ not a bullet",
        "* not a bullet",
        "> not a quote",
        "---",
        "***",
        "=== ===",
        "Some *stars* and _underscores_ and **bold**",
        "A `code span` and ``double``",
        "A [link](https://example.org) and ![image](x.png)",
        "<b>html</b> and <https://example.org> autolink",
        "<div>an html block</div>",
        "Entities &amp; &copy; &#35;",
        "a | table | row",
        "~~strike~~ and ~tilde",
        "Back\\slash \\* escaped",
        "Ends with two spaces and backslash \\",
        "[ref]: https://example.org",
    ],
)
def test_body_text_is_never_read_as_markdown(paragraph: str) -> None:
    # First in the body, so that a short one cannot be taken for a section heading.
    article = read(f"Title\n\nBy Ana\n\n{paragraph}\n\nAfter.")

    assert blocks(article.body) == [("p", paragraph), ("p", "After.")]


def test_headings_and_credit_are_escaped_too() -> None:
    article = read(
        "Title\nBy Ana\n\nOne.\n\nThe *real* <story>\n\nTwo.\n\nTranslated by [Tom] *Hale*"
    )

    assert blocks(article.body) == [
        ("p", "One."),
        ("h2", "The *real* <story>"),
        ("p", "Two."),
        ("p", "Translated by [Tom] *Hale*"),
    ]


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
    ).filter(lambda line: line.strip())
)
def test_escaped_text_reads_back_as_itself(line: str) -> None:
    tokens = MARKDOWN.parse(escape_markdown(line.strip()))

    assert [token.type for token in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert literal_text(tokens[1]) == line.strip()


# --- robustness ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n  \n", "Share\nCopy link\n"])
def test_empty_file_takes_title_from_file_name(text: str) -> None:
    article = read(text, "lisbon_jazz-night.txt")

    assert (article.title, article.body) == ("Lisbon jazz night", "")


def test_one_line_file() -> None:
    article = read("Only a title")

    assert (article.title, article.body, article.summary) == ("Only a title", "", None)


def test_windows_and_old_mac_line_endings() -> None:
    article = read("Title\r\n\r\nBy Ana Pires\r\n\r\nLine one\r\nline two.\r\rNext.\r\n")

    assert (article.title, article.author) == ("Title", "Ana Pires")
    assert blocks(article.body) == [("p", "Line one line two."), ("p", "Next.")]


def test_very_long_first_line_is_body_not_title() -> None:
    paragraph = "word " * 200_000
    article = read(paragraph.strip(), "long-story.txt")

    assert article.title == "Long story"
    assert len(article.body) == len(paragraph.strip())


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.lists(
            st.one_of(
                st.sampled_from(
                    ["", "By Ana Pires", "14 November 2026", "Share", "Submit", "Comments"]
                ),
                st.sampled_from(
                    ["Translated by Tom", "Heading", "# x", "1. y", "*z*", "Leave a comment"]
                ),
                st.text(max_size=40),
            ),
            max_size=30,
        ).map("\n".join),
    )
)
def test_any_text_gives_an_article_whose_body_is_only_plain_blocks(text: str) -> None:
    article = read_text(text, Path("a-page.txt"), "a-page")

    assert article.title.strip()
    allowed = {"paragraph_open", "paragraph_close", "heading_open", "heading_close", "inline"}
    allowed |= {"bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close"}
    allowed |= {"blockquote_open", "blockquote_close"}
    tokens = MARKDOWN.parse(article.body)
    assert {token.type for token in tokens} <= allowed
    for token in tokens:
        if token.type == "inline":
            literal_text(token)
