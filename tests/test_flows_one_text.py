"""Pilot tests for issue 8, item 1 in the reader: two forms never share an id, a refused
autosave says so, and an edit whose comment was withdrawn (or changed) meanwhile keeps its
text."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from library_samples import write_library
from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.draft_store import STALE_CLAIM_SECONDS
from newsreader.comments.queue import DraftOwner, PendingQueue
from newsreader.ui.screens.comment import CommentScreen
from newsreader.ui.screens.comment_draft import DraftKeeper
from newsreader.ui.screens.comment_save import save_comment
from newsreader.ui.screens.pending import PendingScreen
from ui_helpers import make_app, press_and_settle, settle, static_text, type_text, wait_for_draft

SIZE = (110, 34)
HARBOUR = ("harbour-wall", "Harbour wall repairs finish early")
WAITING_ID = "00000000-0000-4000-8000-0000000000b1"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    return write_library(tmp_path / "articles")


async def test_a_second_form_on_the_same_article_gets_its_own_id(
    articles: Path, data_dir: Path
) -> None:
    queue = PendingQueue.open(data_dir)
    queue.save_draft(WAITING_ID, CommentDraft(*HARBOUR, "Ana", "", "a draft waits"))
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        first = app.screen
        assert isinstance(first, CommentScreen)
        assert first.query_one("#body", TextArea).text == "a draft waits"
        assert first.keeper.comment_id == WAITING_ID
        # "Write a comment" from the command palette, with the first form still open.
        await app.main_screen.action_comment()
        await settle(pilot)
        second = app.screen
        assert isinstance(second, CommentScreen) and second is not first
        assert second.keeper.comment_id != WAITING_ID
        assert second.query_one("#body", TextArea).text == ""
        await type_text(pilot, "Ben")
        await pilot.press("tab", "tab")
        await type_text(pilot, "the second text")
        await press_and_settle(pilot, "ctrl+s")
        assert app.screen is first
        await pilot.press("tab", "tab")
        await type_text(pilot, " and more")
        await press_and_settle(pilot, "ctrl+s")
        assert not isinstance(app.screen, CommentScreen)
    bodies = sorted(c.body for c in queue.pending())
    assert bodies == ["a draft waits and more", "the second text"]
    assert len({c.id for c in queue.pending()}) == 2


async def test_an_autosave_the_queue_refused_never_says_saved(
    articles: Path, data_dir: Path
) -> None:
    app = make_app(articles, data_dir)
    queue = PendingQueue.open(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CommentScreen)
        await type_text(pilot, "Ana")
        await wait_for_draft(pilot)
        assert "Draft saved" in static_text(app, "#draft-status")
        # Something else sends a comment under this form's id (an older newsreader, a
        # script): the next autosave writes nothing, and must not claim it did.
        queue.add(
            CommentDraft(*HARBOUR, "Ana", "", "sent elsewhere"), comment_id=form.keeper.comment_id
        )
        await pilot.press("tab", "tab")
        await type_text(pilot, "more")
        for _ in range(60):
            await pilot.pause(0.1)
            if "Draft not saved" in static_text(app, "#draft-status"):
                break
        status = static_text(app, "#draft-status")
        assert status.startswith("Draft not saved: ")
        assert "Your text is still in the form." in status
        assert form.query_one("#body", TextArea).text == "more"


async def open_edit_form(pilot: Pilot[None]) -> CommentScreen:
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CommentScreen)
    return screen


async def test_editing_a_comment_withdrawn_meanwhile_offers_to_send_it_as_new(
    articles: Path, data_dir: Path
) -> None:
    queue = PendingQueue.open(data_dir)
    original = queue.add(CommentDraft(*HARBOUR, "Ana", "", "First version"))
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_edit_form(pilot)
        await pilot.press("tab", "tab")
        await type_text(pilot, ", edited")
        assert queue.withdraw(original.id)  # `queue remove` from another terminal
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        message = static_text(app, "#form-error")
        assert "withdrawn meanwhile" in message
        assert "send it as a new comment" in message
        assert static_text(app, "#comment-heading").startswith("Comment on: ")
        assert form.query_one("#body", TextArea).text == "First version, edited"
        # Until it is sent, the text waits as a new comment's draft: ctrl+q cannot drop it.
        await wait_for_draft(pilot)
        [kept] = queue.drafts()
        assert (kept.is_edit, kept.body) == (False, "First version, edited")
        assert kept.comment_id != original.id
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, PendingScreen)
    [sent] = queue.pending()
    assert (sent.id, sent.body) == (kept.comment_id, "First version, edited")
    withdrawn = queue.get(original.id)
    assert withdrawn is not None and withdrawn.body == "First version"


async def test_a_comment_saved_in_another_window_meanwhile_keeps_both_texts(
    articles: Path, data_dir: Path
) -> None:
    queue = PendingQueue.open(data_dir)
    original = queue.add(CommentDraft(*HARBOUR, "Ana", "", "First version"))
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_edit_form(pilot)
        await pilot.press("tab", "tab")
        await type_text(pilot, ", this window")
        queue.update(original.id, CommentDraft(*HARBOUR, "Ana", "", "Other window's text"))
        await press_and_settle(pilot, "ctrl+s")
        assert not isinstance(app.screen, CommentScreen)
    stored = queue.get(original.id)
    assert stored is not None and stored.body == "Other window's text"
    [kept] = queue.drafts()
    assert (kept.is_edit, kept.article_id, kept.body) == (
        False,
        "harbour-wall",
        "First version, this window",
    )


async def test_an_autosave_waiting_behind_the_save_does_not_bring_the_edit_draft_back(
    articles: Path, data_dir: Path
) -> None:
    # Found under load: the conflict left two drafts, the copy and a late autosave.
    queue = PendingQueue.open(data_dir)
    original = queue.add(CommentDraft(*HARBOUR, "Ana", "", "First version"))
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_edit_form(pilot)
        await pilot.press("tab", "tab")
        await type_text(pilot, ", this window")
        screen = app.screen
        assert isinstance(screen, CommentScreen)
        keeper = screen.keeper
        queue.update(original.id, CommentDraft(*HARBOUR, "Ana", "", "Other window's text"))
        # An autosave's body on a thread of its own, queued behind the save for the lock.
        autosave = threading.Thread(
            target=DraftKeeper._write.__wrapped__,  # type: ignore[attr-defined]
            args=(keeper, keeper.comment_id, keeper.wanted(), False),
        )
        with keeper.holding_writes():
            autosave.start()
            save_comment(screen, screen.draft(), keeper.comment_id)
        autosave.join(timeout=30)
        await settle(pilot)
    [kept] = queue.drafts()
    assert (kept.is_edit, kept.body) == (False, "First version, this window")


async def test_a_form_whose_draft_was_taken_over_goes_on_under_its_own(
    articles: Path, data_dir: Path
) -> None:
    app = make_app(articles, data_dir)
    queue = PendingQueue.open(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CommentScreen)
        await type_text(pilot, "Ana")
        await wait_for_draft(pilot)
        taken_id = form.keeper.comment_id
        # Another form takes the draft over, as it may once this one looks stale (a
        # suspended process), and writes its own text there.
        other = DraftOwner.new()
        assert queue.claim_draft(taken_id, other, now=time.time() + STALE_CLAIM_SECONDS + 1)
        queue.save_draft(taken_id, CommentDraft(*HARBOUR, "Other", "", "theirs"), owner=other)
        await pilot.press("tab", "tab")
        await type_text(pilot, "mine")
        for _ in range(60):
            await pilot.pause(0.1)
            if form.keeper.comment_id != taken_id and form.keeper.up_to_date:
                break
        assert form.keeper.comment_id != taken_id
        await wait_for_draft(pilot)
        await press_and_settle(pilot, "ctrl+s")
        assert not isinstance(app.screen, CommentScreen)
    [sent] = queue.pending()
    assert (sent.name, sent.body) == ("Ana", "mine")
    [theirs] = queue.drafts()
    assert (theirs.comment_id, theirs.body) == (taken_id, "theirs")
