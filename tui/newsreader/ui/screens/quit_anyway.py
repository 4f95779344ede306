"""Asked when quitting and the form's last save failed: the reader never exits silently
with text it could not keep. Keep writing is the default; quitting anyway puts the text
in a recovery file (offered back at the next launch) when one can be written."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

QuitChoice = Literal["quit", "stay"]


def quit_question(problem: str) -> str:
    reason = problem.replace("Your text is still in the form.", "").strip()
    return (
        f"Your comment could not be saved before quitting: {reason}\n\n"
        "Quit anyway? The text then goes to a recovery file, offered back at the next "
        "launch, if one can be written."
    )


class QuitAnywayScreen(ModalScreen[QuitChoice]):
    """Dismisses with "quit" or "stay"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,k",
            "choose('stay')",
            "Keep writing",
            key_display="esc",
            tooltip="Go back to the form; nothing is lost",
            id="quit_anyway.stay",
        ),
        Binding(
            "q",
            "choose('quit')",
            "Quit anyway",
            tooltip="Quit; the text goes to a recovery file if one can be written",
            id="quit_anyway.quit",
        ),
    ]

    def __init__(self, problem: str) -> None:
        super().__init__()
        self._problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(id="quit-anyway-dialog", classes="dialog"):
            yield Static(Text(quit_question(self._problem)), id="quit-anyway-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep writing (esc)", id="quit-stay", variant="primary")
                yield Button("Quit anyway (q)", id="quit-quit", variant="error")

    def on_mount(self) -> None:
        self.query_one("#quit-stay", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss("quit" if event.button.id == "quit-quit" else "stay")

    def action_choose(self, choice: QuitChoice) -> None:
        self.dismiss(choice)
