"""The reader's own commands in the command palette (ctrl+p), each with the key in force.

A command names its binding id; the key shown is the one `[keymap]` gave it, else its own,
so the palette, the footer and the help screen always say the same key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from textual.app import SystemCommand

from newsreader.ui.key_names import key_in_force

# (title, what it does, binding id), in the order the palette lists them.
READER_COMMANDS = (
    ("Write a comment", "Comment on the article shown", "main.comment"),
    ("Pending comments", "See and withdraw queued comments", "main.pending"),
    ("Search articles", "Search titles and full text as you type", "main.filter"),
    ("Toggle read", "Mark the highlighted article read or unread", "main.toggle_read"),
    ("Help", "Every key on one screen", "main.help"),
)


def reader_commands(
    keymap: Mapping[str, str], actions: Mapping[str, Callable[[], object]]
) -> Iterator[SystemCommand]:
    """One palette entry per command in `actions` (binding id -> what it runs)."""
    for title, help_text, binding_id in READER_COMMANDS:
        key = key_in_force(binding_id, keymap)
        shown = f"{help_text} · key {key}" if key else help_text
        yield SystemCommand(title, shown, actions[binding_id])
