"""Matching a line against many alternatives quickly, by the line's first three letters.

A furniture table's anchors are a few hundred alternatives, and Python's regex engine
tries them one by one at the start of every line. Most alternatives start with a plain
word ("accept…", "share…"), so they are grouped by their first three letters, and a line
is matched only against the group for its own first three letters plus the few
alternatives that start otherwise (a group, a digit, a lookahead). The grouping is worked
out from the patterns themselves, so the table stays the one place to edit.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence

_KEY_LENGTH = 3
_QUANTIFIERS = frozenset("?*+{")
_EXPANSION_BUDGET = 64  # a pattern that would unfold into more alternatives is left whole


def _structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) for each character of a regex source that
    is outside a character class and not escaped: where `|` and parentheses mean something."""
    depth, index, in_class = 0, start, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            depth += {"(": 1, ")": -1}.get(char, 0)
            yield index, char, depth
        index += 1


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex source (split at `|` outside groups/classes)."""
    parts: list[str] = []
    start = 0
    for index, char, depth in _structure(pattern):
        if char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
    parts.append(pattern[start:])
    return parts


def _closing(pattern: str, opening: int) -> int:
    """Index of the `)` closing the group that opens at `opening`."""
    for index, char, depth in _structure(pattern, opening):
        if char == ")" and depth == 0:
            return index
    return -1


def expanded(alternative: str, budget: int = _EXPANSION_BUDGET) -> list[str]:
    """`(?:a|b)c` as ["ac", "bc"], `(?:a)?c` as ["ac", "c"], so each starts with a word."""
    if not alternative.startswith("(?:"):
        return [alternative]
    end = _closing(alternative, 0)
    if end < 0:
        return [alternative]
    inner, rest = alternative[3:end], alternative[end + 1 :]
    optional = rest[:1] == "?" and rest[1:2] not in ("?", "+")
    if optional:
        rest = rest[1:]
    elif rest[:1] in _QUANTIFIERS:
        return [alternative]
    heads = alternatives(inner) + ([""] if optional else [])
    out: list[str] = []
    for head in heads:
        out += expanded(head + rest, budget)
        if len(out) > budget:
            return [alternative]
    return out


def _key(alternative: str) -> str | None:
    """The three characters every line this alternative matches starts with, if plain.

    Letters, or a short word and the space after it (`\\s+` in the pattern).
    """
    word = re.match(r"[a-z]+", alternative)
    if word is None:
        return None
    letters, after = word.group(), alternative[word.end() :]
    if len(letters) >= _KEY_LENGTH:
        follows = alternative[_KEY_LENGTH : _KEY_LENGTH + 1]
        return letters[:_KEY_LENGTH] if follows not in _QUANTIFIERS else None
    if after.startswith("\\s+") and len(letters) == _KEY_LENGTH - 1:
        return letters + " "
    return None


class LineDispatch:
    """Which of several patterns (by index) a whole lower-case line matches; the lowest wins."""

    def __init__(self, patterns: Sequence[str]) -> None:
        keyed: defaultdict[str, list[str]] = defaultdict(list)
        other: list[str] = []
        for index, pattern in enumerate(patterns):
            by_key: defaultdict[str | None, list[str]] = defaultdict(list)
            for alternative in alternatives(pattern) if pattern else ():
                for plain in expanded(alternative):
                    by_key[_key(plain)].append(plain)
            for key, parts in by_key.items():
                group = f"(?P<k{index}>{'|'.join(parts)})"  # one named group per pattern
                (other if key is None else keyed[key]).append(group)
        self._keyed = {key: _compiled(parts) for key, parts in keyed.items()}
        self._other = _compiled(other) if other else None

    def match(self, line: str) -> int | None:
        """The index of the first pattern that `line` (lower-cased) fully matches."""
        found = None
        keyed = self._keyed.get(line[:_KEY_LENGTH].replace("\t", " "))
        if keyed is not None and (match := keyed[0].fullmatch(line)) is not None:
            found = keyed[1][match.lastindex or 0]
        if self._other is not None and (match := self._other[0].fullmatch(line)) is not None:
            index = self._other[1][match.lastindex or 0]
            found = index if found is None else min(found, index)
        return found


def _compiled(groups: list[str]) -> tuple[re.Pattern[str], dict[int, int]]:
    """The groups as one pattern, and the pattern index each outermost group stands for."""
    pattern = re.compile("|".join(groups))
    return pattern, {number: int(name[1:]) for name, number in pattern.groupindex.items()}
