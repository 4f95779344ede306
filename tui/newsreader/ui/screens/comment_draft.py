"""Keeping an open comment form as a draft, and telling people where their drafts wait.

`DraftKeeper` is the line under the form. About once a second it compares the fields with
what it last wrote and, when they differ, writes them to the queue file in a thread
worker, so a crash or `kill -9` costs at most the last second or two of typing. The write
waits in SQLite's busy handler when another program holds the queue, which is why it never
runs on the UI thread.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker

from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.draft_store import HEARTBEAT_SECONDS, DraftKind, DraftOwner, SavedDraft
from newsreader.comments.queue import DraftClaimed, PendingQueue, QueueError
from newsreader.safe_text import one_line

if TYPE_CHECKING:
    from newsreader.comments.queue import PendingQueue

SAVE_INTERVAL = 1.0
# A write still running after this long is waiting for another program's lock: say so.
SLOW_WRITE_SECONDS = 1.5
# How long a write at exit waits for an autosave under way before it writes anyway.
WRITE_AT_ONCE_WAIT = 2.0
IDLE_NOTE = "What you type is kept as a draft about once a second."
SAVED_NOTE = "Draft saved: it is kept even if newsreader stops."


def fields_of(draft: CommentDraft | None) -> tuple[str, str, str] | None:
    return None if draft is None else (draft.name, draft.email, draft.body)


class DraftKeeper(Static):
    """Saves the form as a draft about once a second, in a thread, and says when it did."""

    class Written(Message):
        """A write ended: `wanted` is on disk now, unless `problem` says why not."""

        bubble = False

        def __init__(
            self, wanted: CommentDraft | None, problem: str, claimed_elsewhere: bool = False
        ) -> None:
            super().__init__()
            self.wanted, self.problem = wanted, problem
            # Another form took the draft over: this one goes on under an id of its own.
            self.claimed_elsewhere = claimed_elsewhere

    def __init__(
        self,
        comment_id: str,
        kind: DraftKind,
        snapshot: Callable[[], CommentDraft],
        pending_queue: Callable[[], PendingQueue],
        *,
        needs_no_draft: CommentDraft,
        owner: DraftOwner,
        id: str | None = None,
    ) -> None:
        super().__init__(IDLE_NOTE, id=id, markup=False)
        self.comment_id = comment_id
        self.kind: DraftKind = kind
        # This form's claim on its draft: no other form writes under the same id.
        self.owner = owner
        self._last_claimed = time.monotonic()
        self._snapshot = snapshot
        self._pending_queue = pending_queue
        # Fields that are no reason to keep a draft: empty for a new comment, the stored
        # text for an edit. Reaching them again removes the draft.
        self._needs_no_draft = fields_of(needs_no_draft)
        self._on_disk: tuple[str, str, str] | None = None
        self._armed = False
        self._write_started: float | None = None
        self._failing = False
        # Serialises this form's writes, so a discard cannot be overtaken by an autosave
        # that was already under way. Only worker threads take it, never the UI thread.
        self._write_lock = threading.Lock()
        self._autosave_ended = False

    def start(self, restored: SavedDraft | None = None) -> None:
        """Begin autosaving; `restored` is the draft the form was filled from, if any."""
        if restored is not None:
            self.comment_id = restored.comment_id
            self._on_disk = fields_of(restored.as_comment_draft())
        self._armed = True
        self.set_interval(SAVE_INTERVAL, self._tick)

    def become_new(self, comment_id: str, needs_no_draft: CommentDraft | None = None) -> None:
        """Keep the text under a new id as a new comment's draft (its comment is gone, or
        its draft is open in another form): the next tick writes it there."""
        self.comment_id = comment_id
        self.kind = "new"
        if needs_no_draft is not None:
            self._needs_no_draft = fields_of(needs_no_draft)
        self._on_disk = None

    def needs_no_draft_for(self, start: CommentDraft) -> None:
        """What the form was filled with before any typing: holding only that is no draft."""
        self._needs_no_draft = fields_of(start)

    def stop(self) -> None:
        """No more autosaves: the comment was sent (the queue refuses late drafts anyway)."""
        self._autosave_ended = True

    @contextmanager
    def holding_writes(self) -> Iterator[None]:
        """For the form's own save, in its worker: no autosave runs meanwhile, so none can
        land after the save (a late one re-created the edit draft the save had removed)."""
        with self._write_lock:
            yield

    @property
    def has_draft_on_disk(self) -> bool:
        return self._on_disk is not None

    @property
    def write_running(self) -> bool:
        return self._write_started is not None

    @property
    def up_to_date(self) -> bool:
        """True when the disk holds what the form holds (nothing to write, none under way)."""
        return self._write_started is None and fields_of(self.wanted()) == self._on_disk

    # --- the once-a-second save ------------------------------------------------------------

    def wanted(self) -> CommentDraft | None:
        """What the draft on disk should hold now; None when no draft should exist."""
        snapshot = self._snapshot()
        return None if fields_of(snapshot) == self._needs_no_draft else snapshot

    def _tick(self) -> None:
        if not self._armed or self._autosave_ended:
            return
        if self._write_started is not None:
            if time.monotonic() - self._write_started > SLOW_WRITE_SECONDS:
                self._show("Saving the draft: waiting for another program using the queue…")
            return
        wanted = self.wanted()
        if fields_of(wanted) != self._on_disk:
            self.write(wanted)
        elif self._on_disk is not None and self._claim_ageing():
            self._last_claimed = time.monotonic()
            self._renew(self.comment_id)

    def _claim_ageing(self) -> bool:
        return time.monotonic() - self._last_claimed > HEARTBEAT_SECONDS

    @work(thread=True, exit_on_error=False, group="draft-claim")
    def _renew(self, comment_id: str) -> None:
        # Nothing typed for a while: tell other forms this one is still open. A failure
        # only lets the claim go stale; the next save says what is wrong.
        with suppress(QueueError):
            self._pending_queue().renew_claim(comment_id, self.owner)

    def write(self, wanted: CommentDraft | None, *, last: bool = False) -> Worker[str]:
        """Write (or, for None, remove) the draft in a thread; the worker returns "" when
        it succeeded, else the reason. `last=True` ends autosaving once it is done."""
        self._write_started = time.monotonic()
        return self._write(self.comment_id, wanted, last)

    @work(thread=True, exit_on_error=False, group="draft-write")
    def _write(self, comment_id: str, wanted: CommentDraft | None, last: bool) -> str:
        problem = ""
        claimed_elsewhere = False
        with self._write_lock:
            if self._autosave_ended:
                return ""
            try:
                queue = self._pending_queue()
                if wanted is None:
                    queue.discard_draft(comment_id)
                elif not queue.save_draft(
                    comment_id, wanted, kind=self.kind, owner=self.owner, release=last
                ):
                    problem = (
                        "this comment is no longer pending (withdrawn, or saved elsewhere)."
                        if self.kind == "edit"
                        else "a comment with this id is already in the queue."
                    )
            except DraftClaimed as claimed:
                where = f"process {claimed.pid}" if claimed.pid else "another process"
                problem = f"this draft is open in another comment form ({where})."
                claimed_elsewhere = True
            except QueueError as error:
                problem = str(error)
            except Exception as error:  # a draft problem must never take the form down
                problem = f"Could not save the draft: {error}"
            if last and not problem:
                self._autosave_ended = True
            if not problem:
                self._last_claimed = time.monotonic()
        # A form closed meanwhile drops the message: nothing is left to tell.
        self.post_message(self.Written(wanted, problem, claimed_elsewhere))
        return problem

    def write_at_once(self, queue: PendingQueue) -> str:
        """Write the form's text on the calling thread, after any write under way, and end
        autosaving: for a process about to end (its terminal closed). "" or why not."""
        wanted = self.wanted()
        if wanted is None:
            return ""
        took_lock = self._write_lock.acquire(timeout=WRITE_AT_ONCE_WAIT)
        try:
            queue.save_draft(
                self.comment_id, wanted, kind=self.kind, owner=self.owner, release=True
            )
        except QueueError as error:
            return str(error)
        except Exception as error:  # the last chance to keep the text: never raise here
            return f"Could not save the draft: {error}"
        finally:
            # An autosave still waiting must not overwrite this with older text.
            self._autosave_ended = True
            if took_lock:
                self._write_lock.release()
        return ""

    def on_draft_keeper_written(self, event: Written) -> None:
        wanted, problem = event.wanted, event.problem
        claimed_elsewhere = event.claimed_elsewhere
        self._write_started = None
        if not self.is_attached:
            return
        if claimed_elsewhere and self.kind == "new":
            # Another form took this draft over (this one was silent too long): both go on,
            # this one under a draft of its own, which the next tick writes.
            self.become_new(str(uuid.uuid4()))
            self._show(f"Draft not saved: {problem} This form goes on under a draft of its own.")
            return
        if problem:
            self._show(f"Draft not saved: {problem} Your text is still in the form.", error=True)
            if not self._failing:
                self.notify(problem, severity="error", markup=False, timeout=8)
            self._failing = True
            return
        self._failing = False
        self._on_disk = fields_of(wanted)
        # No clock time: the line must read the same in snapshots; it changes when saved.
        self._show(SAVED_NOTE if wanted is not None else IDLE_NOTE)

    def say(self, message: str) -> None:
        """Show a note on the draft line until the next save replaces it."""
        self._show(message)

    def _show(self, message: str, *, error: bool = False) -> None:
        self.set_class(error, "failing")
        self.update(Text(message))


def drafts_waiting_notice(drafts: list[SavedDraft], key: Callable[[str], str]) -> str:
    """What the reader says at launch when drafts are waiting, and where to find them
    (`key`: the key in force for a main-screen binding id)."""
    pending, comment = key("main.pending"), key("main.comment")
    latest = drafts[0]
    title = one_line(latest.article_title)
    when = latest.updated_minute
    if len(drafts) > 1:
        return (
            f"{len(drafts)} unsent drafts are waiting; the latest is on “{title}” "
            f"(saved {when}). Press {pending} to see them and go on writing."
        )
    if latest.is_edit:
        return (
            f"Unsaved changes to your pending comment on “{title}” are waiting "
            f"(saved {when}). Press {pending}, then e on it, to go on."
        )
    return (
        f"A draft is waiting: your comment on “{title}” (saved {when}). "
        f"Press {comment} on that article, or {pending} to see drafts, to go on writing."
    )
