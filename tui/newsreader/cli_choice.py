"""`newsreader queue send --again ID` and `newsreader queue mark-sent ID`: the person's choice
for a comment the outbox will not decide alone.

An `unsure` comment (the sender stopped between request and answer) may already be on the
site: sending it again could show it twice, so only the person says "send again" or "the
site has it". `--again` also takes a `returned` comment as it is. Exit 2 for an id that
names no single comment, or a comment in another state; nothing is changed then.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsreader.cli_send import outbox_for, send_queue
from newsreader.comments.delivery.delivery_columns import NEVER_TRIED, deliveries
from newsreader.comments.queue import PendingQueue, QueueError, id_prefix
from newsreader.config import Config
from newsreader.exit_codes import EXIT_OK, EXIT_REFUSED, EXIT_RETRY
from newsreader.safe_text import one_line

MIN_ID_PREFIX = 8


def _say(message: str) -> None:
    print(f"newsreader: {one_line(message)}", file=sys.stderr)


def _resolve(queue: PendingQueue, given: str) -> str | None:
    prefix = id_prefix(given)
    if len(prefix) < MIN_ID_PREFIX:
        _say(f"id “{prefix}” is too short; give at least {MIN_ID_PREFIX} characters")
        return None
    found, _ = queue.ids_starting_with(prefix)
    if len(found) != 1:
        what = "nothing" if not found else f"{len(found)} comments"
        _say(f"no single comment has id “{prefix}” (it matches {what}; see `queue list`)")
        return None
    return next(iter(found))


def send_again(data_dir: Path, config: Config, given: str) -> int:
    """Put an unsure or returned comment back in line, then send what is due."""
    try:
        outbox = outbox_for(data_dir, config)
        try:
            comment_id = _resolve(outbox.queue, given)
            if comment_id is None:
                return EXIT_REFUSED
            if not outbox.send_again(comment_id):
                state = deliveries(outbox.queue).get(comment_id, NEVER_TRIED).state
                _say(
                    f"{comment_id} is {state}: only an unsure or returned comment is sent "
                    "again (a pending one goes with `queue send`)"
                )
                return EXIT_REFUSED
        finally:
            outbox.servers.close()
    except QueueError as error:
        _say(str(error))
        return EXIT_RETRY
    print(one_line(f"{comment_id[:8]}  back in line; sending what is due"))
    return send_queue(data_dir, config, dry_run=False)


def mark_sent(data_dir: Path, config: Config, given: str) -> int:
    """The person says the site has this unsure comment: it is never sent again."""
    try:
        outbox = outbox_for(data_dir, config)
        try:
            comment_id = _resolve(outbox.queue, given)
            if comment_id is None:
                return EXIT_REFUSED
            if not outbox.mark_sent(comment_id):
                state = deliveries(outbox.queue).get(comment_id, NEVER_TRIED).state
                _say(f"{comment_id} is {state}: only an unsure comment is marked as sent")
                return EXIT_REFUSED
        finally:
            outbox.servers.close()
    except QueueError as error:
        _say(str(error))
        return EXIT_RETRY
    print(one_line(f"{comment_id[:8]}  marked as sent; it will not be sent again"))
    return EXIT_OK
