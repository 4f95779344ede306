"""The reading pane's Markdown: what a reader sees, and that hostile articles stay harmless."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.rule import Rule
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from examples import EXAMPLES
from markdown_lines import drawn_lines, plain_console
from newsreader.render.blocks import (
    MAX_RENDER_DEPTH,
    QUOTE_BAR,
    TOO_DEEP_NOTE,
    Block,
    markdown_to_blocks,
)
from newsreader.render.table import MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS

WIDTH = 60
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _console(width: int = WIDTH) -> Console:
    return plain_console(width)


def render(markdown: str, width: int = WIDTH) -> list[list[Segment]]:
    console = _console(width)
    return [
        line
        for block in markdown_to_blocks(markdown)
        for line in drawn_lines(console, block, width)
    ]


def plain(markdown: str, width: int = WIDTH) -> list[str]:
    return ["".join(segment.text for segment in line).rstrip() for line in render(markdown, width)]


def segments_with(markdown: str, text: str) -> list[Segment]:
    found = [s for line in render(markdown) for s in line if text in s.text]
    assert found, f"{text!r} not rendered"
    return found


def test_blocks_are_flat_one_per_top_level_block_with_gaps_between() -> None:
    markdown = "# Title\n\npara\n\n- a\n- b\n\n> q\n\n```\nc\n```\n\n---\n\n|h|\n|-|\n|v|\n"
    blocks = markdown_to_blocks(markdown)
    assert len(blocks) == 7  # heading, paragraph, list, quote, code, rule, table
    assert (type(blocks[5].renderable), type(blocks[6].renderable)) == (Rule, Table)
    assert [block.gap_before for block in blocks] == [0, 1, 1, 1, 1, 1, 1]
    assert plain(markdown)[:3] == ["Title", "", "para"]


def test_empty_document_has_no_blocks() -> None:
    assert markdown_to_blocks("") == []
    assert markdown_to_blocks("  \n\n \n") == []


def test_every_line_is_exactly_the_requested_width() -> None:
    console = _console()
    for block in markdown_to_blocks("# T\n\nsome words\n\n> quoted\n\n    code\n\n- item"):
        for width in (1, 7, 33):
            for line in drawn_lines(console, block, width):
                assert sum(cell_len(segment.text) for segment in line) == width


def test_headings_are_bold_and_distinct_per_level() -> None:
    markdown = "# Alpha\n\n## Beta\n\n### Gamma\n\n#### Delta"
    assert plain(markdown)[::2] == ["Alpha", "Beta", "Gamma", "Delta"]
    alpha, beta, gamma, delta = (
        segments_with(markdown, word)[0].style for word in ("Alpha", "Beta", "Gamma", "Delta")
    )
    assert alpha and beta and gamma and delta
    assert all(style.bold for style in (alpha, beta, gamma, delta))
    assert alpha.underline and not beta.underline
    assert gamma.italic and not beta.italic


def test_emphasis_strong_strike_and_code_style_only_their_own_spans() -> None:
    markdown = "plain *leaning* mid **heavy** and ~~gone~~ or `raw`"
    leaning = segments_with(markdown, "leaning")[0].style
    heavy = segments_with(markdown, "heavy")[0].style
    gone = segments_with(markdown, "gone")[0].style
    raw = segments_with(markdown, "raw")[0].style
    assert leaning and leaning.italic and not leaning.bold
    assert heavy and heavy.bold and not heavy.italic
    assert gone and gone.strike
    assert raw and raw.reverse
    for word in ("plain", " mid "):
        style = segments_with(markdown, word)[0].style
        assert not (style and (style.bold or style.italic))


def test_links_show_text_then_target_and_never_a_terminal_hyperlink() -> None:
    markdown = "See [the report](https://example.org/r) and <https://auto.example/x>."
    assert plain(markdown, width=100) == [
        "See the report (https://example.org/r) and https://auto.example/x."
    ]
    text_style = segments_with(markdown, "the report")[0].style
    target_style = segments_with(markdown, "(https://example.org/r)")[0].style
    assert text_style and text_style.underline
    assert target_style and target_style.dim
    for line in render(markdown):
        for segment in line:
            assert not (segment.style and segment.style.link)
            assert "\x1b]8" not in segment.text


def test_images_show_alt_text_and_source() -> None:
    assert plain("![a *map* of it](https://img.example/m.png)") == [
        "[image: a map of it] (https://img.example/m.png)"
    ]


def test_soft_breaks_join_and_hard_breaks_keep_the_line() -> None:
    assert plain("one\ntwo  \nthree\\\nfour") == ["one two", "three", "four"]


def test_bullet_list_with_hanging_indent_and_nested_levels() -> None:
    long_item = "a long item that has to wrap onto a second line at width forty"
    lines = plain(f"- first\n- {long_item}\n  - inner\n    - innermost\n- last", width=40)
    assert lines[0] == "• first"
    assert lines[1].startswith("• a long item")
    assert lines[2].startswith("  ") and not lines[2].startswith("   ")  # hanging indent
    assert lines[3] == "  ◦ inner"
    assert lines[4] == "    ▪ innermost"
    assert lines[5] == "• last"


def test_ordered_list_respects_start_number_and_aligns_numbers() -> None:
    assert plain("7. seven\n8. eight\n9. nine\n10. ten") == [
        " 7. seven",
        " 8. eight",
        " 9. nine",
        "10. ten",
    ]
    assert plain("1) a\n2) b") == ["1) a", "2) b"]


def test_loose_list_items_are_separated_by_a_blank_line() -> None:
    assert plain("- a\n\n- b") == ["• a", "", "• b"]


def test_quote_bar_is_on_every_wrapped_line_and_nests() -> None:
    words = " ".join(["word"] * 40)
    lines = plain(f"> {words}\n>\n> > inner {words}", width=30)
    assert len(lines) > 6
    assert all(line.startswith("▌") for line in lines)
    assert any(line.startswith("▌ ▌ inner") for line in lines)
    assert lines[-1].startswith("▌ ▌ ")


def test_code_block_keeps_line_breaks_and_indentation_exactly() -> None:
    code = "def f(x):\n    return  x + 1    # spaced   out\n\n\tif x:\n        pass"
    lines = plain(f"```python\n{code}\n```\n\n    indented  code\n      more")
    expected = [line.expandtabs(4) for line in code.split("\n")]
    assert lines[: len(expected)] == expected
    assert lines[len(expected) :] == ["", "indented  code", "  more"]


def test_long_code_line_is_folded_without_losing_characters() -> None:
    line = "x = call(" + ", ".join(f"arg{i}   " for i in range(20)) + ")"
    rows = ["".join(s.text for s in row) for row in render(f"```\n{line}\n```", width=30)]
    assert len(rows) > 1
    assert "".join(rows).rstrip() == line


def test_markup_in_the_document_is_shown_literally() -> None:
    markdown = (
        "# [bold]head[/bold]\n\n"
        "Text [bold]x[/bold] and [@click=app.quit] and [red on white]r[/]\n\n"
        "```\n[@click=app.quit]\n```\n\n"
        "| [b]cell[/b] |\n|-|\n| [@click=app.bell] |\n"
    )
    shown = "\n".join(plain(markdown, width=100))
    for literal in (
        "[bold]head[/bold]",
        "[bold]x[/bold]",
        "[@click=app.quit]",
        "[red on white]r[/]",
        "[b]cell[/b]",
        "[@click=app.bell]",
    ):
        assert literal in shown
    for line in render(markdown):
        for segment in line:
            assert not (segment.style and segment.style.meta)


def test_escape_sequences_show_as_pictures_in_text_and_code() -> None:
    osc52 = "\x1b]52;c;aGVsbG8=\x07"
    markdown = f"para {osc52} and \x1b[2J end\n\n```\ncode {osc52}\n```\n\n# head \x9b31m"
    lines = render(markdown)
    for line in lines:
        for segment in line:
            assert not _CONTROL.search(segment.text)
    shown = "\n".join(plain(markdown))
    assert "para ␛]52;c;aGVsbG8=␇" in shown
    assert "code ␛]52;c;aGVsbG8=␇" in shown
    assert "␛[2J" in shown


def test_raw_html_is_shown_as_text() -> None:
    shown = "\n".join(plain("<div>\n<script>alert(1)</script>\n</div>\n\nInline <b>bold</b>"))
    assert "<script>alert(1)</script>" in shown
    assert "Inline <b>bold</b>" in shown


def test_ten_thousand_nested_quotes_render_with_capped_bars() -> None:
    lines = plain(">" * 10_000 + " deep")
    assert lines
    assert lines[0].startswith(QUOTE_BAR * MAX_RENDER_DEPTH)
    assert not lines[0].startswith(QUOTE_BAR * (MAX_RENDER_DEPTH + 1))
    assert "…" in "".join(lines)  # the parser stopped; the reader is told


def test_ten_thousand_nested_list_items_render() -> None:
    for markdown in ("- " * 10_000 + "x", "1. " * 10_000 + "x", "> - " * 5_000 + "x"):
        lines = plain(markdown)
        assert 0 < len(lines) < 100


def test_nesting_deeper_than_the_parser_allows_says_something_was_left_out() -> None:
    indented = "\n".join("  " * level + f"- level {level}" for level in range(15))
    shown = "\n".join(plain(indented, width=120))
    assert "level 0" in shown
    assert TOO_DEEP_NOTE in shown


def test_huge_table_is_capped_and_says_how_many_rows_are_hidden() -> None:
    rows = "".join(f"| {i} | row {i} |\n" for i in range(5_000))
    lines = plain("| n | name |\n|--:|------|\n" + rows, width=120)
    drawn = [line for line in lines if re.search(r"│ +\d+ │ row \d+ +│", line)]
    assert len(drawn) == MAX_TABLE_ROWS
    assert "row 0 " in drawn[0] and f"row {MAX_TABLE_ROWS - 1} " in drawn[-1]
    [hidden] = [int(m[1]) for line in lines if (m := re.search(r"… (\d+) more rows", line))]
    # Past the formatting budget the rows come as plain text, after a note that says so.
    as_text = [line for line in lines if re.fullmatch(r"\| \d+ \| row \d+ \| *", line)]
    assert any("shown as plain text" in line for line in lines)
    assert as_text[-1].startswith("| 4999 | row 4999 |")
    assert len(drawn) + hidden + len(as_text) == 5_000


def test_a_wide_table_shows_fewer_rows_so_it_still_draws_quickly() -> None:
    header = "|" + "".join(f" c{i} |" for i in range(100)) + "\n|" + "-|" * 100 + "\n"
    rows = "".join("|" + "".join(f" {r} |" for _ in range(100)) + "\n" for r in range(150))
    [block] = markdown_to_blocks(header + rows)
    table = block.renderable
    assert isinstance(table, Table)
    assert len(table.columns) == MAX_TABLE_COLUMNS
    assert table.row_count == MAX_TABLE_CELLS // MAX_TABLE_COLUMNS
    assert table.caption == f"… 70 more columns · … {150 - table.row_count} more rows"


def test_a_table_cell_is_right_aligned_when_the_document_says_so() -> None:
    lines = plain("| name | n |\n|------|--:|\n| a | 1000 |\n| b | 1 |\n")
    assert "│ b    │    1 │" in lines
    assert "│ name │    n │" in lines


def test_a_one_megabyte_line_renders_in_pieces_that_keep_every_character() -> None:
    blocks = markdown_to_blocks("x" * 1_000_000)
    assert all(isinstance(block.renderable, Text) for block in blocks)
    assert len(blocks) > 100  # drawn a piece at a time, not 10,000 lines in one go
    assert [block.gap_before for block in blocks[:3]] == [0, 0, 0]
    console = _console()
    shown = "".join(
        segment.text
        for block in blocks
        for line in drawn_lines(console, block, 100)
        for segment in line
    )
    assert shown.count("x") == 1_000_000


def test_blocks_can_key_a_cache() -> None:
    block = markdown_to_blocks("para")[0]
    assert isinstance(block, Block)
    assert {block: 1}[block] == 1


_MARKDOWN_PIECES = st.sampled_from(
    ["> ", "- ", "* ", "1. ", "3) ", "#", "# ", "```", "~~~", "    ", "\t", "\n", "\n\n", "|", "-|",
     "---", "*", "**", "_", "~~", "`", "[", "](", ")", "![", "<", ">", "<b>", "&#27;", "&amp;",
     "\\", "\x1b", "\x1b]52;c;aGk=\x07", "\x9b", "\r", "\x00", "\x7f", "\u202e", "日本", "é"]
)  # fmt: skip
_MARKDOWN = st.lists(st.one_of(_MARKDOWN_PIECES, st.text(max_size=20)), max_size=60).map("".join)


@settings(max_examples=EXAMPLES, deadline=None)
@given(markdown=_MARKDOWN, width=st.integers(min_value=1, max_value=90))
def test_any_text_renders_without_error_or_control_characters(markdown: str, width: int) -> None:
    console = _console(width)
    for block in markdown_to_blocks(markdown):
        for line in drawn_lines(console, block, width):
            assert sum(cell_len(segment.text) for segment in line) == width
            for segment in line:
                assert not _CONTROL.search(segment.text), repr(segment.text)
