"""Form fields that never put a control character on the terminal.

Textual's Input and TextArea draw their text as it is: an ESC pasted from a terminal, or
an OSC 52 sequence in a copied snippet, would be written to the terminal as a command.
These fields drop such characters from a paste (and say so), and as a second line of
defence draw any that arrive another way (text set by code) as visible stand-ins.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widgets import Input, TextArea

from newsreader.control_chars import BIDI, C0, C1, DEL, SEPARATORS, SURROGATES, character_class
from newsreader.safe_text import without_controls
from newsreader.wording import count_of

# One cell each, so a line keeps its width: C0 → ␀…␟, DEL → ␡, anything else → �.
_UNSAFE_ON_SCREEN = character_class(C0, DEL, C1, BIDI, SEPARATORS, SURROGATES)


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def visible_strip(strip: Strip) -> Strip:
    """`strip` with every control character drawn as a stand-in, cut to its old width."""
    if not any(_UNSAFE_ON_SCREEN.search(segment.text) for segment in strip):
        return strip
    segments = [
        Segment(_UNSAFE_ON_SCREEN.sub(_stand_in, text), style, control)
        for text, style, control in strip
    ]
    return Strip(segments).crop(0, strip.cell_length)


def _removed_notice(removed: int) -> str:
    return (
        f"Removed {count_of(removed, 'control character')} from the pasted text; the rest is kept."
    )


class SafeInput(Input):
    """An Input that drops control characters from pastes and never draws one."""

    def _on_paste(self, event: events.Paste) -> None:
        cleaned, removed = without_controls(event.text, one_line_field=True)
        event.prevent_default()  # Input's own handler would insert the raw text
        if removed:
            self.notify(_removed_notice(removed), severity="warning", markup=False)
        super()._on_paste(events.Paste(cleaned))
        event.stop()

    def render_line(self, y: int) -> Strip:
        return visible_strip(super().render_line(y))


class SafeTextArea(TextArea):
    """A TextArea that drops control characters from pastes and never draws one."""

    async def _on_paste(self, event: events.Paste) -> None:
        cleaned, removed = without_controls(event.text, one_line_field=False)
        event.prevent_default()  # TextArea's own handler would insert the raw text
        if removed:
            self.notify(_removed_notice(removed), severity="warning", markup=False)
        await super()._on_paste(events.Paste(cleaned))
        event.stop()

    def render_line(self, y: int) -> Strip:
        return visible_strip(super().render_line(y))
