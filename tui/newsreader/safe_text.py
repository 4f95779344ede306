"""Make untrusted text safe to put on a terminal.

Article files, file names and comment text may hold escape sequences (CSI, OSC 8/52, DCS),
C0/C1 controls and bidi overrides. Rich and Textual pass most of those straight through,
so every string that reaches the screen goes through `visible` (or `one_line`) first.
Control characters become their Unicode "control picture" (ESC shows as ␛), so a reader
sees that something odd was there instead of having it silently vanish.

Two more kinds of character are replaced because they break the screen rather than act on
it: lone surrogates (a file name that is not UTF-8 reaches Python as U+DC80–U+DCFF, and
writing one to the terminal raises UnicodeEncodeError) become U+FFFD, and the Unicode line
and paragraph separators (U+2028/9), which Rich measures as zero cells wide but some
terminals draw or break on, become ordinary newlines.
"""

from __future__ import annotations

from newsreader.control_chars import (
    BIDI,
    C0_BUT_TAB_AND_NEWLINE,
    C1,
    DEL,
    SEPARATORS,
    SURROGATES,
    character_class,
)

REPLACEMENT = "\ufffd"


def _picture(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, ESC becomes ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0xD800 <= code <= 0xDFFF:
        return REPLACEMENT  # a lone surrogate: an undecodable byte of a file name
    if code in (0x2028, 0x2029):
        return "\n"
    return f"<U+{code:04X}>"  # C1 controls and bidi controls


# C0 but tab and newline, DEL, C1; bidi embeddings, overrides and isolates (they reorder
# what is shown around them); line/paragraph separators; lone surrogates.
_UNSAFE = character_class(C0_BUT_TAB_AND_NEWLINE, DEL, C1, BIDI, SEPARATORS, SURROGATES)


def visible(text: str) -> str:
    """Return `text` with every control character replaced by a visible stand-in.

    Newlines and tabs are kept; everything else below U+0020, DEL, C1 controls and bidi
    controls are replaced. Carriage returns are treated as controls: a bare CR could move
    the cursor back over what was just drawn.
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda match: _picture(match.group()), text)


def one_line(text: str) -> str:
    """Like `visible`, for a field shown on one row: runs of whitespace become one space."""
    # Most fields need nothing: every character `visible` replaces, and every whitespace
    # but the plain space, is non-printable. Listing 100,000 comments takes 600,000 calls.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(visible(text).split())


# For text typed or pasted by the person: C0 controls but tab and newline, DEL, C1.
_TYPED_CONTROLS = character_class(C0_BUT_TAB_AND_NEWLINE, DEL, C1)
_BIDI_CONTROLS = character_class(BIDI)


def without_controls(text: str, *, one_line_field: bool) -> tuple[str, int]:
    """`text` with the characters that could act on a terminal removed, and how many.

    For what a person pastes into a form: a stray ESC from a copied terminal is dropped,
    while every other character is kept. Line endings become newlines first (CR LF counts
    as one line break, not a control). A one-line field also loses bidi controls, which
    could make a name read as something else.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned, removed = _TYPED_CONTROLS.subn("", text)
    if one_line_field:
        cleaned, bidi = _BIDI_CONTROLS.subn("", cleaned)
        removed += bidi
    return cleaned, removed
