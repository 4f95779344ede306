"""Keys typed in a burst are handled one after another, each where the one before left focus.

Textual hands a key to the focused widget's queue and moves on to the next key at once;
the first key's binding (`/` opens the search box, Enter moves into the reading pane, `c`
opens the form) runs only once that key has bubbled back up to the app. In a burst (a
paste, a macro, a laggy link), `/ h a r b` therefore handed "harb" to the list before the
search box had focus, and the letters were lost. Here a key that comes while the one
before is still on its way waits, and is handed on once that one was handled: taken by a
widget (stopped) or back at the app with its binding run. Keys typed at a person's pace
never wait.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any

from textual import events
from textual.app import App

# How often a waiting key looks whether the one before is done, and how long it waits at
# most (a key lost on its way, say to a widget removed meanwhile, must not hold the rest).
POLL_SECONDS = 0.002
GIVE_UP_SECONDS = 5.0


class KeyOrder:
    """Holds keys back while the one before them is still being handled by `app`."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._in_flight: events.Key | None = None
        self._sent_at = 0.0
        self._arrived: events.Key | None = None
        self._waiting: deque[events.Key] = deque()
        self._releasing: events.Key | None = None
        self._polling = False

    def hold(self, key: events.Key) -> bool:
        """True when `key` must wait (it will be posted to the app again, in order)."""
        if key is self._releasing:
            self._releasing = None
        elif self._waiting or not self._done():
            self._waiting.append(key)
            self._poll()
            return True
        self._in_flight, self._sent_at = key, time.monotonic()
        return False

    def arrived(self, key: events.Key) -> None:
        """`key` bubbled back to the app and its bindings ran (called after they did)."""
        self._arrived = key

    def _done(self) -> bool:
        key = self._in_flight
        return (
            key is None
            or key is self._arrived
            or key._stop_propagation
            or time.monotonic() - self._sent_at > GIVE_UP_SECONDS
        )

    def _poll(self) -> None:
        if not self._polling:
            self._polling = True
            self._app.set_timer(POLL_SECONDS, self._release)

    def _release(self) -> None:
        self._polling = False
        if not self._waiting:
            return
        if not self._done():
            self._poll()
            return
        key = self._waiting.popleft()
        self._releasing = key
        # In flight from now: the next key waits until this one was handled, not only
        # until it was posted (else a second release could overtake it, and the key
        # itself would queue up behind the rest: `c A n a` gave "naA").
        self._in_flight, self._sent_at = key, time.monotonic()
        self._app.post_message(key)
        if self._waiting:
            self._poll()
