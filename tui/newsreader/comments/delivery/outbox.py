"""The outbox: send what is due, once; follow what was sent until it is published.

The rule that keeps a comment from reaching the site twice: it is marked `sending` and that
is committed before the request leaves. A `sending` row found by the next sender means the
last one died between request and answer; it becomes `unsure` and waits for the person.
One sender at a time (an flock on a file in the data dir), so the reader's background sender
and `newsreader queue send` from cron never send the same comment together.
"""

from __future__ import annotations

import fcntl
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from newsreader.comments.delivery.credentials import (
    Credential,
    credential_for,
    forget_credential,
    keep_credential,
)
from newsreader.comments.delivery.outbox_store import (
    DeliveryState,
    OutboxEntry,
    record,
    select_entries,
    select_readable,
)
from newsreader.comments.delivery.schedule import wait_before_retry
from newsreader.comments.delivery.server import (
    Accepted,
    DeliveryError,
    Refused,
    Submission,
    SubmitOutcome,
    TryLater,
    Unsure,
)
from newsreader.comments.delivery.servers import ServerDirectory
from newsreader.comments.queue import PendingQueue, QueueError
from newsreader.comments.store import connect, explain, write_transaction
from newsreader.comments.times import readable_minute, utc_timestamp

LOCK_FILE_NAME = "sender.lock"
_DIED_WHILE_SENDING = "the sender stopped before the server answered; the site may already have it"


# Writes a comment's outcome inside the transaction that marks the next one `sending`.
Recording = Callable[[sqlite3.Connection], None]


class SenderBusy(QueueError):
    """Another sender holds the lock; this one did nothing."""


@dataclass(frozen=True)
class SendResult:
    entry: OutboxEntry
    state: DeliveryState
    detail: str
    # When it will be tried again (UTC timestamp), for a comment left pending.
    retry_at: str | None = None

    @property
    def will_retry(self) -> bool:
        return self.retry_at is not None

    def line(self) -> str:
        short = self.entry.comment_id[:8]
        if self.state == "pending" and self.retry_at:
            what = f"will retry at {readable_minute(self.retry_at)}: {self.detail}"
        elif self.state == "pending":
            what = f"waiting: {self.detail}"
        elif self.detail:
            what = f"{self.state}: {self.detail}"
        else:
            what = self.state
        return f"{short}  {what}"


