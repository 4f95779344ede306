"""`newsreader queue send [--dry-run]` and `newsreader queue sync`: the outbox from the shell.

Exit status for send: 0 when nothing is left that could be sent now, 1 when some comment will
be retried, is damaged (the others are sent all the same) or the queue could not be used, 2
on bad usage. Safe from cron while the reader
runs: one sender at a time.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from newsreader.comments.delivery.outbox import Outbox, SendResult
from newsreader.comments.delivery.servers import ServerDirectory, ServerEntry
from newsreader.comments.queue import PendingQueue, QueueError
from newsreader.config import Config
from newsreader.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_RETRY
from newsreader.safe_text import one_line


def outbox_for(data_dir: Path, config: Config) -> Outbox:
    servers = ServerDirectory(
        [ServerEntry(server.site, server.url, server.kind) for server in config.servers]
    )
    return Outbox(PendingQueue.open(data_dir), servers)


def _run(
    data_dir: Path, config: Config, deliver: Callable[[Outbox], list[SendResult]]
) -> list[SendResult] | int:
    """The results of one pass over the outbox, or the exit status when it could not run."""
    try:
        outbox = outbox_for(data_dir, config)
        try:
            return deliver(outbox)
        finally:
            outbox.servers.close()
    except QueueError as error:  # SenderBusy among them: another sender has the lock
        print(f"newsreader: {one_line(str(error))}", file=sys.stderr)
        return EXIT_RETRY


def send_queue(data_dir: Path, config: Config, *, dry_run: bool) -> int:
    unreadable: list[str] = []

    def send(outbox: Outbox) -> list[SendResult]:
        results = outbox.send_due(dry_run=dry_run)
        unreadable.extend(outbox.unreadable)
        return results

    results = _run(data_dir, config, send)
    if isinstance(results, int):
        return results
    for result in results:
        print(one_line(result.line()))
    for line in unreadable:  # the others went out all the same
        print(f"newsreader: {one_line(line)}", file=sys.stderr)
    if not results and not unreadable:
        print("Nothing to send.", file=sys.stderr)
    if unreadable:
        return EXIT_FAILED
    return EXIT_RETRY if any(result.will_retry for result in results) else EXIT_OK


def sync_queue(data_dir: Path, config: Config) -> int:
    results = _run(data_dir, config, Outbox.sync)
    if isinstance(results, int):
        return results
    for result in results:
        print(one_line(result.line()))
    if not results:
        print("No delivered comment is waiting for a moderator.", file=sys.stderr)
    return EXIT_OK
