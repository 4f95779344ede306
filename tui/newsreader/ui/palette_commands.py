"""The reader's own commands in the command palette (ctrl+p), each with the key in force.

A command names its binding id; the key shown is the one `[keymap]` gave it, else its own,
so the palette, the footer and the help screen always say the same key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from textual.app import SystemCommand
from textual.binding import Binding

from newsreader.ui.screens.help import keys_shown
from newsreader.ui.screens.main_keys import MAIN_BINDINGS

# (title, what it does, binding id), in the order the palette lists them.
READER_COMMANDS = (
    ("Write a comment", "Comment on the article shown", "main.comment"),
    ("Pending comments", "See and withdraw queued comments", "main.pending"),
    ("Search articles", "Search titles and full text as you type", "main.filter"),
    ("Toggle read", "Mark the highlighted article read or unread", "main.toggle_read"),
    ("Help", "Every key on one screen", "main.help"),
)


def key_in_force(binding_id: str, keymap: Mapping[str, str]) -> str:
    """The key(s) for `binding_id` as shown to the person: the keymap's, else the default."""
    if binding_id in keymap:
        return keys_shown(keymap[binding_id])
    for binding in MAIN_BINDINGS:
        if isinstance(binding, Binding) and binding.id == binding_id:
            return binding.key_display or keys_shown(binding.key)
    return ""


def reader_commands(
    keymap: Mapping[str, str], actions: Mapping[str, Callable[[], object]]
) -> Iterator[SystemCommand]:
    """One palette entry per command in `actions` (binding id -> what it runs)."""
    for title, help_text, binding_id in READER_COMMANDS:
        key = key_in_force(binding_id, keymap)
        shown = f"{help_text} · key {key}" if key else help_text
        yield SystemCommand(title, shown, actions[binding_id])
