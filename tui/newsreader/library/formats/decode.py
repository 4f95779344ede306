"""Bytes of an article file into text, whatever encoding (or non-encoding) they are in.

Articles should be UTF-8, and files with a byte order mark say what they are. The rest is
judged from the bytes: text in an old single-byte encoding (Latin-1, Windows-1252) has no
valid UTF-8 multi-byte sequence at all, UTF-8 with a few damaged bytes has many, and binary
data (an image saved as `.md`) is full of control bytes or undecodable ones.
"""

from __future__ import annotations

import codecs

from newsreader.control_chars import CONTROL_BYTES
from newsreader.library.formats.errors import ArticleFileError

BINARY = "binary file, not text"
LEGACY_ENCODING = "cp1252"  # Windows-1252: Latin-1's printable characters, plus € “ ” …
# Share of `_CONTROL_BYTES` in the first `_SAMPLE_BYTES` above which a file is binary.
_BINARY_SHARE = 0.10
_SAMPLE_BYTES = 8192
# Control bytes that never turn up in real text files (tab, newlines, form feed, backspace
# and ESC for ANSI colour do). NUL counts: a stray one is damage, a run of them is binary.
_CONTROL_BYTES = bytes(byte for byte in CONTROL_BYTES if byte not in b"\t\n\r\f\b\x1b")
_BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "utf-32-le": "UTF-32",
    "utf-32-be": "UTF-32",
}


def decode_article_bytes(data: bytes, *, truncated: bool, problems: list[str]) -> str:
    """The text in `data`; what had to be worked around is appended to `problems`.

    `truncated` says the file goes on past `data`, so a character cut in half at the end is
    dropped quietly rather than reported. Raises ArticleFileError for binary data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _decode_as(data[len(bom) :], encoding, truncated, problems)
            if _mostly_controls(text[:_SAMPLE_BYTES].encode("utf-8", "replace")):
                raise ArticleFileError(BINARY)
            return _note_nul(text, problems)
    if _mostly_controls(data[:_SAMPLE_BYTES]):
        raise ArticleFileError(BINARY)
    if (strict := _strict(data, "utf-8", truncated)) is not None:
        return _note_nul(strict, problems)
    replaced = _decoder("utf-8", "replace").decode(data, final=not truncated)
    if replaced.replace("\ufffd", "").isascii():
        # Not one valid multi-byte sequence: every byte over 0x7F stands for a character
        # of its own, as in Latin-1. (The five bytes Windows-1252 leaves undefined are C1
        # controls in Latin-1: shown as U+FFFD either way.)
        problems.append("not UTF-8: read as Latin-1 (Windows-1252)")
        return _note_nul(data.decode(LEGACY_ENCODING, "replace"), problems)
    if replaced.count("\ufffd") > max(16, len(replaced) // 4):
        raise ArticleFileError(BINARY)
    problems.append("not valid UTF-8: bytes replaced")
    return _note_nul(replaced, problems)


def _decode_as(data: bytes, encoding: str, truncated: bool, problems: list[str]) -> str:
    if (text := _strict(data, encoding, truncated)) is not None:
        return text
    problems.append(f"not valid {_ENCODING_NAMES[encoding]}: bytes replaced")
    return _decoder(encoding, "replace").decode(data, final=not truncated)


def _strict(data: bytes, encoding: str, truncated: bool) -> str | None:
    # A cut at the size limit may split a character: leave its first bytes out instead of
    # reporting them as invalid (`final=False` keeps an incomplete sequence undecoded).
    try:
        return _decoder(encoding, "strict").decode(data, final=not truncated)
    except UnicodeDecodeError:
        return None


def _decoder(encoding: str, errors: str) -> codecs.IncrementalDecoder:
    return codecs.getincrementaldecoder(encoding)(errors=errors)


def _note_nul(text: str, problems: list[str]) -> str:
    if "\x00" in text:
        problems.append("contains NUL bytes (damaged?)")
    return text


def _mostly_controls(sample: bytes) -> bool:
    if not sample:
        return False
    # translate() deletes in C; counting in a Python loop cost ~1 ms per file.
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > _BINARY_SHARE
