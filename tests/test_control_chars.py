"""The one definition of control and invisible characters, and that its users agree."""

from __future__ import annotations

import pytest

from newsreader.comments.comment_rules import CommentDraft
from newsreader.control_chars import (
    BIDI,
    C0,
    C1,
    DEL,
    SEPARATORS,
    SURROGATES,
    character_class,
    character_name,
    has_nothing_visible,
    is_invisible,
)
from newsreader.safe_text import visible, without_controls

EVERY_CONTROL = character_class(C0, DEL, C1, BIDI, SEPARATORS, SURROGATES)


@pytest.mark.parametrize(
    ("char", "name"),
    [("\x1b", "ESC"), ("\x00", "NUL"), ("\x7f", "DEL"), ("\x9b", "U+009B")],
)
def test_characters_are_named_the_way_people_look_them_up(char: str, name: str) -> None:
    assert character_name(char) == name
    assert character_name("\u202e") == "U+202E RIGHT-TO-LEFT OVERRIDE"


@pytest.mark.parametrize(
    "char", ["\u200b", "\u200e", "\u200f", "\u3164", "\u115f", "\uffa0", "\u2800", "\u00ad", " "]
)
def test_invisible_characters(char: str) -> None:
    assert is_invisible(char)


@pytest.mark.parametrize("text", ["a", "é", "e\u0301", "日", "🙂", "\u05d0", "."])
def test_visible_text(text: str) -> None:
    assert not has_nothing_visible(text)


def test_safe_text_and_the_comment_rules_refuse_the_same_controls() -> None:
    # Every control the screen-side functions replace is one the one-line fields refuse.
    for code in range(0x110000):
        char = chr(code)
        if not EVERY_CONTROL.match(char) or char in "\n\t" or char in SEPARATORS:
            continue
        if 0xD800 <= code <= 0xDFFF:
            continue  # cannot reach a form: SQLite refuses them, tested in the queue
        assert visible(f"a{char}b") != f"a{char}b", hex(code)
        assert CommentDraft("a", "t", f"a{char}b", "", "x").problems(), hex(code)
        if char == "\r":
            continue  # a pasted line ending: becomes a newline, then refused as one
        cleaned, removed = without_controls(f"a{char}b", one_line_field=True)
        assert (cleaned, removed) == ("ab", 1), hex(code)
