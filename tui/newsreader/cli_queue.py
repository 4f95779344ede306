"""`newsreader queue list|export|remove`: the pending queue without starting the reader."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsreader.comments.queue import (
    PendingComment,
    PendingQueue,
    QueueError,
    SavedDraft,
    id_prefix,
)
from newsreader.control_chars import BIDI, C1, DEL, SEPARATORS, character_class
from newsreader.safe_text import one_line
from newsreader.wording import count_of

# JSON only has to escape C0; DEL, C1 and bidi controls are escaped too so that printing an
# export to a terminal cannot send it control sequences, and the line separators so that
# `splitlines()` finds one record per line. The result is still plain JSON.
_JSON_UNSAFE = character_class(DEL, C1, BIDI, SEPARATORS)


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


def _read(data_dir: Path) -> tuple[list[PendingComment], list[SavedDraft]] | None:
    queue = _open(data_dir)
    if queue is None:
        return None
    try:
        return queue.pending(), queue.drafts()
    except QueueError as error:
        print(f"newsreader: {error}", file=sys.stderr)
        return None


def export_line(item: PendingComment | SavedDraft) -> str:
    line = json.dumps(item.as_json_dict(), ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


def export_queue(data_dir: Path, *, drafts: bool = False) -> int:
    found = _read(data_dir)
    if found is None:
        return 1
    comments, saved_drafts = found
    lines = [export_line(comment) for comment in comments]
    if drafts:
        lines.extend(export_line(draft) for draft in saved_drafts)
    sys.stdout.writelines(line + "\n" for line in lines)
    return 0


def _draft_status(draft: SavedDraft) -> str:
    return "edit draft" if draft.is_edit else "draft"


def list_queue(data_dir: Path, *, drafts: bool = False) -> int:
    found = _read(data_dir)
    if found is None:
        return 1
    comments, saved_drafts = found
    # Piped output has no width to fit: make it wide enough that nothing is cut.
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    hidden = 0 if drafts else len(saved_drafts)
    if not drafts:
        saved_drafts = []
    if not comments and not saved_drafts:
        what = "pending comments or drafts" if drafts else "pending comments"
        console.print(Text(f"No {what} in {data_dir}."))
    else:
        console.print(_table(comments, saved_drafts, with_status=drafts))
    if hidden:
        console.print(Text(f"{count_of(hidden, 'draft')} not shown; add --drafts to see them."))
    return 0


def _table(
    comments: list[PendingComment], saved_drafts: list[SavedDraft], *, with_status: bool
) -> Table:
    title = f"{count_of(len(comments), 'pending comment')}"
    if with_status:
        title += f", {count_of(len(saved_drafts), 'draft')}"
    table = Table(title=Text(title), title_justify="left")
    columns = ["id", "article", "name", "created", "first line"]
    if with_status:
        columns.insert(1, "status")
    for column in columns:
        table.add_column(column, overflow="fold")
    for comment in comments:
        status = ["pending"] if with_status else []
        cells = [comment.id[:8], *status, comment.article_title, comment.name]
        table.add_row(*_texts(cells), Text(comment.created_minute), _text(comment.first_line))
    for draft in saved_drafts:
        cells = [draft.comment_id[:8], _draft_status(draft), draft.article_title, draft.name]
        table.add_row(*_texts(cells), Text(draft.updated_minute), _text(draft.first_line))
    return table


def _text(untrusted: str) -> Text:
    # Text(), not a str: a str would be read as Rich markup ("[red]" in a name).
    return Text(one_line(untrusted))


def _texts(untrusted: list[str]) -> list[Text]:
    return [_text(cell) for cell in untrusted]


# `queue list` shows ids cut to 8 characters; fewer would too easily match several.
MIN_ID_PREFIX = 8


def remove_from_queue(data_dir: Path, given: str) -> int:
    """Withdraw the pending comment (or discard the draft) whose id starts with `given`."""
    shown = one_line(given)
    given = id_prefix(given)
    if len(given) < MIN_ID_PREFIX:
        print(
            f"newsreader: id “{shown}” is too short; give at least {MIN_ID_PREFIX} characters",
            file=sys.stderr,
        )
        return 2
    queue = _open(data_dir)
    if queue is None:
        return 1
    try:
        pending_ids = {c.id for c in queue.pending() if c.id.startswith(given)}
        draft_ids = {d.comment_id for d in queue.drafts() if d.comment_id.startswith(given)}
        matches = pending_ids | draft_ids
        if len(matches) != 1:
            found = "nothing" if not matches else f"{len(matches)} comments and drafts"
            print(
                f"newsreader: no single pending comment or draft has id “{shown}” "
                f"(it matches {found}; see `newsreader queue list --drafts`)",
                file=sys.stderr,
            )
            return 2
        [comment_id] = matches
        # A pending comment and its unsaved edits share the id; withdrawing takes both.
        if comment_id in pending_ids and queue.withdraw(comment_id):
            print(f"withdrawn {comment_id}")
            return 0
        if queue.discard_draft(comment_id):
            print(f"discarded draft {comment_id}")
            return 0
    except QueueError as error:
        print(f"newsreader: {error}", file=sys.stderr)
        return 1
    # Gone between the look-up and the write: another newsreader took it first.
    print(f"newsreader: {comment_id} was removed by someone else meanwhile", file=sys.stderr)
    return 2
