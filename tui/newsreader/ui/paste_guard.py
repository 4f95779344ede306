"""A bracketed paste is text: nothing inside it may act as a key.

Textual 8.2.8's terminal parser keeps reading escape sequences while a bracketed paste is
open. The characters it reads after an ESC inside the paste are not added to the paste:
they are sent at once as key presses, ahead of the paste itself. Pasting coloured terminal
output (`START ␛[31mred␛[0m END`) therefore stored `^[31mred^[0m ENDSTART`, and a pasted
`ESC ctrl+s` submitted the comment form, `ESC ctrl+q` quit the reader.

`PasteSafeParser` wraps Textual's parser instead of rewriting it: outside a paste every
character goes to Textual's parser untouched (same keys, same escape timing). Once that
parser has taken the paste-start marker, everything up to the paste-end marker is
collected here, verbatim, and handed on as one `Paste` event; the end marker is then given
to Textual's parser so that it leaves its own paste state (its empty paste is dropped).
The form fields remove control characters from a paste and say so (`safe_fields.py`).

`guard_bracketed_paste()` installs it in the Linux drivers only after checking, by
feeding both parsers, that Textual still behaves as this wrapper expects; otherwise it
does nothing. See docs/upstream/textual-bracketed-paste.md for the upstream report.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

from textual import events
from textual._parser import ParseEOF, ParseError, Peek1, Read1
from textual._xterm_parser import XTermParser
from textual.message import Message

ESC = "\x1b"
PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


class PasteSafeParser(XTermParser):
    """Textual's XTerm parser, with bracketed pastes collected whole and in order."""

    def parse(
        self, token_callback: Callable[[Message], None]
    ) -> Generator[Read1 | Peek1, str, None]:
        tokens_sent = 0
        dropping_pastes = False

        def from_textual(token: Message) -> None:
            nonlocal tokens_sent
            tokens_sent += 1
            if dropping_pastes and isinstance(token, events.Paste):
                return  # the empty paste Textual reports when it sees the end marker
            token_callback(token)

        textual_parser = super().parse(from_textual)
        awaiting = next(textual_parser)
        recent = ""  # the last characters given to Textual's parser
        tokens_at_escape = 0
        while True:
            try:
                character = yield awaiting
            except ParseError as error:  # a timeout or the end: Textual's parser asked
                try:
                    awaiting = textual_parser.throw(error)
                except StopIteration:
                    return
                continue
            try:
                awaiting = textual_parser.send(character)
            except StopIteration:
                return
            if character == ESC:
                tokens_at_escape = tokens_sent
            recent = (recent + character)[-len(PASTE_START) :]
            # Nothing sent since the ESC: Textual took the marker whole (no escape-delay
            # timeout split it), so it now believes a paste has begun.
            if recent != PASTE_START or tokens_sent != tokens_at_escape:
                continue
            recent = ""
            pasted = yield from self._read_paste()
            if pasted is None:
                return  # input ended inside the paste: the app is closing
            dropping_pastes = True
            try:
                for marker_character in PASTE_END:
                    awaiting = textual_parser.send(marker_character)
            except StopIteration:
                return
            finally:
                dropping_pastes = False
            # NUL removed as Textual does (it ends a paste in some terminals' reports).
            token_callback(events.Paste(pasted.replace("\x00", "")))

    def _read_paste(self) -> Generator[Read1, str, str | None]:
        """Everything up to the paste-end marker, exactly as it came; None at the end."""
        characters: list[str] = []
        end_length = len(PASTE_END)
        while True:
            try:
                character = yield self.read1()
            except ParseEOF:
                return None
            except ParseError:
                continue  # no timeout is asked for here; ignore one all the same
            characters.append(character)
            if character == "~" and "".join(characters[-end_length:]) == PASTE_END:
                return "".join(characters[:-end_length])


def _events_of(parser: XTermParser, data: str) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for event in parser.feed(data):
        if isinstance(event, events.Paste):
            found.append(("paste", event.text))
        elif isinstance(event, events.Key):
            found.append(("key", event.key))
    return found


def behaves_as_expected() -> bool:
    """True when Textual's parser still works the way `PasteSafeParser` relies on, and
    the wrapper then gives one whole paste followed by the keys after it."""
    try:
        textual_paste = _events_of(XTermParser(), f"{PASTE_START}a{PASTE_END}b")
        guarded = _events_of(PasteSafeParser(), f"{PASTE_START}A\x1b\x13B\x1b[3m{PASTE_END}b")
    except Exception:
        return False
    return textual_paste == [("paste", "a"), ("key", "b")] and guarded == [
        ("paste", "A\x1b\x13B\x1b[3m"),
        ("key", "b"),
    ]


def guard_bracketed_paste() -> bool:
    """Make the Linux drivers use `PasteSafeParser`; False (and nothing changed) when
    Textual's code no longer has the shape this was written against."""
    try:
        from textual.drivers import linux_driver, linux_inline_driver
    except ImportError:  # another platform: its driver reads input differently
        return False
    drivers: list[Any] = [linux_driver, linux_inline_driver]
    if any(getattr(module, "XTermParser", None) is not XTermParser for module in drivers):
        return False  # a Textual that builds its parser differently (or already guarded)
    if not behaves_as_expected():
        return False
    for module in drivers:
        module.XTermParser = PasteSafeParser
    return True
