"""The first-letters dispatch of the furniture anchors answers exactly as one big regex."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.library.formats.line_dispatch import LineDispatch, alternatives, expanded
from newsreader.library.formats.page_chrome import FURNITURE

PATTERNS = ["|".join(part for part in (row.anchor, row.long_anchor) if part) for row in FURNITURE]
DISPATCH = LineDispatch(PATTERNS)
PLAIN = [re.compile(pattern) for pattern in PATTERNS]
CORPUS_LINES = sorted(
    {
        line.strip().lower()
        for path in (Path(__file__).parent / "saved_pages").rglob("*.txt")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
)


def plain_answer(line: str) -> int | None:
    return next((index for index, pattern in enumerate(PLAIN) if pattern.fullmatch(line)), None)


def test_alternatives_and_expansion() -> None:
    assert alternatives(r"a|(?:b|c)d|[|]e|\|f") == ["a", "(?:b|c)d", "[|]e", r"\|f"]
    assert expanded(r"(?:main\s+|open\s+)?menu") == [r"main\s+menu", r"open\s+menu", "menu"]
    assert expanded(r"(?:a|b)+c") == [r"(?:a|b)+c"]  # a repeated group stays whole


def test_every_corpus_line_gets_the_same_answer() -> None:
    assert len(CORPUS_LINES) > 300
    differences = [line for line in CORPUS_LINES if DISPATCH.match(line) != plain_answer(line)]
    assert differences == []
    assert sum(DISPATCH.match(line) is not None for line in CORPUS_LINES) > 50


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.sampled_from(CORPUS_LINES),
        st.text(alphabet="abcdeilmnoprstuvw ©|·:-0123456789", max_size=40),
        st.sampled_from(CORPUS_LINES).map(lambda line: line[: len(line) // 2]),
    )
)
def test_any_line_gets_the_same_answer(line: str) -> None:
    assert DISPATCH.match(line) == plain_answer(line)
