"""Delivery when things go wrong: every fault ends in a clear state, nothing sent twice or lost."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from fault_proxy import FaultProxy
from isso_server import SITE, IssoProcess, free_port, running_isso
from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.delivery.outbox import LOCK_FILE_NAME, Outbox
from newsreader.comments.delivery.servers import ServerDirectory, ServerEntry
from newsreader.comments.queue import PendingQueue

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
TEXT = "The harbour wall needs the repair the council promised in March."


@pytest.fixture
def isso(tmp_path: Path) -> Iterator[IssoProcess]:
    with running_isso(tmp_path / "isso") as server:
        yield server


@pytest.fixture
def proxy(isso: IssoProcess) -> Iterator[FaultProxy]:
    with FaultProxy(isso.url).running() as running:
        yield running


def quick_client() -> httpx.Client:
    """The real client's settings with a one-second read timeout, so a hang ends quickly."""
    return httpx.Client(
        timeout=httpx.Timeout(1.0, connect=1.0), follow_redirects=False, trust_env=False
    )


def outbox_to(data_dir: Path, url: str) -> tuple[PendingQueue, Outbox, str]:
    queue = PendingQueue.open(data_dir)
    comment = queue.add(
        CommentDraft("harbour", "Harbour wall", "Ana", "ana@example.org", TEXT),
        article_url=f"{SITE}news/harbour",
    )
    outbox = Outbox(queue, ServerDirectory([ServerEntry(SITE, url)], quick_client))
    return queue, outbox, comment.id


def test_a_server_that_is_not_running_leaves_it_pending_with_a_retry_time(
    data_dir: Path,
) -> None:
    _, outbox, _ = outbox_to(data_dir, f"http://127.0.0.1:{free_port()}/")
    before = datetime.now(UTC)
    [result] = outbox.send_due()
    assert result.state == "pending"
    assert result.retry_at is not None
    waited = datetime.fromisoformat(result.retry_at.replace("Z", "+00:00")) - before
    assert 20 <= waited.total_seconds() <= 40  # the first retry: ~30 s with jitter
    assert result.line().split()[1:4] == ["will", "retry", "at"]
    [entry] = outbox.entries()
    assert (entry.state, entry.attempts) == ("pending", 1)
    assert "could not reach" in entry.last_error
    # Not due yet: the next run leaves it alone.
    assert outbox.send_due() == []


@pytest.mark.parametrize(
    ("mode", "state", "detail"),
    [
        ("500", "pending", "500: Internal Server Error"),
        ("429", "pending", "429: slow down"),
        ("400", "returned", "400: text is too short (minimum length: 3)"),
        ("hang", "unsure", "no answer from"),
        ("close", "unsure", "no answer from"),
        ("not-json", "sent", "accepted, but the answer was not Isso's JSON"),
        ("huge", "sent", "accepted, but the answer was larger than 4 MB"),
        ("redirect", "pending", "302: the server redirected to http://elsewhere.invalid/new"),
    ],
)
def test_each_fault_ends_in_a_clear_state(
    data_dir: Path, isso: IssoProcess, proxy: FaultProxy, mode: str, state: str, detail: str
) -> None:
    proxy.mode = mode
    _, outbox, _ = outbox_to(data_dir, proxy.url)
    [result] = outbox.send_due()
    assert (result.state, result.detail[: len(detail)]) == (state, detail)
    [entry] = outbox.entries()
    assert entry.state == state
    assert entry.body == TEXT
    assert len(proxy.requests) == 1  # one request, and a redirect was not followed
    if mode == "429":
        retry_at = datetime.fromisoformat(str(result.retry_at).replace("Z", "+00:00"))
        assert 110 <= (retry_at - datetime.now(UTC)).total_seconds() <= 125
    if state == "unsure":
        # Never sent again without the person: later runs leave it alone.
        proxy.mode = "pass"
        assert outbox.send_due() == []
        assert len(proxy.requests) == 1


def test_cut_body_after_acceptance_is_sent_without_an_id(
    data_dir: Path, isso: IssoProcess, proxy: FaultProxy
) -> None:
    proxy.mode = "cut-body"
    _, outbox, _ = outbox_to(data_dir, proxy.url)
    [result] = outbox.send_due()
    assert result.state == "sent"
    assert result.detail.startswith("accepted, but the answer broke off")
    assert len(isso.rows()) == 1


def test_unsure_waits_for_the_person_then_goes_again(
    data_dir: Path, isso: IssoProcess, proxy: FaultProxy
) -> None:
    proxy.mode = "hang"
    _, outbox, comment_id = outbox_to(data_dir, proxy.url)
    [result] = outbox.send_due()
    assert result.state == "unsure"
    assert outbox.mark_sent("not-an-id") is False
    assert outbox.send_again(comment_id) is True
    proxy.mode = "pass"
    [again] = outbox.send_due()
    assert again.state == "sent"
    assert [row[2] for row in isso.rows()] == [TEXT]


