"""Issue 8, item 1: one text per comment id, whatever two forms or processes do.

Claims are tried with real processes: a child claims a draft and waits; the parent is
refused while the child lives, and takes the draft over once the child is SIGKILLed.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.draft_store import STALE_CLAIM_SECONDS
from newsreader.comments.queue import (
    CommentIdTaken,
    CommentWithdrawn,
    DraftClaimed,
    DraftOwner,
    EditConflict,
    PendingQueue,
    canonical_id,
)
from queue_helpers import child_env, draft, raw_rows

DRAFT_ID = "5c0ffee0-0000-4000-8000-000000000001"
ARTICLE = "2026-ferries"

CLAIM_DRAFT = Path(__file__).resolve().parent / "programs" / "claim_draft.py"


@pytest.fixture
def queue(data_dir: Path) -> PendingQueue:
    return PendingQueue.open(data_dir)


def start_claiming_child(data_dir: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, str(CLAIM_DRAFT), str(data_dir), ARTICLE],
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == DRAFT_ID  # the child holds the draft now
    return child


def kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait()  # reaped: a zombie would still answer kill(pid, 0)


def test_a_draft_open_in_another_process_is_not_offered_until_that_process_dies(
    data_dir: Path, queue: PendingQueue
) -> None:
    queue.save_draft(DRAFT_ID, draft("the first form's words"))
    child = start_claiming_child(data_dir)
    try:
        second_form = DraftOwner.new()
        # The second reader pressing c on the article gets a draft of its own (None here).
        assert queue.newest_draft_for(ARTICLE, claim_for=second_form) is None
        with pytest.raises(DraftClaimed) as refused:
            queue.claim_draft(DRAFT_ID, second_form)
        assert refused.value.pid == child.pid
        with pytest.raises(DraftClaimed):
            queue.save_draft(DRAFT_ID, draft("overwriting"), owner=second_form)
        with pytest.raises(DraftClaimed):
            queue.add(draft("sent over it"), comment_id=DRAFT_ID, owner=second_form)
        assert [d.body for d in queue.drafts()] == ["the first form's words"]
        assert queue.count() == 0
    finally:
        kill(child)
    # Its process is gone: the claim is stale and the draft is offered again.
    found = queue.newest_draft_for(ARTICLE, claim_for=second_form)
    assert found is not None and found.body == "the first form's words"
    assert queue.save_draft(DRAFT_ID, draft("taken over"), owner=second_form) is True


def test_a_claim_without_heartbeat_for_too_long_is_stale(queue: PendingQueue) -> None:
    first, second = DraftOwner.new(), DraftOwner.new()  # two forms of this live process
    queue.save_draft(DRAFT_ID, draft("open"), owner=first)
    with pytest.raises(DraftClaimed):
        queue.claim_draft(DRAFT_ID, second)
    later = time.time() + STALE_CLAIM_SECONDS + 1
    assert queue.claim_draft(DRAFT_ID, second, now=later) is not None
    with pytest.raises(DraftClaimed):  # now the second form holds it
        queue.save_draft(DRAFT_ID, draft("first again"), owner=first)


def test_a_heartbeat_keeps_the_claim_and_closing_the_form_releases_it(
    queue: PendingQueue,
) -> None:
    first, second = DraftOwner.new(), DraftOwner.new()
    queue.save_draft(DRAFT_ID, draft("open"), owner=first)
    assert queue.renew_claim(DRAFT_ID, first) is True
    assert queue.renew_claim(DRAFT_ID, second) is False
    assert queue.newest_draft_for(ARTICLE, claim_for=second) is None
    # The last save of a closing form lets go, so pressing c again finds the draft.
    queue.save_draft(DRAFT_ID, draft("kept"), owner=first, release=True)
    found = queue.newest_draft_for(ARTICLE, claim_for=second)
    assert found is not None and found.body == "kept"
    assert queue.release_draft(DRAFT_ID, second) is True
    assert queue.release_draft(DRAFT_ID, second) is False


def test_a_second_form_gets_an_older_free_draft_before_none(queue: PendingQueue) -> None:
    older = "5c0ffee0-0000-4000-8000-000000000002"
    queue.save_draft(older, draft("older, closed"))
    first, second = DraftOwner.new(), DraftOwner.new()
    queue.save_draft(DRAFT_ID, draft("newer, open"), owner=first)
    found = queue.newest_draft_for(ARTICLE, claim_for=second)
    assert found is not None and found.comment_id == older


# --- comment --id and retries -----------------------------------------------------------------


def test_an_id_that_holds_different_text_is_refused_and_nothing_changes(
    queue: PendingQueue,
) -> None:
    first = queue.add(draft("what was said first"), comment_id=DRAFT_ID)
    before = raw_rows(queue.path)
    with pytest.raises(CommentIdTaken) as taken:
        queue.add(draft("something else"), comment_id=DRAFT_ID)
    assert taken.value.comment_id == DRAFT_ID
    assert raw_rows(queue.path) == before
    # The same text again is a retry: the stored comment, no second row.
    assert queue.add(draft("what was said first"), comment_id=DRAFT_ID) == first
    assert raw_rows(queue.path) == before


def test_re_adding_a_withdrawn_id_says_so(queue: PendingQueue) -> None:
    queue.add(draft("taken back later"), comment_id=DRAFT_ID)
    assert queue.withdraw(DRAFT_ID)
    before = raw_rows(queue.path)
    for text in ("taken back later", "another text"):
        with pytest.raises(CommentWithdrawn):
            queue.add(draft(text), comment_id=DRAFT_ID)
    assert raw_rows(queue.path) == before


@pytest.mark.parametrize(
    "given",
    [
        "5C0FFEE0-0000-4000-8000-000000000001",
        "{5c0ffee0-0000-4000-8000-000000000001}",
        "urn:uuid:5c0ffee0-0000-4000-8000-000000000001",
        "5c0ffee000004000800000000000000" + "1",
        " 5c0ffee0-0000-4000-8000-000000000001 ",
    ],
)
def test_every_usual_form_of_an_id_names_the_same_comment(queue: PendingQueue, given: str) -> None:
    assert canonical_id(given) == DRAFT_ID
    stored = queue.add(draft("once"), comment_id=given)
    assert stored.id == DRAFT_ID
    assert queue.add(draft("once"), comment_id=DRAFT_ID.upper()) == stored


# --- editing a pending comment ----------------------------------------------------------------


def test_saving_an_edit_of_a_comment_withdrawn_meanwhile_is_a_typed_error(
    queue: PendingQueue,
) -> None:
    comment = queue.add(draft("original"))
    queue.withdraw(comment.id)
    with pytest.raises(CommentWithdrawn) as withdrawn:
        queue.update(comment.id, draft("my edit"), expected_version=comment.version)
    assert withdrawn.value.comment_id == comment.id
    stored = queue.get(comment.id)
    assert stored is not None and stored.body == "original"


def test_two_windows_editing_one_comment_keep_both_texts(queue: PendingQueue) -> None:
    comment = queue.add(draft("original"))
    first_window = queue.get(comment.id)
    second_window = queue.get(comment.id)
    assert first_window is not None and second_window is not None
    saved = queue.update(comment.id, draft("first edit"), expected_version=first_window.version)
    assert saved.version == first_window.version + 1
    # The second window's autosave: kept as the new draft below, not twice.
    assert queue.save_draft(comment.id, draft("second edit"), kind="edit")
    with pytest.raises(EditConflict) as conflict:
        queue.update(comment.id, draft("second edit"), expected_version=second_window.version)
    stored = queue.get(comment.id)
    assert stored is not None and stored.body == "first edit"
    kept = queue.draft(conflict.value.draft_id)
    assert kept is not None and not kept.is_edit
    assert (kept.article_id, kept.body) == (comment.article_id, "second edit")
    assert [d.comment_id for d in queue.drafts()] == [kept.comment_id]


def test_an_edit_without_a_version_still_saves(queue: PendingQueue) -> None:
    comment = queue.add(draft("original"))
    assert queue.update(comment.id, draft("changed")).body == "changed"


# --- which draft comes back -------------------------------------------------------------------


def test_the_draft_offered_back_is_the_last_written_not_the_latest_clock(
    queue: PendingQueue,
) -> None:
    from datetime import UTC, datetime

    later_clock = datetime(2030, 1, 1, tzinfo=UTC)
    earlier_clock = datetime(2020, 1, 1, tzinfo=UTC)
    queue.save_draft(DRAFT_ID, draft("written first"), now=later_clock)
    second = "5c0ffee0-0000-4000-8000-000000000002"
    queue.save_draft(second, draft("written last, clock set back"), now=earlier_clock)
    found = queue.newest_draft_for(ARTICLE)
    assert found is not None and found.body == "written last, clock set back"
    assert [d.comment_id for d in queue.drafts()] == [second, DRAFT_ID]


def test_a_form_draft_keeps_the_email_as_typed_but_the_comment_trims_it(
    queue: PendingQueue,
) -> None:
    typed = CommentDraft(ARTICLE, "Ferries at dawn", "Ada", "  ada@example.org ", "Hello")
    assert queue.add(typed).email == "ada@example.org"
