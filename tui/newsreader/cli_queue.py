"""`newsreader queue list|export|remove|check`: the pending queue without starting the reader.

Rows are streamed, never collected: 100,000 comments list in a few seconds and in the memory
of one. A damaged row (text that is not UTF-8, a column turned BLOB) never stops the others:
it is reported on stderr with what could be salvaged, and the command exits 1 with a summary.
Everything printed from the file or from paths goes through `safe_text` first.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from newsreader.cli_queue_rows import open_row_writer
from newsreader.comments.delivery.delivery_columns import NEVER_TRIED, Delivery, deliveries
from newsreader.comments.queue import (
    PendingComment,
    PendingQueue,
    QueueError,
    RowDamage,
    SavedDraft,
    StoredDraft,
    id_prefix,
)
from newsreader.control_chars import BIDI, C1, DEL, SEPARATORS, character_class
from newsreader.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_REFUSED
from newsreader.safe_text import one_line
from newsreader.wording import count_of

# JSON only has to escape C0; DEL, C1 and bidi controls are escaped too so that printing an
# export to a terminal cannot send it control sequences, and the line separators so that
# `splitlines()` finds one record per line. The result is still plain JSON.
_JSON_UNSAFE = character_class(DEL, C1, BIDI, SEPARATORS)
# One encoder for every line: json.dumps with options builds a new one at each call.
_JSON = json.JSONEncoder(ensure_ascii=False)
# Damage lines kept back while a pager has the terminal; past this only the count is said.
_HELD_BACK_LINES = 50
_SALVAGE_SHOWN = 300


def say(message: str) -> None:
    """One line on stderr, whatever it quotes (paths, stored text): made safe first."""
    print(f"newsreader: {one_line(message)}", file=sys.stderr, flush=True)


def _open(data_dir: Path, *, full_check: bool = False) -> PendingQueue | None:
    try:
        queue = PendingQueue.open(data_dir, full_check=full_check)
    except QueueError as error:
        say(str(error))
        return None
    for notice in queue.notices:
        say(notice)
    if queue.quarantined_to is not None:
        say(
            "the pending queue was damaged; it was moved aside, not deleted: "
            f"{queue.quarantined_to}"
        )
    return queue


class DamageReport:
    """Says each damaged row once, with its salvaged text, then one summary line."""

    def __init__(self, path: Path, *, hold_back: bool = False) -> None:
        self.path = path
        self.count = 0
        self._hold_back = hold_back
        self._held: list[str] = []

    def add(self, damage: RowDamage, salvaged: str) -> None:
        self.count += 1
        text = one_line(salvaged)
        if len(text) > _SALVAGE_SHOWN:
            text = text[:_SALVAGE_SHOWN] + "…"
        line = f"damaged {damage.describe()}; salvaged text: “{text}”"
        if not self._hold_back:
            say(line)
        elif len(self._held) < _HELD_BACK_LINES:
            self._held.append(line)

    def finish(self, shown: str) -> int:
        for line in self._held:
            say(line)
        if self.count > len(self._held) and self._hold_back:
            say(f"… and {count_of(self.count - len(self._held), 'more damaged row')}")
        if not self.count:
            return EXIT_OK
        say(
            f"{count_of(self.count, 'damaged row')} in {self.path} could not be read exactly "
            f"(reported above with the text salvaged); {shown}; the file itself is unchanged"
        )
        return EXIT_FAILED


def export_line(item: PendingComment | SavedDraft, delivery: Delivery | None = None) -> str:
    """One JSON object; a comment's carries its delivery (state, server, server_id,
    attempts, last_error), never the server's cookie."""
    fields: dict[str, str | int] = dict(item.as_json_dict())
    if isinstance(item, PendingComment):
        fields.update((delivery or NEVER_TRIED).as_json_dict())
    line = _JSON.encode(fields)
    if line.isascii() and "\x7f" not in line:
        return line  # the common case, without a regular-expression pass over the line
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


def _rows(
    queue: PendingQueue, report: DamageReport, *, drafts: bool
) -> Iterator[PendingComment | SavedDraft]:
    """Readable comments (then drafts), damaged ones told to `report` instead."""
    for row in queue.read_pending():
        if row.damage is None:
            yield row.comment
        else:
            report.add(row.damage, row.comment.body)
    if drafts:
        for draft_row in queue.read_drafts():
            if draft_row.damage is None:
                yield draft_row.draft
            else:
                report.add(draft_row.damage, draft_row.draft.body)


def export_queue(data_dir: Path, *, drafts: bool = False) -> int:
    if not data_dir.exists():
        return EXIT_OK  # nothing was ever queued; a look must not create the data dir
    queue = _open(data_dir)
    if queue is None:
        return EXIT_FAILED
    report = DamageReport(queue.path)
    exported = 0
    try:
        states = deliveries(queue)
        for item in _rows(queue, report, drafts=drafts):
            sys.stdout.write(export_line(item, _delivery_of(item, states)) + "\n")
            exported += 1
    except QueueError as error:
        sys.stdout.flush()
        say(str(error))
        return EXIT_FAILED
    sys.stdout.flush()
    return report.finish(f"{exported} exported")


