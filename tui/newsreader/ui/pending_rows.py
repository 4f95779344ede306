"""What one row of the pending screen is, and how its state is worded for a person.

A row is a queued comment with its delivery state (`CommentRow`), a draft still being
written (`DraftRow`), or a comment the queue could not read (`DamagedRow`). The words for
each state live here, so the list, the detail lines and the dialogs say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsreader.comments.times import readable_minute
from newsreader.safe_text import one_line
from newsreader.wording import count_of

if TYPE_CHECKING:
    from newsreader.comments.delivery.outbox_store import OutboxEntry
    from newsreader.comments.queue import SavedDraft


@dataclass(frozen=True)
class CommentRow:
    entry: OutboxEntry
    # Why it cannot be sent as things are ("no comment server for example.org"), or "".
    waits_for: str = ""

    @property
    def comment_id(self) -> str:
        return self.entry.comment_id

    @property
    def status(self) -> str:
        return self.entry.state

    @property
    def article_title(self) -> str:
        return self.entry.article_title

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def when(self) -> str:
        return readable_minute(self.entry.created)

    @property
    def first_line(self) -> str:
        return first_line_of(self.entry.body)

    @property
    def editable(self) -> bool:
        # Once the site has it (or may have it), changing our copy would change nothing there.
        return self.entry.state in ("pending", "returned")


@dataclass(frozen=True)
class DraftRow:
    draft: SavedDraft

    @property
    def comment_id(self) -> str:
        return self.draft.comment_id

    @property
    def status(self) -> str:
        return "edit draft" if self.draft.is_edit else "draft"

    @property
    def article_title(self) -> str:
        return self.draft.article_title

    @property
    def name(self) -> str:
        return self.draft.name

    @property
    def when(self) -> str:
        return self.draft.updated_minute

    @property
    def first_line(self) -> str:
        return self.draft.first_line


@dataclass(frozen=True)
class DamagedRow:
    row_id: int
    problem: str

    comment_id = ""
    status = "damaged"
    article_title = ""
    name = ""
    when = ""

    @property
    def first_line(self) -> str:
        return self.problem


QueueRow = CommentRow | DraftRow | DamagedRow


def first_line_of(body: str) -> str:
    return next((line.strip() for line in body.splitlines() if line.strip()), "")


def describe(row: QueueRow) -> list[str]:
    """Lines under the list about the highlighted row: its state, why it waits, what to do."""
    if isinstance(row, DamagedRow):
        return [f"Damaged: {one_line(row.problem)}", "Run `newsreader queue check` to see it."]
    if isinstance(row, DraftRow):
        kind = "changes to a pending comment" if row.draft.is_edit else "a new comment"
        return [f"Draft of {kind}, last saved {row.when}: not sent.", "e goes on writing it."]
    entry = row.entry
    server = f" ({one_line(entry.server)})" if entry.server else ""
    tried = f"attempts: {entry.attempts}" + (
        f" · last error: {one_line(entry.last_error)}" if entry.last_error else ""
    )
    state = entry.state
    if state == "pending":
        if row.waits_for:
            first = f"Pending: waits, {one_line(row.waits_for)}."
        elif entry.next_attempt:
            first = f"Pending: next attempt at {readable_minute(entry.next_attempt)}."
        else:
            first = "Pending: goes out with the next send (s sends now)."
        return [first, tried] if entry.attempts else [first]
    if state == "sending":
        return [f"Sending now{server}."]
    if state == "sent":
        number = f" as comment {one_line(entry.server_id)}" if entry.server_id else ""
        return [f"Sent: the site accepted it{number}{server}; a moderator has yet to approve it."]
    if state == "published":
        return [f"Published: the site shows it{server}."]
    if state == "returned":
        reason = one_line(entry.last_error) or "no reason given"
        return [
            f"Returned by the site: {reason}.",
            "e edits it (then it goes again); a sends it again as it is.",
        ]
    if state == "unsure":
        reason = one_line(entry.last_error) or "no answer came"
        return [
            f"Unsure: {reason}. The site may already have it, so it is not sent again by itself.",
            "a: send again (it may then appear twice) · m: mark as sent (the site has it)",
        ]
    return [f"{state.capitalize()}."]


def withdraw_question(row: CommentRow | DraftRow) -> tuple[str, str]:
    """The withdraw dialog's question, naming the comment (first line, time), and its yes."""
    title = one_line(row.article_title)
    first = one_line(row.first_line)
    if len(first) > 60:
        first = first[:59] + "…"
    which = f"“{first}” ({row.when})"
    if isinstance(row, DraftRow):
        return f"Discard your draft on “{title}”?\n{which}\nWhat it holds will be lost.", "Discard"
    state = row.entry.state
    if state in ("pending", "returned"):
        then = "It will not be sent to the moderator."
    elif row.entry.server_id:
        then = (
            "The site has it: it will be asked to delete it, which it allows for a while "
            "after sending; after that, the site must be asked."
        )
    else:
        then = "The site may have it: it is removed here; ask the site to remove it there."
    return f"Withdraw your comment on “{title}”?\n{which}\n{then}", "Withdraw"


# The heading's words for each delivery state, in the order a comment goes through them.
_STATE_WORDS = {
    "pending": "waiting",
    "sending": "sending",
    "sent": "sent",
    "published": "published",
    "returned": "returned",
    "unsure": "unsure",
}


def state_counts(states: dict[str, int], drafts: int) -> str:
    """ "3 waiting, 2 sent, and 1 draft" for the pending screen's heading ("none": empty)."""
    parts = [
        f"{states[state]:,} {word}" for state, word in _STATE_WORDS.items() if states.get(state)
    ]
    if drafts:
        parts.append(count_of(drafts, "draft"))
    if not parts:
        return "none"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
