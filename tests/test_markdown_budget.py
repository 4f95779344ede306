"""Long and intricate bodies: only the start is parsed as Markdown, and nothing is lost."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.text import Text

from markdown_lines import drawn_lines
from newsreader.render import blocks as markdown_blocks
from newsreader.render.blocks import markdown_to_blocks
from newsreader.render.budget import (
    FORMAT_BUDGET,
    PLAIN_BLOCK_CHARS,
    format_cost,
    plain_text_pieces,
    split_for_formatting,
    text_pieces,
)

WIDTH = 70

PATHOLOGICAL = {
    "brackets": "[" * 1_000_000,
    "images": "![" * 300_000,
    "emphasis": "*a " * 200_000,
    "pipes": "|" + "a|" * 100 + "\n|" + "-|" * 100 + "\n" + ("|" + "x|" * 100 + "\n") * 3_000,
    "list": "- item of a long list\n" * 40_000,
    "quote": "> quoted line\n>\n" * 40_000,
}


def lines_of(markdown: str, width: int = WIDTH) -> list[str]:
    console = Console(width=width, color_system=None, file=io.StringIO())
    return [
        "".join(segment.text for segment in line).rstrip()
        for block in markdown_to_blocks(markdown)
        for line in drawn_lines(console, block, width)
    ]


def test_an_ordinary_article_is_parsed_whole() -> None:
    article = "# Title\n\nSome *words* and a [link](https://example.org).\n\n- one\n- two\n" * 40
    assert split_for_formatting(article) == (article, "")
    assert not any("plain text" in line for line in lines_of(article))


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_only_a_bounded_head_is_parsed_and_nothing_is_dropped(name: str) -> None:
    text = PATHOLOGICAL[name]

    head, tail = split_for_formatting(text)

    assert head + tail == text
    assert format_cost(head) <= FORMAT_BUDGET
    assert tail  # every one of these is past the budget


def test_cut_falls_on_a_paragraph_boundary_when_there_is_one() -> None:
    paragraph = "[x] " * 500 + "\n\n"  # 1,000 costly characters a paragraph
    head, tail = split_for_formatting(paragraph * 100)
    assert head.endswith("\n\n")
    assert tail.startswith("[x]")
    assert head.count("\n\n") == len(head) // len(paragraph)


def test_the_rest_shows_as_plain_text_after_a_note() -> None:
    text = "Intro with **bold**.\n\n" + "[" * 200_000 + "\n\nLast \\*escaped\\* words."

    lines = lines_of(text)

    assert lines[0] == "Intro with bold."
    assert any("is shown as plain text" in line for line in lines)
    assert lines[-1] == "Last *escaped* words."  # the escape is what Markdown would show
    assert sum(line.count("[") for line in lines) == 200_000


def test_plain_pieces_are_small_keep_line_breaks_and_hide_controls() -> None:
    text = "line one\nline two \x1b[2J\n\n" + "word " * 5_000 + "\n\n" + "short\n\n" * 3

    pieces = plain_text_pieces(text)

    assert pieces[0][0].plain.startswith("line one\nline two ␛[2J")
    assert all(len(piece.plain) <= PLAIN_BLOCK_CHARS for piece, _ in pieces)
    assert [gap for _, gap in pieces].count(0) >= 5  # the long paragraph's continuations
    assert pieces[-1][0].plain == "short\n\nshort\n\nshort"  # short paragraphs joined
    assert "".join(piece.plain for piece, _ in pieces).count("word") == 5_000


def test_text_pieces_cut_after_spaces_and_keep_styles() -> None:
    text = Text("alpha " * 3_000)
    text.stylize("bold", 0, len(text))

    pieces = text_pieces(text, 1_000)

    assert "".join(piece.plain for piece in pieces) == text.plain
    assert all(len(piece.plain) <= 1_000 and piece.plain.endswith(" ") for piece in pieces)
    assert all(piece.spans and piece.spans[0].style == "bold" for piece in pieces)


@pytest.mark.parametrize(
    "markdown",
    [
        "> para\n>\n" * 130,  # a quote: the bar continues through the gap between pieces
        "- item\n" * 130,  # a tight list
        "1. item\n\n" * 130,  # a loose, numbered list
        "```\n" + "code line\n" * 1_300 + "```\n",
        "word " * 10_000,
    ],
    ids=["quote", "tight-list", "loose-list", "code", "paragraph"],
)
def test_a_block_cut_into_pieces_looks_the_same_as_whole(
    markdown: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pieces = lines_of(markdown)
    assert len(markdown_to_blocks(markdown)) > 1

    monkeypatch.setattr(markdown_blocks, "CONTAINER_PIECE_PARTS", 10**9)
    monkeypatch.setattr(markdown_blocks, "CODE_PIECE_LINES", 10**9)
    monkeypatch.setattr(markdown_blocks, "TEXT_PIECE_CHARS", 10**9)
    assert len(markdown_to_blocks(markdown)) == 1

    whole = lines_of(markdown)
    if markdown.startswith("word"):  # a paragraph's pieces each end their last line early
        assert " ".join(" ".join(pieces).split()) == " ".join(" ".join(whole).split())
    else:
        assert pieces == whole
