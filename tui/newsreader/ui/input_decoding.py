"""Keyboard input that is not UTF-8 must not end the app.

Textual's Linux driver decodes what the terminal sends with a strict UTF-8 decoder in its
input thread. A single byte that is not UTF-8 — pasted from a binary file, or typed in a
terminal set to Latin-1, where "é" arrives as the byte 0xE9 — raises there, and the app
exits at once, taking whatever was typed into the comment form with it. The driver takes
its decoder factory from its module namespace, so that one name is replaced by a factory
whose decoders put U+FFFD in place of such bytes, as the library readers do for files.
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable
from typing import Any


def _replacing_decoder(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def tolerate_undecodable_input() -> bool:
    """Make the terminal driver replace undecodable input; False if it has changed shape."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # another platform: its driver reads input differently
        return False
    module: Any = linux_driver
    if getattr(module, "getincrementaldecoder", None) is not codecs.getincrementaldecoder:
        return False  # a Textual that no longer decodes this way (or already patched)
    module.getincrementaldecoder = _replacing_decoder
    return True
