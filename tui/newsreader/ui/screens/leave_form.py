"""Asked when a comment form with text in it is closed: keep the text as a draft, discard
it, or go back to writing. Keeping is the default, so a hasty `escape` `enter` loses
nothing (mutt asks the same when a message is abandoned: postpone it?)."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

LeaveChoice = Literal["keep", "discard", "stay"]


class LeaveFormScreen(ModalScreen[LeaveChoice]):
    """Dismisses with "keep", "discard" or "stay"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "k",
            "choose('keep')",
            "Keep as draft",
            tooltip="Close the form; the text waits as a draft (p lists drafts)",
            id="leave_form.keep",
        ),
        Binding(
            "d",
            "choose('discard')",
            "Discard",
            tooltip="Close the form and throw the text away",
            id="leave_form.discard",
        ),
        Binding(
            "escape,n",
            "choose('stay')",
            "Keep writing",
            key_display="esc",
            tooltip="Go back to the form",
            id="leave_form.stay",
        ),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="leave-form-dialog", classes="dialog"):
            yield Static(Text(self._question), id="leave-form-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep as draft (k)", id="leave-keep", variant="primary")
                yield Button("Discard (d)", id="leave-discard", variant="error")
                yield Button("Keep writing (esc)", id="leave-stay")

    def on_mount(self) -> None:
        self.query_one("#leave-keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        choices: dict[str | None, LeaveChoice] = {
            "leave-keep": "keep",
            "leave-discard": "discard",
            "leave-stay": "stay",
        }
        self.dismiss(choices.get(event.button.id, "stay"))

    def action_choose(self, choice: LeaveChoice) -> None:
        self.dismiss(choice)
