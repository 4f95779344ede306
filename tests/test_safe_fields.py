"""Pasting into the comment form: controls never reach the terminal, other text is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widgets import Input, TextArea

from library_samples import write_library
from newsreader.safe_text import without_controls
from newsreader.ui.screens.comment import CommentScreen
from newsreader.ui.widgets.safe_fields import visible_strip
from screen_check import raw_controls, screen_output, screen_text
from ui_helpers import make_app, settle

SIZE = (100, 34)
HOSTILE_PASTE = "Nice\x1b[2J piece\x1b]52;c;aGk=\x07 \x9b31mreally\x00 \u202eok\x1bP1$r\x1b\\"


def test_without_controls_keeps_every_other_character() -> None:
    assert without_controls(HOSTILE_PASTE, one_line_field=False) == (
        "Nice[2J piece]52;c;aGk= 31mreally \u202eokP1$r\\",
        7,
    )
    assert without_controls("a\r\nb\rc\td", one_line_field=False) == ("a\nb\nc\td", 0)
    assert without_controls("Bob\u202eevil", one_line_field=True) == ("Bobevil", 1)


def test_visible_strip_keeps_the_width() -> None:
    strip = Strip([Segment("ab\x1b[2Jc"), Segment("\x9bd   ")])
    shown = visible_strip(strip)
    assert shown.text == "ab␛[2Jc�d " + "  "[: strip.cell_length - 10]
    assert shown.cell_length == strip.cell_length
    assert raw_controls(shown.text) == []


@pytest.mark.parametrize("field", ["#name", "#body"])
async def test_pasted_controls_are_dropped_with_a_notice(
    tmp_path: Path, data_dir: Path, field: str
) -> None:
    app = make_app(write_library(tmp_path / "articles"), data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CommentScreen)
        app.screen.query_one(field).focus()
        await pilot.pause()
        app.post_message(events.Paste(HOSTILE_PASTE + "\nsecond line"))  # as the driver does
        await pilot.pause()
        await pilot.pause()
        if field == "#name":
            value = app.screen.query_one(field, Input).value
            assert value == "Nice[2J piece]52;c;aGk= 31mreally okP1$r\\"
        else:
            value = app.screen.query_one(field, TextArea).text
            assert value == "Nice[2J piece]52;c;aGk= 31mreally \u202eokP1$r\\\nsecond line"
        notices = [notification.message for notification in app._notifications]
        assert any("Removed" in notice and "control character" in notice for notice in notices)
        assert raw_controls(screen_output(app)) == []


async def test_text_set_by_code_is_drawn_without_raw_controls(
    tmp_path: Path, data_dir: Path
) -> None:
    app = make_app(write_library(tmp_path / "articles"), data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        # A draft restored from disk, say: it never went through a paste.
        app.screen.query_one("#name", Input).value = "Ana\x1b]0;owned\x07"
        app.screen.query_one("#body", TextArea).text = "Body \x1b[2J\x9b1m text"
        await pilot.pause()
        output = screen_output(app)
        assert raw_controls(output) == []
        text = screen_text(app)
        assert "Ana␛]0;owned" in text  # (Rich itself drops the BEL)
        assert "Body ␛[2J�1m text" in text