def list_queue(data_dir: Path, *, drafts: bool = False) -> int:
    if not data_dir.exists():
        # Nothing was ever queued; a look must not create the data dir.
        print(one_line(f"No pending comments in {data_dir} (it does not exist yet)."))
        return EXIT_OK
    queue = _open(data_dir)
    if queue is None:
        return EXIT_FAILED
    try:
        pending, draft_count = queue.count(), queue.draft_count()
    except QueueError as error:
        say(str(error))
        return EXIT_FAILED
    if not pending and not (drafts and draft_count):
        what = "pending comments or drafts" if drafts else "pending comments"
        print(one_line(f"No {what} in {data_dir}."))
        return _say_hidden(draft_count, drafts)
    writer = open_row_writer(with_status=drafts)
    report = DamageReport(queue.path, hold_back=writer.is_pager)
    listed = 0
    try:
        writer.title(pending, draft_count if drafts else None)
        states = deliveries(queue)
        for item in _rows(queue, report, drafts=drafts):
            writer.row(item, _delivery_of(item, states))
            listed += 1
    except QueueError as error:
        writer.close()
        say(str(error))
        return EXIT_FAILED
    writer.close()
    status = report.finish(f"{listed} listed")
    return max(status, _say_hidden(draft_count, drafts))


def _delivery_of(item: PendingComment | SavedDraft, states: dict[str, Delivery]) -> Delivery | None:
    return states.get(item.id) if isinstance(item, PendingComment) else None


def _say_hidden(draft_count: int, drafts: bool) -> int:
    if draft_count and not drafts:
        print(f"{count_of(draft_count, 'draft')} not shown; add --drafts to see them.")
    return EXIT_OK


def check_queue(data_dir: Path) -> int:
    """The full integrity check, then every row read: `newsreader queue check`."""
    queue = _open(data_dir, full_check=True)
    if queue is None:
        return EXIT_FAILED
    if queue.quarantined_to is not None:
        return EXIT_FAILED
    report = DamageReport(queue.path)
    counts = {"pending": 0, "other": 0, "drafts": 0}
    try:
        for row in queue.read_all_rows():
            if isinstance(row, StoredDraft):
                counts["drafts"] += 1
                if row.damage is not None:
                    report.add(row.damage, row.draft.body)
                continue
            counts["pending" if row.comment.status == "pending" else "other"] += 1
            if row.damage is not None:
                report.add(row.damage, row.comment.body)
    except QueueError as error:
        say(str(error))
        return EXIT_FAILED
    summary = (
        f"{queue.path}: {count_of(counts['pending'], 'pending comment')}, "
        f"{counts['other']} withdrawn or sent, {count_of(counts['drafts'], 'draft')}"
    )
    if not report.count:
        print(one_line(f"{summary}; the file passes SQLite's integrity check; no damage found."))
        return EXIT_OK
    print(one_line(f"{summary}; the file passes SQLite's integrity check."))
    return report.finish("every other row reads")


# `queue list` shows ids cut to 8 characters; fewer would too easily match several.
MIN_ID_PREFIX = 8


def remove_from_queue(data_dir: Path, given: str) -> int:
    """Withdraw the pending comment (or discard the draft) whose id starts with `given`."""
    given = id_prefix(given)
    if len(given) < MIN_ID_PREFIX:
        say(f"id “{given}” is too short; give at least {MIN_ID_PREFIX} characters")
        return EXIT_REFUSED
    queue = _open(data_dir)
    if queue is None:
        return EXIT_FAILED
    try:
        pending_ids, draft_ids = queue.ids_starting_with(given)
        matches = pending_ids | draft_ids
        if len(matches) != 1:
            found = "nothing" if not matches else f"{len(matches)} comments and drafts"
            say(
                f"no single pending comment or draft has id “{given}” "
                f"(it matches {found}; see `newsreader queue list --drafts`)"
            )
            return EXIT_REFUSED
        [comment_id] = matches
        # A pending comment and its unsaved edits share the id; withdrawing takes both.
        if comment_id in pending_ids and queue.withdraw(comment_id):
            print(one_line(f"withdrawn {comment_id}"))
            return EXIT_OK
        if queue.discard_draft(comment_id):
            print(one_line(f"discarded draft {comment_id}"))
            return EXIT_OK
    except QueueError as error:
        say(str(error))
        return EXIT_FAILED
    # Gone between the look-up and the write: another newsreader took it first.
    say(f"{comment_id} was removed by someone else meanwhile")
    return EXIT_REFUSED
