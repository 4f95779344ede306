"""ctrl+e in the comment form: the comment in the person's own editor, and back.

The reader gives the terminal to the editor while it runs. What comes back loses its
control characters, as a paste does; an editor that fails leaves the text as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from textual.app import App, SuspendNotSupported
from textual.widgets import TextArea

from newsreader.editor import edit_text, editor_command
from newsreader.safe_text import one_line, without_controls
from newsreader.wording import count_of


@dataclass(frozen=True)
class EditedComment:
    text: str
    notice: str  # what to tell the person ("" when the editor changed nothing)
    severity: Literal["information", "warning"] = "information"


def edit_in_editor(app: App[Any], text: str, configured: str, folder: Path) -> EditedComment:
    command = editor_command(configured)
    try:
        with app.suspend():
            outcome = edit_text(text, command, folder)
    except SuspendNotSupported:  # no terminal to hand over (tests): an editor that needs none
        outcome = edit_text(text, command, folder)
    if outcome.problem is not None:
        return EditedComment(
            text, f"Not edited: {one_line(outcome.problem)}. The text is as it was.", "warning"
        )
    cleaned, removed = without_controls(outcome.text, one_line_field=False)
    if removed:
        notice = (
            f"Removed {count_of(removed, 'control character')} from the edited text; "
            "the rest is kept."
        )
        return EditedComment(cleaned, notice, "warning")
    back = "The comment is back from the editor." if outcome.changed else ""
    return EditedComment(cleaned, back)


def edit_body(body: TextArea, configured: str, folder: Path) -> None:
    """Edit the form's comment field in the editor; the notice, if any, on its screen."""
    edited = edit_in_editor(body.app, body.text, configured, folder)
    if edited.text != body.text:
        body.text = edited.text
        body.move_cursor(body.document.end)
    if edited.notice:
        body.notify(edited.notice, severity=edited.severity, markup=False)
    body.screen.set_focus(body)
