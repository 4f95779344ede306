"""The config file's `[keymap]`, checked against the bindings there are before it is used.

A binding id nobody has, a key name Textual would never send, or a key that would then
mean two things on one screen is named in a problem line; the rest of the keymap is used.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Mapping

from textual.binding import Binding
from textual.keys import Keys, _character_to_key

from newsreader.config.load import KeyedProblem
from newsreader.safe_text import one_line

MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
_NAMED_KEYS = {key.value for key in Keys} | {"space", "tab", "enter", "backspace"}
_NAMED_KEYS |= {f"f{number}" for number in range(1, 25)}
# The names Textual gives printable ASCII (slash, question_mark, …), which bindings use.
_NAMED_KEYS |= {_character_to_key(chr(code)) for code in range(33, 127)}
# Keys the app answers on every screen before any screen sees them (priority bindings): a
# screen binding given one of them would never run.
EVERYWHERE = {"ctrl+q": "quit (app.quit)", "ctrl+p": "the command palette"}


def key_problem(key: str) -> str | None:
    """Why Textual would never send `key` (None: it can)."""
    *modifiers, name = key.split("+")
    unknown = [modifier for modifier in modifiers if modifier not in MODIFIERS]
    if unknown:
        return f"“{one_line(key)}” has an unknown modifier “{one_line(unknown[0])}”"
    if len(name) == 1 and name.isprintable() and not name.isspace():
        return None
    if name in _NAMED_KEYS:
        return None
    try:
        unicodedata.lookup(name.replace("_", " ").upper())  # slash, question_mark, …
    except KeyError:
        return f"“{one_line(key)}” is not a key name (try “w”, “ctrl+w”, “f5”, “slash”)"
    return None


def check_keymap(
    keymap: Mapping[str, str],
    sections: Iterable[tuple[str, Iterable[Binding]]],
    shared: Collection[str] = (),
) -> tuple[dict[str, str], list[KeyedProblem]]:
    """The part of `keymap` that can be used, and why each other part cannot.

    Sections in `shared` answer keys together, so a key is checked across all of them.
    """
    bindings_by_section = {title: list(bindings) for title, bindings in sections}
    known = {b.id for bindings in bindings_by_section.values() for b in bindings if b.id}
    usable: dict[str, str] = {}
    problems: list[KeyedProblem] = []
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            problems.append(
                (
                    ("keymap", binding_id),
                    f"no binding is called “{one_line(binding_id)}” (? lists them)",
                )
            )
            continue
        names = [key.strip() for key in keys.split(",") if key.strip()]
        bad = [problem for name in names if (problem := key_problem(name)) is not None]
        if bad:
            problems.append((("keymap", binding_id), f"{bad[0]}; its usual key is kept"))
            continue
        if taken := [name for name in names if name in EVERYWHERE]:
            owner = EVERYWHERE[taken[0]]
            problems.append(
                (
                    ("keymap", binding_id),
                    f"“{taken[0]}” is {owner} on every screen; its usual key is kept",
                )
            )
            continue
        usable[binding_id] = ",".join(names)
    for group in _groups(bindings_by_section, shared):
        problems.extend(_clashes(group, usable))
    return usable, problems


def _groups(
    bindings_by_section: Mapping[str, list[Binding]], shared: Collection[str]
) -> list[list[Binding]]:
    together = [
        b for title, bindings in bindings_by_section.items() if title in shared for b in bindings
    ]
    alone = [bindings for title, bindings in bindings_by_section.items() if title not in shared]
    return [together, *alone] if together else alone


def _clashes(bindings: list[Binding], usable: dict[str, str]) -> list[KeyedProblem]:
    """A remapped key that another binding of the group already answers to."""
    holders: dict[str, list[str]] = {}
    for binding in bindings:
        keys = usable.get(binding.id or "", binding.key)
        for key in keys.split(","):
            holders.setdefault(key.strip(), []).append(binding.id or binding.action)
    problems: list[KeyedProblem] = []
    for binding in bindings:
        if binding.id not in usable:
            continue
        for key in usable[binding.id].split(","):
            others = [other for other in holders[key] if other != binding.id]
            if others:
                problems.append(
                    (
                        ("keymap", binding.id),
                        f"“{one_line(key)}” is already {others[0]}'s key; "
                        f"{binding.id} keeps its usual key",
                    )
                )
                del usable[binding.id]
                break
    return problems
