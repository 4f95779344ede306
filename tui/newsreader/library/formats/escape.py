"""Plain text into Markdown that reads back as exactly that text.

A saved web page is prose, not Markdown: "*stars*" must stay two asterisks around a word,
"1. Lisbon won" must not become a list, "<b>" must not become HTML (the CommonMark preset
allows raw HTML). CommonMark lets a backslash escape any ASCII punctuation, so escaping too
much costs nothing, while escaping too little changes what the reader sees.
"""

from __future__ import annotations

import re

# Inline syntax anywhere in a line: emphasis, code, links, HTML and autolinks, entities,
# tables and strikethrough (for renderers with those plugins), and escapes themselves.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~&!])")
# Block syntax that only counts at the start of a line: list bullets, thematic breaks,
# setext underlines, ordered-list numbers ("1." / "1)").
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """`text` with every character that Markdown could read as syntax backslash-escaped."""
    # Searching first: most paragraphs hold none of these, and a search is quicker than a sub.
    escaped = _INLINE.sub(r"\\\1", text) if _INLINE.search(text) else text
    if "\n" not in escaped:  # one line: only its start can hold block syntax
        match = _LINE_START.match(escaped)
        return escaped if match is None else _escape_marker(match) + escaped[match.end() :]
    return _LINE_START.sub(_escape_marker, escaped)


def _escape_marker(match: re.Match[str]) -> str:
    if match[1] is not None:
        return "\\" + match[1]
    return match[2] + "\\" + match[3]
