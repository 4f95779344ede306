"""The comment form's keys, each with an id the config's `[keymap]` can give another key."""

from __future__ import annotations

from textual.binding import Binding, BindingType

COMMENT_BINDINGS: list[BindingType] = [
    Binding(
        "ctrl+s",
        "submit",
        "Submit",
        priority=True,
        tooltip="Save the comment to the pending queue",
        id="comment.submit",
    ),
    Binding(
        "ctrl+e",
        "edit_in_editor",
        "Editor",
        priority=True,
        tooltip="Write the comment in $VISUAL / $EDITOR (reader.editor), then come back",
        id="comment.editor",
    ),
    Binding(
        "escape",
        "cancel",
        "Close",
        tooltip="Close the form (asks whether to keep the text as a draft)",
        id="comment.cancel",
    ),
]
