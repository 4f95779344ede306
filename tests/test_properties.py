"""Property-based tests: any file, any field, any body — no exception escapes and no control
character reaches the terminal.

Examples per test: NEWSREADER_HYPOTHESIS_EXAMPLES (300 here, 1,000 in CI, more on request).
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console, RenderableType

from examples import EXAMPLES, unsafe_in
from newsreader.library.article import Article
from newsreader.library.formats import ArticleFileError, load_article
from newsreader.library.formats.dates import parse_date_text
from newsreader.render.blocks import markdown_to_blocks
from newsreader.render.budget import format_cost, plain_text_pieces, split_for_formatting
from newsreader.render.header import header_renderables
from newsreader.safe_text import one_line

PROPERTY = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
_OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;]*m")

# Pieces hostile files are made of: escapes of every kind, markup, Markdown syntax, YAML.
_NASTY = st.sampled_from(
    ["\x1b[2J", "\x1b]0;t\x07", "\x1b]8;;http://e\x1b\\", "\x1b]52;c;aGk=\x07", "\x1bP1$r\x1b\\",
     "\x1b", "\x9b31m", "\x9d", "\x00", "\x7f", "\r", "\u202e", "\u2028", "\ud800", "\t",
     "[@click=app.quit]", "[bold]", "[/]", "[link=x]", "**", "_", "`", "[", "](", "![", "<b>",
     "&#27;", "&#x9b;", "\\", "> ", "- ", "1. ", "|", "-|", "```", "#", "\n", "\n\n",
     "---\n", "title: ", "date: ", "&a ", "*a", "!!python/object:x ", "café", "日本"]
)  # fmt: skip
_HOSTILE_TEXT = st.lists(
    st.one_of(_NASTY, st.text(alphabet=st.characters(exclude_categories=()), max_size=12)),
    max_size=40,
).map("".join)


def terminal_output(*renderables: RenderableType, width: int = 60) -> str:
    """What Rich writes to a colour terminal for `renderables`, its own colour codes taken out."""
    console = Console(
        width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor"
    )
    for renderable in renderables:
        console.print(renderable)
    return _OWN_SEQUENCES.sub("", console.file.getvalue())  # type: ignore[attr-defined]


def assert_nothing_raw_on_screen(article: Article, width: int = 60) -> None:
    # The list draws each row's title and origin through one_line (ArticleList._row_segments).
    assert unsafe_in(one_line(article.title)) == [] and unsafe_in(one_line(article.origin)) == []
    body = [block.renderable for block in markdown_to_blocks(article.body)]
    output = terminal_output(*header_renderables(article), *body, width=width)
    assert unsafe_in(output.replace("\n", "")) == [], repr(output[:300])
    output.encode("utf-8")  # a lone surrogate would crash the write to the terminal


# --- whole files -----------------------------------------------------------------------------

_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "cp1252"])


@st.composite
def article_files(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["bytes", "text", "front-matter"]))
    if kind == "bytes":
        return draw(st.binary(max_size=400))
    text = draw(_HOSTILE_TEXT)
    if kind == "front-matter":
        fields = draw(st.lists(st.tuples(_NASTY, _HOSTILE_TEXT), max_size=4))
        text = "---\n" + "".join(f"{key}{value}\n" for key, value in fields) + "---\n" + text
    encoding = draw(_ENCODINGS)
    data = text.encode(
        encoding.replace("-sig", ""), "replace" if encoding == "cp1252" else "surrogatepass"
    )
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    if encoding == "utf-8-sig":
        data = codecs.BOM_UTF8 + data
    return data


@PROPERTY
@given(data=article_files(), suffix=st.sampled_from([".md", ".txt", ".markdown"]))
def test_any_file_becomes_a_safe_article_or_a_stated_problem(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / f"any-file{suffix}"
        path.write_bytes(data)
        try:
            article = load_article(path, root)
        except ArticleFileError as error:
            assert error.reason  # said in words, shown by check and the ! screen
            return
    assert article.title.strip()
    assert all(problem for problem in article.problems)
    assert_nothing_raw_on_screen(article)


# --- every field the screen shows ------------------------------------------------------------

_MAYBE = st.one_of(st.none(), _HOSTILE_TEXT)
_DATES = st.one_of(
    st.none(),
    st.datetimes(
        min_value=dt.datetime(1, 1, 2),
        max_value=dt.datetime(9999, 12, 30),
        timezones=st.timezones(),
    ),
)


@PROPERTY
@given(
    title=_HOSTILE_TEXT,
    author=_MAYBE,
    source=_MAYBE,
    url=_MAYBE,
    summary=_MAYBE,
    body=_HOSTILE_TEXT,
    problems=st.lists(_HOSTILE_TEXT, max_size=3),
    date=_DATES,
    width=st.integers(min_value=12, max_value=120),
)
def test_every_field_reaches_the_screen_without_controls(
    title: str,
    author: str | None,
    source: str | None,
    url: str | None,
    summary: str | None,
    body: str,
    problems: list[str],
    date: dt.datetime | None,
    width: int,
) -> None:
    article = Article(
        id="x",
        path=Path("x.md"),
        title=title,
        author=author,
        source=source,
        url=url,
        summary=summary,
        body=body,
        date=date,
        problems=tuple(problems),
    )
    assert_nothing_raw_on_screen(article, width)


# --- the pieces ------------------------------------------------------------------------------


@PROPERTY
@given(st.one_of(_HOSTILE_TEXT, st.text(max_size=200)))
def test_any_text_is_a_date_or_none(text: str) -> None:
    moment = parse_date_text(text)
    assert moment is None or isinstance(moment, dt.datetime)


@PROPERTY
@given(text=_HOSTILE_TEXT, budget=st.integers(min_value=0, max_value=400))
def test_the_formatting_budget_splits_without_losing_anything(text: str, budget: int) -> None:
    head, tail = split_for_formatting(text, budget=budget, max_chars=budget * 4)
    assert head + tail == text
    if tail:
        assert format_cost(head) <= budget
    pieces = plain_text_pieces(tail)
    shown = "".join(piece.plain for piece, _ in pieces)
    assert unsafe_in(shown.replace("\n", "")) == []
    assert all(gap in (0, 1) for _, gap in pieces)
