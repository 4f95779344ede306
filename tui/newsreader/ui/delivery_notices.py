"""What the person is told about deliveries: a toast when a comment is accepted, returned
or left unsure, and a warning when the sender cannot work.

Accepted comments are told at once for the first and then gathered (a backlog of 200 is not
200 toasts); returned and unsure ones are told each, since each needs the person.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from newsreader.safe_text import one_line
from newsreader.ui.messages import CommentDelivered, SenderIdle
from newsreader.wording import count_of

# Comments accepted within this many seconds of the last such toast wait for the next one.
ACCEPTED_TOAST_EVERY = 5.0


class DeliveryNotices:
    def __init__(self, notify: Callable[..., object], warn: Callable[[str], None]) -> None:
        self._notify = notify
        self._warn = warn
        self._accepted: list[str] = []  # titles of comments accepted and not yet told
        self._accepted_told_at = 0.0
        self._problem = ""

    def delivered(self, event: CommentDelivered) -> None:
        title = one_line(event.article_title)
        detail = one_line(event.detail)
        if event.state in ("sent", "published"):
            self._accepted.append(title)
            if time.monotonic() - self._accepted_told_at > ACCEPTED_TOAST_EVERY:
                self._tell_accepted()
        elif event.state == "returned":
            self._notify(
                f"Comment on “{title}” returned by the site: {detail}. "
                "On the pending screen (p), e edits it and a sends it again.",
                severity="warning",
                timeout=15,
                markup=False,
            )
        elif event.state == "unsure":
            self._notify(
                f"Comment on “{title}”: no answer from the site ({detail}). It may have it; "
                "the pending screen (p) offers to send again or mark it as sent.",
                severity="warning",
                timeout=15,
                markup=False,
            )

    def idle(self, event: SenderIdle) -> None:
        # Said once, not at every pass; another sender holding the lock is no problem.
        if event.problem and not event.busy and event.problem != self._problem:
            self._warn(event.problem)
        self._problem = event.problem
        self._tell_accepted()

    def _tell_accepted(self) -> None:
        accepted, self._accepted = self._accepted, []
        if not accepted:
            return
        if len(accepted) == 1:
            said = f"Comment on “{accepted[0]}” accepted: waiting for a moderator."
        else:
            said = f"{count_of(len(accepted), 'comment')} accepted: waiting for a moderator."
        self._notify(said, markup=False)
        self._accepted_told_at = time.monotonic()