def test_kill_9_while_the_answer_is_held_leaves_it_unsure_and_never_resent(
    tmp_path: Path, data_dir: Path, isso: IssoProcess, proxy: FaultProxy
) -> None:
    queue, _, comment_id = outbox_to(data_dir, proxy.url)
    config = tmp_path / "config.toml"
    config.write_text(f'[[comments.server]]\nsite = "{SITE}"\nisso = "{proxy.url}"\n')
    proxy.mode = "hold"
    command = [NEWSREADER, "--config", str(config), "--data-dir", str(data_dir), "queue", "send"]
    sender = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proxy.held.wait(30), "the request never reached the server"
        # Isso has the comment; the sender is waiting for the answer.
        assert [row[2] for row in isso.rows()] == [TEXT]
        os.kill(sender.pid, signal.SIGKILL)
        sender.wait(10)
    finally:
        if sender.poll() is None:
            sender.kill()
        proxy.release()
    assert sender.returncode == -signal.SIGKILL
    listed = subprocess.run(
        [NEWSREADER, "--config", str(config), "--data-dir", str(data_dir), "queue", "send"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listed.returncode == 0
    outbox = Outbox(queue, ServerDirectory([ServerEntry(SITE, proxy.url)]))
    [entry] = outbox.entries()
    assert entry.comment_id == comment_id
    assert entry.state == "unsure"
    assert entry.body == TEXT
    assert "the sender stopped before the server answered" in entry.last_error
    # Exactly one copy reached the site, however often the sender runs.
    proxy.mode = "pass"
    assert outbox.send_due() == []
    assert [row[2] for row in isso.rows()] == [TEXT]
    assert proxy.forwarded == 1


def test_queue_send_from_the_shell_prints_one_line_per_comment(
    tmp_path: Path, data_dir: Path, isso: IssoProcess
) -> None:
    outbox_to(data_dir, isso.url)
    config = tmp_path / "config.toml"
    config.write_text(f'[[comments.server]]\nsite = "{SITE}"\nisso = "{isso.url}"\n')
    base = [NEWSREADER, "--config", str(config), "--data-dir", str(data_dir), "queue"]
    dry = subprocess.run([*base, "send", "--dry-run"], capture_output=True, text=True, timeout=60)
    assert dry.returncode == 0, dry.stderr
    assert "would be sent to isso" in dry.stdout
    assert isso.rows() == []
    sent = subprocess.run([*base, "send"], capture_output=True, text=True, timeout=60)
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.split()[1:] == ["sent:", "id", "1"]
    synced = subprocess.run([*base, "sync"], capture_output=True, text=True, timeout=60)
    assert synced.stdout.split()[1:] == ["sent:", "waiting", "for", "a", "moderator"]
    isso.approve(1)
    synced = subprocess.run([*base, "sync"], capture_output=True, text=True, timeout=60)
    assert synced.stdout.split()[1:] == ["published"]


def test_no_server_for_the_site_keeps_it_pending_and_says_why(data_dir: Path) -> None:
    queue = PendingQueue.open(data_dir)
    queue.add(
        CommentDraft("x", "X", "Ana", "", "A comment for a site with no server."),
        article_url="https://news.example.net/x",
    )
    queue.add(CommentDraft("y", "Y", "Ana", "", "A comment on an article with no url."))
    outbox = Outbox(queue, ServerDirectory([ServerEntry(SITE, "http://127.0.0.1:9/")]))
    results = outbox.send_due()
    assert [result.line().split("  ", 1)[1] for result in results] == [
        "waiting: no comment server for news.example.net",
        "waiting: the article has no url to send the comment to",
    ]
    assert all(not result.will_retry for result in results)
    assert [entry.last_error for entry in outbox.entries()] == [
        "no comment server for news.example.net",
        "the article has no url to send the comment to",
    ]


def test_a_second_sender_waits_for_the_lock_and_sends_nothing_twice(
    tmp_path: Path, data_dir: Path, isso: IssoProcess
) -> None:
    outbox_to(data_dir, isso.url)
    config = tmp_path / "config.toml"
    config.write_text(f'[[comments.server]]\nsite = "{SITE}"\nisso = "{isso.url}"\n')
    base = [NEWSREADER, "--config", str(config), "--data-dir", str(data_dir), "queue", "send"]
    # The reader's sender (or cron's) holds the lock: this one must leave the queue alone.
    holder = os.open(data_dir / LOCK_FILE_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)
        busy = subprocess.run(base, capture_output=True, text=True, timeout=60)
    finally:
        os.close(holder)
    assert busy.returncode == 1
    assert "Another sender is delivering the queue right now" in busy.stderr
    assert isso.rows() == []
    sent = subprocess.run(base, capture_output=True, text=True, timeout=60)
    assert sent.returncode == 0, sent.stderr
    assert len(isso.rows()) == 1
