"""Delivery to a real Isso server: each comment once, exact text, followed to publication."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from isso_server import SITE, IssoProcess, running_isso
from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.delivery.outbox import Outbox
from newsreader.comments.delivery.servers import ServerDirectory, ServerEntry
from newsreader.comments.queue import PendingQueue


@pytest.fixture
def isso(tmp_path: Path) -> Iterator[IssoProcess]:
    with running_isso(tmp_path / "isso") as server:
        yield server


def queue_comment(queue: PendingQueue, article: int, number: int) -> str:
    draft = CommentDraft(
        article_id=f"article-{article}",
        article_title=f"Article {article}",
        name=f"Reader {number}",
        email=f"reader{number}@example.org" if number % 2 else "",
        body=f"Comment {number} on article {article}: the ferry timetable — «exact» text.",
    )
    url = f"{SITE}news/article-{article}"
    return queue.add(draft, article_url=url).id


def test_fifty_comments_reach_isso_once_each_and_sync_marks_the_approved(
    data_dir: Path, isso: IssoProcess
) -> None:
    queue = PendingQueue.open(data_dir)
    ids = [queue_comment(queue, number % 5, number) for number in range(50)]
    outbox = Outbox(queue, ServerDirectory([ServerEntry(SITE, isso.url)]))
    results = outbox.send_due()
    assert [result.state for result in results] == ["sent"] * 50
    rows = isso.rows()
    assert len(rows) == 50
    stored = {(text, author, email) for _, _, text, author, email in rows}
    expected = {(entry.body, entry.name, entry.email or None) for entry in outbox.entries()}
    assert stored == expected
    assert {mode for _, mode, *_ in rows} == {2}
    # A second run sends nothing: every comment is delivered already.
    assert outbox.send_due() == []
    assert len(isso.rows()) == 50

    by_comment = {entry.comment_id: entry for entry in outbox.entries()}
    approved = {int(by_comment[comment_id].server_id or 0) for comment_id in ids[::7]}
    for server_id in approved:
        isso.approve(server_id)
    synced = outbox.sync()
    published = {result.entry.server_id for result in synced if result.state == "published"}
    assert published == {str(server_id) for server_id in approved}
    states = {entry.comment_id: entry.state for entry in outbox.entries()}
    assert sorted(states.values()).count("published") == len(approved)
    assert all(states[comment_id] == "published" for comment_id in ids[::7])
    # The words stay in the queue file whatever the state.
    assert {entry.body for entry in outbox.entries()} == {row[2] for row in rows}


def test_withdraw_after_sending_deletes_it_on_the_server(data_dir: Path, isso: IssoProcess) -> None:
    queue = PendingQueue.open(data_dir)
    comment_id = queue_comment(queue, 1, 1)
    outbox = Outbox(queue, ServerDirectory([ServerEntry(SITE, isso.url)]))
    [sent] = outbox.send_due()
    assert sent.state == "sent"
    # The cookie that allows the delete is kept, and never shown in an export.
    with closing(sqlite3.connect(data_dir / "queue.sqlite3")) as connection:
        [(cookie,)] = connection.execute("SELECT value FROM server_credentials").fetchall()
    assert len(cookie) > 20
    assert (data_dir / "queue.sqlite3").stat().st_mode & 0o777 == 0o600
    assert outbox.withdraw(comment_id) == (True, "withdrawn")
    assert isso.rows() == []
    assert [entry.state for entry in outbox.entries()] == ["withdrawn"]


def test_a_comment_isso_refuses_is_returned_with_its_reason(
    data_dir: Path, isso: IssoProcess
) -> None:
    queue = PendingQueue.open(data_dir)
    draft = CommentDraft("a", "A", "Ana", "", "ok")
    queue.add(draft, article_url=f"{SITE}news/a")
    outbox = Outbox(queue, ServerDirectory([ServerEntry(SITE, isso.url)]))
    [returned] = outbox.send_due()
    assert returned.state == "returned"
    assert re.fullmatch(r"400: text is too short \(minimum length: 3\)", returned.detail)
    assert isso.rows() == []
    # Changed, it goes out again.
    comment_id = returned.entry.comment_id
    queue.update(comment_id, CommentDraft("a", "A", "Ana", "", "Long enough now."))
    [again] = outbox.send_due()
    assert again.state == "sent"
    assert [row[2] for row in isso.rows()] == ["Long enough now."]
