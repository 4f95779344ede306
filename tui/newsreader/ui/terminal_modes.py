"""Giving the terminal back when the reader cannot end the usual way (a SIGHUP sent by
hand to a terminal that is still there): the modes Textual turned on, off again."""

from __future__ import annotations

import contextlib
import os

# Bracketed paste, mouse reporting, the Kitty keyboard protocol, the alternate screen and
# focus reports off; line wrap and the cursor back on: what Textual undoes on a clean exit.
TERMINAL_MODES_OFF = (
    "\x1b[?2004l\x1b[?7h\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l"
    "\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?1004l"
)


def give_back_terminal(driver: object) -> None:
    """Best effort: on a closed terminal each write fails at once."""
    with contextlib.suppress(Exception):
        import termios

        attributes = getattr(driver, "attrs_before", None)
        if attributes is not None:
            termios.tcsetattr(0, termios.TCSANOW, attributes)  # Textual reads stdin
    with contextlib.suppress(OSError):
        os.write(2, TERMINAL_MODES_OFF.encode())  # and draws on stderr
