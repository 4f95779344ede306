"""What every kind of comment server answers, so the outbox never knows which one it talks to.

A server module turns its protocol into one of four outcomes. The split that matters for
"never sent twice" is between TryLater (the request certainly did not reach the server: it
is safe to send again) and Unsure (it may have: only the person can decide).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Submission:
    article_url: str
    article_title: str
    author: str
    email: str
    text: str


@dataclass(frozen=True)
class Accepted:
    """Taken, waiting for a moderator (or already shown, when the site has no moderation)."""

    server_id: str | None
    # What lets us change or delete it later (Isso: a signed cookie), and until when (epoch s).
    credential: str | None = None
    credential_expires: float | None = None
    published: bool = False
    note: str = ""


@dataclass(frozen=True)
class Refused:
    """The server said no to this comment; sending it again unchanged will not help."""

    reason: str


@dataclass(frozen=True)
class TryLater:
    """Not delivered, and certainly not received: safe to send again."""

    reason: str
    retry_after: float | None = None


@dataclass(frozen=True)
class Unsure:
    """The request went out and no answer came back: the server may hold the comment."""

    reason: str


SubmitOutcome = Accepted | Refused | TryLater | Unsure


@dataclass(frozen=True)
class WithdrawOutcome:
    done: bool
    reason: str = ""


class CommentServer(Protocol):
    kind: str
    base_url: str  # where it is; recorded with each comment sent there

    def submit(self, submission: Submission) -> SubmitOutcome: ...

    def published_ids(self, article_url: str) -> set[str]:
        """Ids of comments shown on the article's thread; raises DeliveryError if unknown."""
        ...

    def withdraw(self, server_id: str, credential: str) -> WithdrawOutcome: ...


class DeliveryError(Exception):
    """A question to the server got no usable answer; `str()` is one line for people."""
