"""When an article counts as read: opened, or left on screen for a while.

Passing over an article (moving the cursor through the list, a search narrowing it,
the list filling in at launch) shows it in the reading pane but never marks it read:
only opening it (Enter, a click in the pane, scrolling it) does, or its staying shown
for `reader.read_after_seconds`. An article the person marked unread (`r`) stays
unread until they open it again: the timer leaves it alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from textual.timer import Timer

DEFAULT_READ_AFTER_SECONDS = 3.0


class _SetsTimers(Protocol):
    def set_timer(self, delay: float, callback: Callable[[], object]) -> Timer: ...


class ReadMarker:
    """Decides when the article shown becomes read; `mark` records it."""

    def __init__(
        self,
        clock: _SetsTimers,
        mark: Callable[[str], None],
        read_after_seconds: float = DEFAULT_READ_AFTER_SECONDS,
    ) -> None:
        self._clock = clock
        self._mark = mark
        self.read_after_seconds = read_after_seconds
        self._timer: Timer | None = None
        self._shown: str | None = None
        # Marked unread by the person this session: only opening them again marks them.
        self._kept_unread: set[str] = set()

    @property
    def shown(self) -> str | None:
        return self._shown

    def shown_now(self, article_id: str | None) -> None:
        """The reading pane shows this article (None: nothing) from now on."""
        if article_id == self._shown:
            return
        self._stop_timer()
        self._shown = article_id
        if article_id is None or article_id in self._kept_unread:
            return
        if self.read_after_seconds <= 0:
            self._mark(article_id)
            return
        self._timer = self._clock.set_timer(
            self.read_after_seconds, lambda: self._stayed(article_id)
        )

    def opened(self, article_id: str) -> None:
        """Enter on it: read now, even if it was marked unread before."""
        self._stop_timer()
        self._kept_unread.discard(article_id)
        self._mark(article_id)

    def engaged(self, article_id: str) -> None:
        """The person scrolled or clicked the pane showing it."""
        if article_id == self._shown and article_id not in self._kept_unread:
            self._stop_timer()
            self._mark(article_id)

    def kept_unread(self, article_id: str) -> None:
        """`r` made it unread: it stays so while shown, and when shown again."""
        self._kept_unread.add(article_id)
        if article_id == self._shown:
            self._stop_timer()

    def read_again(self, article_id: str) -> None:
        """`r` made it read again by hand."""
        self._kept_unread.discard(article_id)

    def _stayed(self, article_id: str) -> None:
        self._timer = None
        if article_id == self._shown and article_id not in self._kept_unread:
            self._mark(article_id)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