class Outbox:
    def __init__(
        self,
        queue: PendingQueue,
        servers: ServerDirectory,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        rng: random.Random | None = None,
    ) -> None:
        self.queue = queue
        self.servers = servers
        self._clock = clock
        self._rng = rng or random.Random()
        # Lines for the comments the last `due()` could not read (damaged rows).
        self.unreadable: list[str] = []

    # --- storage ---------------------------------------------------------------------------

    @contextmanager
    def _connection(self, action: str) -> Iterator[sqlite3.Connection]:
        try:
            with connect(self.queue.path, self.queue.busy_timeout_ms) as connection:
                yield connection
        except (sqlite3.Error, OSError) as error:
            reason = explain(error, self.queue.path, self.queue.busy_timeout_ms)
            raise QueueError(f"Could not {action}: {reason}.") from error

    @contextmanager
    def _writing(self, action: str) -> Iterator[sqlite3.Connection]:
        with self._connection(action) as connection, write_transaction(connection):
            yield connection

    def entries(self) -> list[OutboxEntry]:
        """Every comment with its delivery state, oldest first.

        With no sender running, a comment still marked `sending` was left by one that died:
        it is shown (and stored) as `unsure`, never as on its way.
        """
        try:
            with self._sender_lock():
                self._recover_interrupted()
        except (SenderBusy, OSError):
            pass  # a sender is at work, or the lock cannot be made here: shown as stored
        with self._connection("read the outbox") as connection:
            return select_entries(connection)

    @contextmanager
    def _sender_lock(self) -> Iterator[None]:
        path = self.queue.path.parent / LOCK_FILE_NAME
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as error:
                raise SenderBusy(
                    "Another sender is delivering the queue right now; nothing was sent twice."
                ) from error
            yield
        finally:
            os.close(descriptor)

    # --- sending ---------------------------------------------------------------------------

    def _recover_interrupted(self) -> None:
        """Under the lock: a `sending` row belongs to a sender that died mid-request."""
        now = utc_timestamp(self._clock())
        with self._writing("check the outbox") as connection:
            for entry in select_entries(connection, "d.state = 'sending'"):
                record(connection, entry.comment_id, "unsure", now, last_error=_DIED_WHILE_SENDING)

    def due(self) -> list[OutboxEntry]:
        """The comments to send now; a damaged one is left out and named in `unreadable`."""
        now = utc_timestamp(self._clock())
        with self._connection("read the outbox") as connection:
            due, self.unreadable = select_readable(
                connection,
                "c.status = 'pending' AND coalesce(d.state, 'pending') = 'pending' "
                "AND (d.next_attempt IS NULL OR d.next_attempt <= ?)",
                (now,),
            )
            return due

    def settle_interrupted(self) -> bool:
        """Mark `unsure` what a dead sender left `sending`; False when a sender is at work."""
        try:
            with self._sender_lock():
                self._recover_interrupted()
        except SenderBusy:
            return False
        return True

    def send_due(
        self,
        *,
        dry_run: bool = False,
        stop: Callable[[], bool] = lambda: False,
        on_result: Callable[[SendResult], None] = lambda result: None,
    ) -> list[SendResult]:
        """Deliver every comment that is due now; one result per comment looked at.

        `stop` is asked before each comment (the reader quitting); `on_result` hears each
        outcome as it comes, for a sender that reports while it works.
        """
        with self._sender_lock():
            if dry_run:
                return [self._dry_run(entry) for entry in self.due()]
            self._recover_interrupted()
            results: list[SendResult] = []
            with self._connection("deliver the outbox") as connection:
                # One comment's outcome is committed together with the next one's `sending`:
                # one disk flush per comment instead of two, and still every outcome is on
                # disk before the next request leaves.
                unrecorded: list[Recording] = []
                for entry in self.due():
                    if stop():
                        break
                    result, recording = self._send_one(connection, entry, unrecorded)
                    unrecorded = [recording] if recording else []
                    results.append(result)
                    on_result(result)
                if unrecorded:
                    with write_transaction(connection):
                        for recording in unrecorded:
                            recording(connection)
            return results

    def _dry_run(self, entry: OutboxEntry) -> SendResult:
        server, why_not = self.servers.for_article(entry.article_url)
        if server is None:
            return SendResult(entry, "pending", why_not)
        return SendResult(entry, "pending", f"would be sent to {server.kind} ({entry.article_url})")

    def _send_one(
        self, connection: sqlite3.Connection, entry: OutboxEntry, unrecorded: list[Recording]
    ) -> tuple[SendResult, Recording | None]:
        now = utc_timestamp(self._clock())
        server, why_not = self.servers.for_article(entry.article_url)
        if server is None:

            def waits(connection: sqlite3.Connection) -> None:
                record(connection, entry.comment_id, "pending", now, last_error=why_not)

            with write_transaction(connection):
                for recording in unrecorded:
                    recording(connection)
                waits(connection)
            return SendResult(entry, "pending", why_not), None
        # Committed before the request: if we die from here on, it is never sent again
        # without the person saying so.
        with write_transaction(connection):
            for recording in unrecorded:
                recording(connection)
            still = select_entries(
                connection,
                "c.id = ? AND c.status = 'pending' AND coalesce(d.state, 'pending') = 'pending'",
                (entry.comment_id,),
            )
            if still:
                record(
                    connection,
                    entry.comment_id,
                    "sending",
                    now,
                    server=server.base_url,
                    attempts_delta=1,
                )
        if not still:
            return SendResult(entry, entry.state, "changed meanwhile; not sent"), None
        outcome = server.submit(
            Submission(entry.article_url, entry.article_title, entry.name, entry.email, entry.body)
        )
        return self._outcome(entry, outcome)

    def _outcome(self, entry: OutboxEntry, outcome: SubmitOutcome) -> tuple[SendResult, Recording]:
        finished = utc_timestamp(self._clock())
        comment_id = entry.comment_id
        if isinstance(outcome, Accepted):
            state: DeliveryState = "published" if outcome.published else "sent"

            def accepted(connection: sqlite3.Connection) -> None:
                record(
                    connection,
                    comment_id,
                    state,
                    finished,
                    server_id=outcome.server_id,
                    last_error=outcome.note,
                )
                if outcome.server_id and outcome.credential:
                    keep_credential(
                        connection,
                        comment_id,
                        Credential(outcome.credential, outcome.credential_expires),
                    )

            detail = f"id {outcome.server_id}" if outcome.server_id else outcome.note
            return SendResult(entry, state, detail), accepted
        if isinstance(outcome, Refused | Unsure):
            final: DeliveryState = "returned" if isinstance(outcome, Refused) else "unsure"

            def settled(connection: sqlite3.Connection) -> None:
                record(connection, comment_id, final, finished, last_error=outcome.reason)

            return SendResult(entry, final, outcome.reason), settled
        assert isinstance(outcome, TryLater)
        wait = wait_before_retry(entry.attempts + 1, outcome.retry_after, self._rng)
        retry_at = utc_timestamp(self._clock() + timedelta(seconds=wait))

        def later(connection: sqlite3.Connection) -> None:
            record(
                connection,
                comment_id,
                "pending",
                finished,
                next_attempt=retry_at,
                last_error=outcome.reason,
            )

        return SendResult(entry, "pending", outcome.reason, retry_at=retry_at), later

    # --- after sending ---------------------------------------------------------------------

    def sync(self) -> list[SendResult]:
        """Ask each server which sent comments it now shows; mark those published."""
        with self._connection("read the outbox") as connection:
            sent = select_entries(connection, "d.state = 'sent' AND d.server_id IS NOT NULL")
        by_article: dict[str, list[OutboxEntry]] = {}
        for entry in sent:
            by_article.setdefault(entry.article_url, []).append(entry)
        results: list[SendResult] = []
        for article_url, entries in by_article.items():
            server, why_not = self.servers.for_article(article_url)
            if server is None:
                results += [SendResult(entry, "sent", why_not) for entry in entries]
                continue
            try:
                shown = server.published_ids(article_url)
            except DeliveryError as error:
                results += [SendResult(entry, "sent", str(error)) for entry in entries]
                continue
            now = utc_timestamp(self._clock())
            with self._writing("record published comments") as connection:
                for entry in entries:
                    if entry.server_id in shown:
                        record(connection, entry.comment_id, "published", now)
                        results.append(SendResult(entry, "published", ""))
                    else:
                        results.append(SendResult(entry, "sent", "waiting for a moderator"))
        return results

    def send_again(self, comment_id: str) -> bool:
        """The person's choice for an `unsure` or `returned` comment: send it at the next run."""
        return self._move(comment_id, ("unsure", "returned"), "pending")

    def bring_forward(self, comment_id: str) -> bool:
        """The person asked to send this pending comment now: forget its retry time."""
        with self._writing("change the comment's delivery") as connection:
            cursor = connection.execute(
                "UPDATE deliveries SET next_attempt = NULL "
                "WHERE comment_id = ? AND state = 'pending' AND next_attempt IS NOT NULL",
                (comment_id,),
            )
        return cursor.rowcount == 1

    def mark_sent(self, comment_id: str) -> bool:
        """The person's choice for an `unsure` comment: the site has it; do not send again."""
        return self._move(comment_id, ("unsure",), "sent")

    def _move(self, comment_id: str, allowed: tuple[str, ...], state: DeliveryState) -> bool:
        with self._writing("change the comment's delivery") as connection:
            found = select_entries(connection, "c.id = ?", (comment_id,))
            if not found or found[0].state not in allowed:
                return False
            record(connection, comment_id, state, utc_timestamp(self._clock()))
        return True

    def withdraw(self, comment_id: str) -> tuple[bool, str]:
        """Take a comment back: from the queue, and from the server while we still may."""
        with self._connection("read the outbox") as connection:
            found = select_entries(connection, "c.id = ?", (comment_id,))
        if not found:
            return False, "no such comment"
        entry = found[0]
        if entry.state == "sending":
            return False, "it is being sent right now; try again in a moment"
        delivered = entry.state in ("sent", "published", "unsure")
        if delivered and entry.server_id:
            with self._connection("read the outbox") as connection:
                credential = credential_for(connection, comment_id)
            server, _ = self.servers.for_article(entry.article_url)
            if credential is None or not credential.usable(time.time()) or server is None:
                return False, (
                    "it was delivered and can no longer be deleted from here; "
                    "ask the site to remove it"
                )
            outcome = server.withdraw(entry.server_id, credential.value)
            if not outcome.done:
                return False, outcome.reason
            with self._writing("forget the server's cookie") as connection:
                forget_credential(connection, comment_id)
        if not self.queue.withdraw(comment_id):
            return False, "it was withdrawn already"
        if delivered and not entry.server_id:
            return True, "withdrawn here; the site may still have it, so ask the site"
        return True, "withdrawn"
