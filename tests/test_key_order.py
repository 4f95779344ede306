"""The order of a burst's keys, with the app's timer and queue under the test's control."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from textual import events
from textual.app import App

from newsreader.ui.key_order import KeyOrder


class QueueAndTimers:
    """Stands in for the app: what it was asked to post, and the timers it was asked for."""

    def __init__(self) -> None:
        self.posted: list[events.Key] = []
        self.timers: list[Callable[[], None]] = []

    def post_message(self, key: events.Key) -> None:
        self.posted.append(key)

    def set_timer(self, _delay: float, callback: Callable[[], None]) -> None:
        self.timers.append(callback)

    def fire_timers(self) -> None:
        due, self.timers = self.timers, []
        for callback in due:
            callback()


def test_a_released_key_is_not_overtaken_by_the_next_release() -> None:
    app = QueueAndTimers()
    order = KeyOrder(cast(App[Any], app))
    c, shift_a, n = (events.Key(key, key) for key in "cAn")
    assert not order.hold(c)  # nothing before it: c goes at once
    assert order.hold(shift_a) and order.hold(n)  # both wait behind c
    order.arrived(c)
    app.fire_timers()
    assert app.posted == [shift_a]
    # The poll comes round again before A was handled (a loaded machine): n must wait.
    app.fire_timers()
    assert app.posted == [shift_a]
    assert not order.hold(shift_a)  # A comes back to the app and goes on
    order.arrived(shift_a)
    app.fire_timers()
    assert app.posted == [shift_a, n]
    assert not order.hold(n)
