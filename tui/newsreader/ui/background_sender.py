"""The reader's sender: delivers the outbox from a thread of its own and says what happened.

It is a plain daemon thread, not a Textual thread worker, because of how the reader ends:
Textual runs thread workers in asyncio's default executor, which is joined at exit, so a
request held by a slow server would hold the quit for up to the client's 30 s timeout. A
daemon thread is left behind instead; what it was sending stays `sending` on disk and the
next sender finds it `unsure` (the Outbox's rule: never sent again without the person).

It reports only with messages (`ui/messages.py`), posted from its thread. The Outbox's lock
keeps it and `newsreader queue send` from cron from ever sending together: while the lock
is taken the sender waits for its next turn.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textual.message import Message

from newsreader.ui.messages import CommentDelivered, SenderIdle

if TYPE_CHECKING:
    import httpx

    from newsreader.comments.delivery.outbox import Outbox, SendResult
    from newsreader.comments.delivery.servers import ServerDirectory
    from newsreader.comments.queue import PendingQueue
    from newsreader.config.load import ServerSetting

# Between passes when nothing is due sooner: a comment written in the form leaves within this.
IDLE_SECONDS = 10.0
# A retry time is never waited for more precisely than this (clocks, jitter).
SHORTEST_WAIT = 1.0
# After the queue itself failed (disk, permissions): no need to hammer it.
AFTER_A_PROBLEM_SECONDS = 60.0
STOP_WAIT_SECONDS = 1.0


@dataclass(frozen=True)
class DeliverySettings:
    """`comments.send` ("auto": deliver in the background) and `[[comments.server]]`."""

    automatic: bool
    servers: tuple[ServerSetting, ...] = ()


class BackgroundSender:
    """Runs passes of `Outbox.send_due`: on a schedule when `automatic`, else on `send_now`."""

    def __init__(
        self,
        open_queue: Callable[[], PendingQueue],
        servers: Sequence[ServerSetting],
        post: Callable[[Message], object],
        *,
        automatic: bool,
        idle_seconds: float = IDLE_SECONDS,
        client_factory: Callable[[], httpx.Client] | None = None,
    ) -> None:
        self._open_queue = open_queue
        self._servers = tuple(servers)
        self._post = post
        self.automatic = automatic
        self._idle_seconds = idle_seconds
        self._client_factory = client_factory
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._bring_forward: set[str] = set()

    @property
    def servers(self) -> tuple[ServerSetting, ...]:
        return self._servers

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        with self._start_lock:
            if self._stopping.is_set() or self.running:
                return
            self._thread = threading.Thread(target=self._run, name="newsreader-sender", daemon=True)
            self._thread.start()

    def send_now(self, comment_id: str | None = None) -> None:
        """A pass at once; `comment_id` (a pending comment waiting to retry) goes too."""
        if comment_id is not None:
            with self._start_lock:
                self._bring_forward.add(comment_id)
        self._wake.set()
        self.start()

    def stop(self, wait: float = STOP_WAIT_SECONDS) -> None:
        """No new request after this; waits a moment for one in flight, never longer."""
        self._stopping.set()
        self._wake.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(wait)

    # --- the thread ------------------------------------------------------------------------

    def _run(self) -> None:
        outbox: Outbox | None = None
        try:
            while not self._stopping.is_set():
                self._wake.clear()
                outbox = outbox or self._outbox()
                wait = self._one_pass(outbox) if outbox is not None else AFTER_A_PROBLEM_SECONDS
                if self._stopping.is_set():
                    break
                # Manual, or nowhere to send to: the next pass is the next `s`.
                self._wake.wait(wait if self.automatic and self._servers else None)
        finally:
            if outbox is not None:
                outbox.servers.close()

    def _outbox(self) -> Outbox | None:
        from newsreader.comments.delivery.outbox import Outbox
        from newsreader.comments.queue import QueueError

        try:
            queue = self._open_queue()
        except QueueError as error:
            self._post(SenderIdle(str(error)))
            return None
        directory = server_directory(self._servers, self._client_factory)
        return Outbox(queue, directory)

    def _one_pass(self, outbox: Outbox) -> float:
        """Send what is due; the seconds until the next pass."""
        from newsreader.comments.delivery.outbox import SenderBusy
        from newsreader.comments.queue import QueueError

        with self._start_lock:
            forward, self._bring_forward = self._bring_forward, set()
        try:
            for comment_id in forward:
                outbox.bring_forward(comment_id)
            results = outbox.send_due(stop=self._stopping.is_set, on_result=self._report)
        except SenderBusy as busy:
            self._post(SenderIdle(str(busy), busy=True))
            return self._idle_seconds
        except QueueError as error:
            self._post(SenderIdle(str(error)))
            return AFTER_A_PROBLEM_SECONDS
        except Exception as error:  # a bug must be said, and must not end delivery for good
            self._post(SenderIdle(f"The sender failed: {type(error).__name__}: {error}"))
            return AFTER_A_PROBLEM_SECONDS
        self._post(SenderIdle())
        return _next_wait(results, self._idle_seconds)

    def _report(self, result: SendResult) -> None:
        entry = result.entry
        self._post(
            CommentDelivered(
                entry.comment_id, entry.article_title, result.state, result.detail, result.retry_at
            )
        )


def server_directory(
    servers: Sequence[ServerSetting], client_factory: Callable[[], httpx.Client] | None = None
) -> ServerDirectory:
    """The config's servers as the outbox uses them (imports httpx: call it off the UI thread)."""
    from newsreader.comments.delivery.servers import ServerDirectory, ServerEntry

    entries = [ServerEntry(server.site, server.url, server.kind) for server in servers]
    if client_factory is None:
        return ServerDirectory(entries)
    return ServerDirectory(entries, client_factory)


def _next_wait(results: Sequence[SendResult], idle_seconds: float) -> float:
    """Until the earliest retry this pass set, if it is sooner than the idle wait."""
    retries = [result.retry_at for result in results if result.retry_at]
    if not retries:
        return idle_seconds
    soonest = datetime.strptime(min(retries), "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    seconds = (soonest - datetime.now(UTC)).total_seconds()
    return max(SHORTEST_WAIT, min(idle_seconds, seconds))
