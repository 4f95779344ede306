"""The first part of a long article, converted at once so its first screen shows at once."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from examples import EXAMPLES
from newsreader.render.blocks import Block, markdown_to_blocks
from newsreader.render.budget import first_part_of


def test_a_short_body_is_its_own_first_part() -> None:
    assert first_part_of("One.\n\nTwo.\n", 1000) == "One.\n\nTwo.\n"


def test_the_cut_is_at_the_first_paragraph_break_past_the_size() -> None:
    body = "A" * 50 + "\n\n" + "B" * 50 + "\n\n" + "C" * 50
    assert first_part_of(body, 60) == "A" * 50 + "\n\n" + "B" * 50


def test_the_cut_is_never_inside_a_fenced_code_block() -> None:
    code = "```\nline one\n\nline two after a blank line\n```"
    body = "Intro.\n\n" + code + "\n\nAfter the code.\n\nMore."
    part = first_part_of(body, len("Intro.\n\n```\nline one"))
    assert part == "Intro.\n\n" + code


def test_one_enormous_paragraph_is_cut_at_a_line_end_anyway() -> None:
    body = ("word " * 15 + "\n") * 2000  # 160 KB, not a single blank line
    part = first_part_of(body, 1000)
    assert 1000 <= len(part) <= 4000
    assert body.startswith(part) and part.endswith("word ")


def _texts(blocks: list[Block]) -> list[str]:
    console = Console(width=60, record=True, color_system=None)
    texts = []
    for block in blocks:
        console.print(block.renderable)
        texts.append(console.export_text())
    return texts


BLOCK = st.one_of(
    st.text(alphabet="abc *_`", min_size=1, max_size=30).map(lambda t: "para " + t),
    st.integers(1, 3).map(lambda n: "\n".join(f"- item {i}" for i in range(n))),
    st.integers(1, 3).map(lambda n: "```\n" + "\n\ncode\n" * n + "```"),
    st.just("> quoted\n> more"),
    st.just("## A heading"),
)


@given(st.lists(BLOCK, min_size=1, max_size=30), st.integers(1, 300))
@settings(max_examples=EXAMPLES // 3, deadline=None)
def test_the_first_part_converts_to_the_blocks_the_whole_begins_with(
    blocks: list[str], size: int
) -> None:
    body = "\n\n".join(blocks)
    part = first_part_of(body, size)
    assert body.startswith(part)
    whole, first = _texts(markdown_to_blocks(body)), _texts(markdown_to_blocks(part))
    # Every block but the last is the same; the last may be a list cut between items.
    assert first[:-1] == whole[: len(first) - 1]
