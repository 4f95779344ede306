"""`newsreader queue send [--dry-run]` and `newsreader queue sync`: the outbox from the shell.

Exit status for send: 0 when nothing is left that could be sent now, 1 when some comment will
be retried (or the queue could not be used), 2 on bad usage. Safe from cron while the reader
runs: one sender at a time.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsreader.comments.delivery.outbox import Outbox, SenderBusy
from newsreader.comments.delivery.servers import ServerDirectory, ServerEntry
from newsreader.comments.queue import PendingQueue, QueueError
from newsreader.config import Config
from newsreader.safe_text import one_line

EXIT_OK, EXIT_RETRY, EXIT_USAGE = 0, 1, 2


def outbox_for(data_dir: Path, config: Config) -> Outbox:
    servers = ServerDirectory(
        [ServerEntry(server.site, server.url, server.kind) for server in config.servers]
    )
    return Outbox(PendingQueue.open(data_dir), servers)


def send_queue(data_dir: Path, config: Config, *, dry_run: bool) -> int:
    try:
        outbox = outbox_for(data_dir, config)
        try:
            results = outbox.send_due(dry_run=dry_run)
        finally:
            outbox.servers.close()
    except SenderBusy as busy:
        print(f"newsreader: {busy}", file=sys.stderr)
        return EXIT_RETRY
    except QueueError as error:
        print(f"newsreader: {one_line(str(error))}", file=sys.stderr)
        return EXIT_RETRY
    for result in results:
        print(one_line(result.line()))
    if not results:
        print("Nothing to send.", file=sys.stderr)
    return EXIT_RETRY if any(result.will_retry for result in results) else EXIT_OK


def sync_queue(data_dir: Path, config: Config) -> int:
    try:
        outbox = outbox_for(data_dir, config)
        try:
            results = outbox.sync()
        finally:
            outbox.servers.close()
    except QueueError as error:
        print(f"newsreader: {one_line(str(error))}", file=sys.stderr)
        return EXIT_RETRY
    for result in results:
        print(one_line(result.line()))
    if not results:
        print("No delivered comment is waiting for a moderator.", file=sys.stderr)
    return EXIT_OK
