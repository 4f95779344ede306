"""`newsreader queue list|export`: read the pending queue without starting the reader."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsreader.comments.queue import PendingComment, PendingQueue, QueueError
from newsreader.safe_text import one_line

# JSON only has to escape C0; DEL, C1 and bidi controls are escaped too so that printing an
# export to a terminal cannot send it control sequences. The result is still plain JSON.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _open(data_dir: Path) -> PendingQueue | None:
    try:
        queue = PendingQueue.open(data_dir)
    except QueueError as error:
        print(f"newsreader: {error}", file=sys.stderr)
        return None
    if queue.quarantined_to is not None:
        print(
            f"newsreader: the pending queue was damaged; it was moved aside, not deleted: "
            f"{queue.quarantined_to}",
            file=sys.stderr,
        )
    return queue


def _pending(data_dir: Path) -> list[PendingComment] | None:
    queue = _open(data_dir)
    if queue is None:
        return None
    try:
        return queue.pending()
    except QueueError as error:
        print(f"newsreader: {error}", file=sys.stderr)
        return None


def export_line(comment: PendingComment) -> str:
    line = json.dumps(comment.as_json_dict(), ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


def export_queue(data_dir: Path) -> int:
    comments = _pending(data_dir)
    if comments is None:
        return 1
    for comment in comments:
        sys.stdout.write(export_line(comment) + "\n")
    return 0


def list_queue(data_dir: Path) -> int:
    comments = _pending(data_dir)
    if comments is None:
        return 1
    # Piped output has no width to fit: make it wide enough that nothing is cut.
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    if not comments:
        console.print(Text(f"No pending comments in {data_dir}."))
        return 0
    table = Table(title=Text(f"{len(comments)} pending comment(s)"), title_justify="left")
    for column in ("id", "article", "name", "created", "first line"):
        table.add_column(column, overflow="fold")
    for comment in comments:
        table.add_row(
            Text(comment.id[:8]),
            Text(one_line(comment.article_title)),
            Text(one_line(comment.name)),
            Text(comment.created_minute),
            Text(one_line(comment.first_line)),
        )
    console.print(table)
    return 0
