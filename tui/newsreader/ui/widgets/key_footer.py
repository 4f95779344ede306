"""Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer recomposes (a dozen FooterKey widgets, each styled anew) whenever the
screen says its bindings were updated: every focus move and every screen resume, even when
the keys shown stay the same. Moving between the list and the reading pane did that twice
per key press, and starting the reader eight times (a third of the app's start-up work).
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

# What the footer draws of one binding: key, key as shown, label, action, enabled, tooltip.
_Shown = tuple[str, str, str, str, bool, str]


class KeyFooter(Footer):
    """A Footer that skips the rebuild when the bindings it would show are the same."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[_Shown, ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            shown = self._bindings_shown(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)

    def _bindings_shown(self, screen: Screen[object]) -> tuple[_Shown, ...]:
        app = screen.app
        return tuple(
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
            )
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        )
