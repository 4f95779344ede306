"""Which line of a TOML file sets which key, so a problem can name its line.

tomllib returns values without positions. This follows table headers and `key =` lines,
which is enough to point a person at the line; a key it cannot place is named without one.
"""

from __future__ import annotations

import re

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_PART = rf"(?:{_BARE}|{_QUOTED})"
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"
_HEADER = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(rf"^\s*({_DOTTED})\s*=")
_PARTS = re.compile(_PART)


def _split(dotted: str) -> tuple[str, ...]:
    parts = []
    for part in _PARTS.findall(dotted):
        if part[:1] in {'"', "'"}:
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Each table and key path to the first line (1-based) that names it."""
    found: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    # [[comments.server]] tables are told apart by their place: ("comments", "server", "#2").
    array_counts: dict[tuple[str, ...], int] = {}
    in_multiline: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline is not None:
            if in_multiline in line:
                in_multiline = None
            continue
        header = _HEADER.match(line)
        if header:
            table = _split(header.group(1))
            found.setdefault(table, number)
            if line.lstrip().startswith("[["):
                array_counts[table] = array_counts.get(table, 0) + 1
                table = (*table, f"#{array_counts[table]}")
                found.setdefault(table, number)
            continue
        assignment = _ASSIGNMENT.match(line)
        if assignment:
            found.setdefault(table + _split(assignment.group(1)), number)
            rest = line[assignment.end() :]
            for quotes in ('"""', "'''"):
                if rest.count(quotes) == 1:
                    in_multiline = quotes
    return found
