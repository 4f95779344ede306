"""A question in a small dialog, answered by one of a few choices given as data.

Withdrawing a comment ("Withdraw" / "Keep") and leaving a comment form with text in it
("Keep as draft" / "Discard" / "Keep writing") are the same dialog with other choices:
each choice is a button, a key (with a binding id a keymap can change) and a value the
dialog is dismissed with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static
from textual.widgets._button import ButtonVariant


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str
    keys: str  # Textual key names, comma-separated: "escape,n"
    binding_id: str
    key_display: str = ""  # on the button: "Keep (n)"; the first key when empty
    variant: ButtonVariant = "default"
    tooltip: str | None = None

    @property
    def shown_key(self) -> str:
        return self.key_display or self.keys.split(",")[0]


class ChoiceScreen(ModalScreen[str]):
    """Dismisses with the value of the choice made; escape makes the one bound to it."""

    def __init__(self, question: str, choices: Sequence[Choice], *, focused: str) -> None:
        super().__init__()
        self._question = question
        self.choices = tuple(choices)
        self._focused = focused
        # The choices are data, so their keys are bound per dialog, not per class.
        self._bindings = BindingsMap.merge(
            [self._bindings, BindingsMap(choice_bindings(self.choices))]
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-dialog", classes="dialog"):
            yield Static(Text(self._question), id="choice-question")
            with Horizontal(classes="dialog-buttons"):
                for choice in self.choices:
                    yield Button(
                        f"{choice.label} ({choice.shown_key})",
                        id=f"choice-{choice.value}",
                        name=choice.value,
                        variant=choice.variant,
                    )

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self._focused}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.name is not None:
            self.dismiss(event.button.name)

    def action_choose(self, value: str) -> None:
        self.dismiss(value)


def choice_bindings(choices: Sequence[Choice]) -> list[Binding]:
    """The key bindings of `choices` (also listed on the help screen)."""
    return [
        Binding(
            choice.keys,
            f"choose({choice.value!r})",
            choice.label,
            key_display=choice.key_display or None,
            tooltip=choice.tooltip or "",
            id=choice.binding_id,
        )
        for choice in choices
    ]


def withdraw_choices(yes: str) -> tuple[Choice, Choice]:
    """Yes (`yes`: "Withdraw", "Discard") or keep; `n` and escape keep."""
    return (
        Choice("yes", yes, "y", "confirm.yes", variant="error"),
        Choice("no", "Keep", "n,escape", "confirm.no", key_display="n", variant="primary"),
    )


# Keeping is the default, so a hasty `escape` `enter` loses nothing (mutt asks the same
# when a message is abandoned: postpone it?).
LEAVE_FORM_CHOICES = (
    Choice(
        "keep",
        "Keep as draft",
        "k",
        "leave_form.keep",
        variant="primary",
        tooltip="Close the form; the text waits as a draft (p lists drafts)",
    ),
    Choice(
        "discard",
        "Discard",
        "d",
        "leave_form.discard",
        variant="error",
        tooltip="Close the form and throw the text away",
    ),
    Choice(
        "stay",
        "Keep writing",
        "escape,n",
        "leave_form.stay",
        key_display="esc",
        tooltip="Go back to the form",
    ),
)
