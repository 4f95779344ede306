"""The key a person presses for a binding, written as the footer and the help screen write
it: the keymap's when `[keymap]` sets one, else the binding's own. The palette and the
messages that name a key ("press ! to list them") ask here, so a remapped key is named
rightly everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding

from newsreader.ui.screens.main_keys import MAIN_BINDINGS

_SHOWN = {
    "slash": "/",
    "question_mark": "?",
    "exclamation_mark": "!",
    "pagedown": "PgDn",
    "pageup": "PgUp",
}


def keys_shown(keys: str) -> str:
    """Keys as the help screen writes them: `question_mark` as ?, `a,b` as a / b."""
    return " / ".join(_SHOWN.get(name, name) for name in (key.strip() for key in keys.split(",")))


def key_in_force(binding_id: str, keymap: Mapping[str, str]) -> str:
    """The key(s) for the main screen's `binding_id`: the keymap's, else the default."""
    if binding_id in keymap:
        return keys_shown(keymap[binding_id])
    for binding in MAIN_BINDINGS:
        if isinstance(binding, Binding) and binding.id == binding_id:
            return binding.key_display or keys_shown(binding.key)
    return ""
