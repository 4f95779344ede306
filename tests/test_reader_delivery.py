"""The reader delivers: its background sender and the pending screen, against a real Isso."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fault_proxy import FaultProxy
from isso_server import SITE, IssoProcess, running_isso
from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.delivery.outbox import Outbox
from newsreader.comments.delivery.outbox_store import OutboxEntry
from newsreader.comments.delivery.servers import ServerDirectory
from newsreader.comments.queue import PendingQueue
from newsreader.config.load import ServerSetting
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.background_sender import DeliverySettings
from newsreader.ui.screens.choice import ChoiceScreen
from newsreader.ui.screens.pending import PendingScreen
from newsreader.ui.widgets.pending_list import PendingList
from ui_helpers import press_and_settle, settle, static_text, type_text, wait_until

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
SIZE = (110, 34)
TEXT = "The ferry timetable in Saturday's paper still lists the winter sailings."


@pytest.fixture
def isso(tmp_path: Path) -> Iterator[IssoProcess]:
    with running_isso(tmp_path / "isso") as server:
        yield server


@pytest.fixture
def proxy(isso: IssoProcess) -> Iterator[FaultProxy]:
    with FaultProxy(isso.url).running() as running:
        yield running


def queue_one(data_dir: Path, text: str = TEXT, url: str = f"{SITE}news/ferry") -> str:
    queue = PendingQueue.open(data_dir)
    comment = queue.add(
        CommentDraft("ferry", "Ferry timetable", "Ana", "ana@example.org", text), article_url=url
    )
    return comment.id


def reader(articles: Path, data_dir: Path, server_url: str, *, automatic: bool) -> NewsReaderApp:
    servers = (ServerSetting(SITE, "isso", server_url),)
    return NewsReaderApp(
        articles, data_dir, delivery=DeliverySettings(automatic=automatic, servers=servers)
    )


def stored(data_dir: Path) -> list[OutboxEntry]:
    return Outbox(PendingQueue.open(data_dir), ServerDirectory([])).entries()


def toasts(app: NewsReaderApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_auto_sends_in_the_background_and_says_so(
    articles: Path, data_dir: Path, isso: IssoProcess
) -> None:
    queue_one(data_dir)
    app = reader(articles, data_dir, isso.url, automatic=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: len(isso.rows()) == 1, "the comment reaching Isso")
        await wait_until(
            pilot,
            lambda: any("accepted" in toast for toast in toasts(app)),
            "the accepted notification",
        )
        assert any("Ferry timetable" in toast for toast in toasts(app))
    [(_, mode, text, author, email)] = isso.rows()
    assert (mode, text, author, email) == (2, TEXT, "Ana", "ana@example.org")
    [entry] = stored(data_dir)
    assert entry.state == "sent" and entry.server_id == str(isso.rows()[0][0])


async def test_manual_sends_nothing_until_s_on_the_pending_screen(
    articles: Path, data_dir: Path, isso: IssoProcess
) -> None:
    queue_one(data_dir)
    app = reader(articles, data_dir, isso.url, automatic=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PendingScreen)
        # Everything the reader does at launch is done, and no sender has run.
        assert app.sender is not None and not app.sender.running
        assert isso.rows() == []
        pending_list = app.screen.query_one(PendingList)
        assert pending_list.row_texts(0)[0] == "pending"
        assert "Sending is manual" in static_text(app, "#pending-detail")
        await pilot.press("s")
        await wait_until(pilot, lambda: len(isso.rows()) == 1, "the comment reaching Isso")
        await wait_until(
            pilot, lambda: pending_list.row_texts(0)[:1] == ["sent"], "the row showing sent"
        )
        assert "a moderator has yet to approve it" in static_text(app, "#pending-detail")
    assert [row[2] for row in isso.rows()] == [TEXT]


async def test_a_refused_comment_shows_returned_with_the_reason(
    articles: Path, data_dir: Path, proxy: FaultProxy
) -> None:
    queue_one(data_dir)
    proxy.mode = "400"
    app = reader(articles, data_dir, proxy.url, automatic=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(
            pilot,
            lambda: any("returned by the site" in toast for toast in toasts(app)),
            "the returned notification",
        )
        await pilot.press("p")
        await settle(pilot)
        pending_list = app.screen.query_one(PendingList)
        await wait_until(pilot, lambda: pending_list.row_texts(0)[:1] == ["returned"], "returned")
        detail = static_text(app, "#pending-detail")
        assert "Returned by the site" in detail
        assert "text is too short" in detail
        assert "e edits it" in detail
        # The heading counts it as returned, not as one more waiting comment.
        assert "Your comments (1 returned)" in static_text(app, "#pending-heading")
    [entry] = stored(data_dir)
    assert entry.state == "returned" and entry.body == TEXT


async def test_a_returned_comment_edited_goes_out_again(
    articles: Path, data_dir: Path, isso: IssoProcess, proxy: FaultProxy
) -> None:
    queue_one(data_dir, text="Too short?")
    proxy.mode = "400"
    app = reader(articles, data_dir, proxy.url, automatic=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        pending_list = app.screen.query_one(PendingList)
        await wait_until(pilot, lambda: pending_list.row_texts(0)[:1] == ["returned"], "returned")
        proxy.mode = "pass"
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("tab", "tab", "end")
        await type_text(pilot, " Now long enough")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, PendingScreen)
        await wait_until(pilot, lambda: len(isso.rows()) == 1, "the edited comment reaching Isso")
    assert [row[2] for row in isso.rows()] == ["Too short? Now long enough"]
    assert stored(data_dir)[0].state == "sent"


async def test_unsure_after_the_sender_is_killed_and_the_person_decides(
    tmp_path: Path, articles: Path, data_dir: Path, isso: IssoProcess, proxy: FaultProxy
) -> None:
    comment_id = queue_one(data_dir)
    config = tmp_path / "config.toml"
    config.write_text(f'[[comments.server]]\nsite = "{SITE}"\nisso = "{proxy.url}"\n')
    proxy.mode = "hold"
    command = [NEWSREADER, "--config", str(config), "--data-dir", str(data_dir), "queue", "send"]
    sender = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert proxy.held.wait(30), "the request never reached the server"
        os.kill(sender.pid, signal.SIGKILL)
        sender.wait(10)
    finally:
        if sender.poll() is None:
            sender.kill()
        proxy.release()
    proxy.mode = "pass"
    app = reader(articles, data_dir, proxy.url, automatic=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        pending_list = app.screen.query_one(PendingList)
        await wait_until(pilot, lambda: pending_list.row_texts(0)[:1] == ["unsure"], "unsure")
        detail = static_text(app, "#pending-detail")
        assert "the sender stopped before the server answered" in detail
        assert "a: send again" in detail and "m: mark as sent" in detail
        # The background sender ran meanwhile and did not send it again by itself.
        assert proxy.forwarded == 1
        await pilot.press("m")
        await wait_until(pilot, lambda: pending_list.row_texts(0)[:1] == ["sent"], "marked sent")
    [entry] = stored(data_dir)
    assert (entry.comment_id, entry.state, entry.body) == (comment_id, "sent", TEXT)
    assert [row[2] for row in isso.rows()] == [TEXT]


async def test_withdrawing_a_sent_comment_deletes_it_on_the_site(
    articles: Path, data_dir: Path, isso: IssoProcess
) -> None:
    queue_one(data_dir)
    app = reader(articles, data_dir, isso.url, automatic=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: len(isso.rows()) == 1, "the comment reaching Isso")
        await pilot.press("p")
        await settle(pilot)
        pending_list = app.screen.query_one(PendingList)
        await wait_until(pilot, lambda: pending_list.row_texts(0)[:1] == ["sent"], "sent")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        question = str(app.screen.query_one("#choice-question").render())
        assert "“The ferry timetable in Saturday's paper" in question
        assert "asked to delete it" in question
        await pilot.press("y")
        await wait_until(pilot, lambda: isso.rows() == [], "Isso deleting it")
        await wait_until(pilot, lambda: pending_list.row_count == 0, "the row going")
    assert stored(data_dir)[0].state == "withdrawn"
