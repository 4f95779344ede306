"""Which characters can act on a terminal (or hide on a screen), defined once.

Every module that refuses, removes, escapes or draws a stand-in for such characters builds
its test from these ranges, so a character added here is handled the same way everywhere:
the comment rules, `safe_text`, the form fields, the export and the article decoder.
Ranges are written as the inside of a regular-expression character class.
"""

from __future__ import annotations

import re
import unicodedata

C0 = "\x00-\x1f"  # NUL … US, tab and newline among them
C0_BUT_TAB_AND_NEWLINE = "\x00-\x08\x0b-\x1f"  # what multi-line text may not hold
DEL = "\x7f"
C1 = "\x80-\x9f"
# Embeddings, overrides and isolates reorder the text around them, so "Bob\u202eevil"
# could display as a different name.
BIDI = "\u202a-\u202e\u2066-\u2069"
# Line and paragraph separators: zero cells wide for Rich, a line break for JavaScript and
# `str.splitlines()`, so one JSON Lines record would read as two.
SEPARATORS = "\u2028\u2029"
# Lone surrogates: what undecodable bytes of a file name become; no terminal can show them.
SURROGATES = "\ud800-\udfff"

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# The control bytes of C0 and DEL, for code that looks at bytes before decoding them.
CONTROL_BYTES = bytes([*range(0x20), 0x7F])

# fmt: off
C0_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
    "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
    "ESC", "FS", "GS", "RS", "US",
)
# fmt: on

# Characters that draw as nothing but are letters (Unicode category Lo) or symbols, so a
# test by category alone would count them as something a person can see.
_BLANK_LETTERS = frozenset(
    "\u115f\u1160"  # Hangul choseong and jungseong fillers
    "\u3164"  # Hangul filler
    "\uffa0"  # halfwidth Hangul filler
    "\u2800"  # Braille pattern blank
)
# Format characters (zero-width space/joiners, direction marks, BOM), separators, controls,
# combining marks with nothing to combine with. Unassigned code points are not here: an
# emoji newer than Python's Unicode tables is unassigned to it, yet people see it.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})


def character_class(*ranges: str) -> re.Pattern[str]:
    """A pattern matching one character from any of `ranges` (the constants above)."""
    return re.compile(f"[{''.join(ranges)}]")


def character_name(char: str) -> str:
    """A short name a user can look up: ESC, NUL, DEL, or U+009B (with a name) for the rest."""
    code = ord(char)
    if code < 0x20:
        return C0_NAMES[code]
    if code == 0x7F:
        return "DEL"
    name = unicodedata.name(char, "")
    if char in BIDI_CONTROLS and name:
        return f"U+{code:04X} {name}"
    return f"U+{code:04X}"


def is_invisible(char: str) -> bool:
    """True for a character that shows nothing on its own: a space, a zero-width or format
    character, a direction mark, a filler, a lone combining mark."""
    return (
        char.isspace()
        or char in _BLANK_LETTERS
        or unicodedata.category(char) in _INVISIBLE_CATEGORIES
    )


def has_nothing_visible(text: str) -> bool:
    """True when a person looking at `text` would see an empty field."""
    return all(is_invisible(char) for char in text)
