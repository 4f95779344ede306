"""`queue list`/`export` say each comment's delivery; `queue send --again` / `mark-sent`."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from isso_server import SITE, running_isso
from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.delivery.outbox import Outbox
from newsreader.comments.delivery.outbox_store import DeliveryState, record
from newsreader.comments.delivery.servers import ServerDirectory
from newsreader.comments.queue import PendingQueue
from newsreader.comments.store import write_transaction

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
TEXT = "The lifeboat open day moved to the second Saturday of the month."
LEFT = "the sender stopped before the server answered; the site may already have it"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NEWSREADER, *args], capture_output=True, text=True, timeout=60)


def queued_in_state(data_dir: Path, state: DeliveryState, **fields: str) -> str:
    """A comment as the outbox leaves it in `state` (the outbox's own write)."""
    queue = PendingQueue.open(data_dir)
    comment = queue.add(
        CommentDraft("lifeboat", "Lifeboat open day", "Ana", "", TEXT),
        article_url=f"{SITE}news/lifeboat",
    )
    with (
        contextlib.closing(sqlite3.connect(queue.path)) as connection,
        write_transaction(connection),
    ):
        record(
            connection,
            comment.id,
            state,
            "2026-12-03T10:00:00.000000Z",
            server="http://127.0.0.1:9/",
            attempts_delta=1,
            **fields,
        )
    return comment.id


def state_of(data_dir: Path) -> str:
    [entry] = Outbox(PendingQueue.open(data_dir), ServerDirectory([])).entries()
    return entry.state


def test_list_and_export_carry_the_delivery_columns(data_dir: Path) -> None:
    comment_id = queued_in_state(data_dir, "unsure", last_error=LEFT)
    listed = run("queue", "list", "--data-dir", str(data_dir))
    assert listed.returncode == 0, listed.stderr
    header, row = listed.stdout.splitlines()[1:3]
    cells = dict(zip(header.split("\t"), row.split("\t"), strict=True))
    assert cells["id"] == comment_id
    assert cells["state"] == "unsure"
    assert (cells["attempts"], cells["server"], cells["server id"]) == (
        "1",
        "http://127.0.0.1:9/",
        "",
    )
    assert cells["last error"] == LEFT
    assert cells["first line"] == TEXT
    [line] = run("queue", "export", "--data-dir", str(data_dir)).stdout.splitlines()
    exported = json.loads(line)
    assert exported["body"] == TEXT
    assert {key: exported[key] for key in ("state", "attempts", "last_error")} == {
        "state": "unsure",
        "attempts": 1,
        "last_error": LEFT,
    }
    assert "credential" not in line and "cookie" not in line


def test_a_comment_never_tried_lists_as_pending(data_dir: Path) -> None:
    PendingQueue.open(data_dir).add(CommentDraft("lifeboat", "Lifeboat", "Ben", "", TEXT))
    [line] = run("queue", "export", "--data-dir", str(data_dir)).stdout.splitlines()
    assert json.loads(line)["state"] == "pending" and json.loads(line)["attempts"] == 0


def test_mark_sent_settles_an_unsure_comment_once(data_dir: Path) -> None:
    comment_id = queued_in_state(data_dir, "unsure", last_error=LEFT)
    marked = run("queue", "mark-sent", comment_id[:8], "--data-dir", str(data_dir))
    assert marked.returncode == 0, marked.stderr
    assert "marked as sent" in marked.stdout
    assert state_of(data_dir) == "sent"
    again = run("queue", "mark-sent", comment_id, "--data-dir", str(data_dir))
    assert again.returncode == 2
    assert "is sent: only an unsure comment" in again.stderr
    assert run("queue", "mark-sent", "0000", "--data-dir", str(data_dir)).returncode == 2


def test_send_again_delivers_an_unsure_comment_and_refuses_a_sent_one(
    tmp_path: Path, data_dir: Path
) -> None:
    comment_id = queued_in_state(data_dir, "unsure", last_error=LEFT)
    with running_isso(tmp_path / "isso") as isso:
        config = tmp_path / "config.toml"
        config.write_text(f'[[comments.server]]\nsite = "{SITE}"\nisso = "{isso.url}"\n')
        where = ("--config", str(config), "--data-dir", str(data_dir))
        assert run("queue", "send", *where).returncode == 0
        assert isso.rows() == []  # unsure: never sent again by itself
        sent = run("queue", "send", "--again", comment_id[:8], *where)
        assert sent.returncode == 0, sent.stderr
        assert "back in line" in sent.stdout and "sent: id" in sent.stdout
        assert [row[2] for row in isso.rows()] == [TEXT]
        refused = run("queue", "send", "--again", comment_id, *where)
        assert refused.returncode == 2
        assert "is sent: only an unsure or returned comment" in refused.stderr
        assert [row[2] for row in isso.rows()] == [TEXT]
    assert state_of(data_dir) == "sent"
