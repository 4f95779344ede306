"""The paste guard against the pinned Textual parser: a bracketed paste comes out as one
`Paste`, whole and in order, however the terminal splits it; everything else is parsed
exactly as Textual parses it."""

from __future__ import annotations

import time
from typing import Any

import pytest
from textual import constants, events
from textual._xterm_parser import XTermParser
from textual.drivers import linux_driver, linux_inline_driver

from newsreader.ui import paste_guard
from newsreader.ui.paste_guard import PASTE_END, PASTE_START, PasteSafeParser

Event = tuple[str, Any]


def described(found: list[object]) -> list[Event]:
    result: list[Event] = []
    for event in found:
        if isinstance(event, events.Paste):
            result.append(("paste", event.text))
        elif isinstance(event, events.Key):
            result.append(("key", event.key))
        else:
            result.append((type(event).__name__, None))
    return result


def feed_in_pieces(parser: XTermParser, *pieces: str, pause: bool = False) -> list[Event]:
    """Feed the pieces one after another; with `pause`, the escape delay passes between
    them (as when a terminal delivers a long paste in several writes)."""
    found: list[object] = []
    for piece in pieces:
        found.extend(parser.feed(piece))
        if pause:
            time.sleep(constants.ESCAPE_DELAY * 2)
            found.extend(parser.tick())
    return described(found)


COLOURED = f"x{PASTE_START}START \x1b[31mred\x1b[0m END{PASTE_END}y"


@pytest.mark.parametrize("chunk", [1, 3, 7, len(COLOURED)])
def test_a_paste_with_escape_sequences_is_one_paste_in_order(chunk: int) -> None:
    pieces = [COLOURED[i : i + chunk] for i in range(0, len(COLOURED), chunk)]
    assert feed_in_pieces(PasteSafeParser(), *pieces) == [
        ("key", "x"),
        ("paste", "START \x1b[31mred\x1b[0m END"),
        ("key", "y"),
    ]


def test_textual_alone_sends_the_escaped_part_as_keys_first() -> None:
    """What the guard is for (fails once Textual fixes it: then the guard can go)."""
    found = feed_in_pieces(XTermParser(), COLOURED)
    assert found[-2:] == [("paste", "START "), ("key", "y")]
    assert ("key", "r") in found


@pytest.mark.parametrize(
    "inside",
    ["one\x1b\x13two", "\x1b\x11", "\x1bd\x1b", "\x1b[200~nested", "\x1b[201", "\x00a\x1b[A"],
)
def test_nothing_inside_a_paste_is_a_key(inside: str) -> None:
    found = feed_in_pieces(PasteSafeParser(), PASTE_START + inside + PASTE_END + "z")
    assert found == [("paste", inside.replace("\x00", "")), ("key", "z")]


def test_a_pause_after_an_escape_inside_a_paste_is_not_the_escape_key() -> None:
    pieces = (PASTE_START + "kept \x1b", "d and more", PASTE_END)
    assert feed_in_pieces(PasteSafeParser(), *pieces, pause=True) == [
        ("paste", "kept \x1bd and more")
    ]
    assert ("key", "escape") in feed_in_pieces(XTermParser(), *pieces, pause=True)


@pytest.mark.parametrize(
    "pieces",
    [
        ("\x1b[A", "\x1bx", "a\x1b[1;5C"),
        ("\x1b",),  # the escape key alone, after the delay
        ("\x1b[", "200"),  # a paste marker cut short by the delay is keys, as in Textual
        ("\x1b[<0;10;5M", "\x1b[<0;10;5m", "\x1b[I"),
        ("q", "\x1b[5~", "\x1b\x1b"),
    ],
)
def test_outside_pastes_it_parses_as_textual_does(pieces: tuple[str, ...]) -> None:
    guarded = feed_in_pieces(PasteSafeParser(), *pieces, pause=True)
    assert guarded == feed_in_pieces(XTermParser(), *pieces, pause=True)
    assert guarded  # each of these is at least one event


def test_the_end_of_input_inside_a_paste_ends_quietly() -> None:
    parser = PasteSafeParser()
    assert described(list(parser.feed(PASTE_START + "unfinished"))) == []
    assert list(parser.feed("")) == []


def test_installed_in_both_linux_drivers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linux_driver, "XTermParser", XTermParser)
    monkeypatch.setattr(linux_inline_driver, "XTermParser", XTermParser)
    assert paste_guard.guard_bracketed_paste()
    assert linux_driver.XTermParser is PasteSafeParser
    assert linux_inline_driver.XTermParser is PasteSafeParser


def test_does_nothing_when_textual_changes_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    class OtherParser(XTermParser):
        pass

    monkeypatch.setattr(linux_driver, "XTermParser", OtherParser)
    monkeypatch.setattr(linux_inline_driver, "XTermParser", XTermParser)
    assert not paste_guard.guard_bracketed_paste()
    assert linux_driver.XTermParser is OtherParser
    assert linux_inline_driver.XTermParser is XTermParser

    # A parser that no longer reports pastes the way the wrapper expects: left alone.
    monkeypatch.setattr(linux_driver, "XTermParser", XTermParser)
    monkeypatch.setattr(paste_guard, "PASTE_END", "\x1b[299~")
    assert not paste_guard.guard_bracketed_paste()
    assert linux_driver.XTermParser is XTermParser
