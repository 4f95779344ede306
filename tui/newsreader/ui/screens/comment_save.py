"""The comment form's save, in its worker thread: the queue's answer becomes one of the
form's messages (saved, failed, or a refusal the form answers itself)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import (
    CommentIdTaken,
    CommentWithdrawn,
    DraftClaimed,
    EditConflict,
    InvalidComment,
    QueueError,
)

if TYPE_CHECKING:
    from newsreader.ui.screens.comment import CommentScreen


def save_comment(form: CommentScreen, draft: CommentDraft, comment_id: str) -> None:
    """Called with the form's autosave lock held (`DraftKeeper.holding_writes`)."""
    try:
        queue = form.context.pending_queue()
        if form.editing is not None:
            comment = queue.update(comment_id, draft, expected_version=form.editing.version)
        else:
            comment = queue.add(
                draft, comment_id=comment_id, owner=form.owner, article_url=form.delivery_url()
            )
    except InvalidComment as invalid:
        message = invalid.problems[0].message if invalid.problems else str(invalid)
        form.post_message(form.SaveFailed(message))
    except CommentWithdrawn:
        form.post_message(form.QueueSaidNo("withdrawn"))
    except EditConflict as conflict:
        form.keeper.stop()  # the queue kept the text as a new draft: no edit draft now
        form.post_message(form.QueueSaidNo("edit-conflict", conflict))
    except DraftClaimed as claimed:
        form.post_message(form.QueueSaidNo("claim-lost", claimed))
    except CommentIdTaken:
        form.post_message(
            form.SaveFailed("Not sent: a different comment was already sent under this id.")
        )
    except QueueError as error:
        form.post_message(form.SaveFailed(str(error)))
    except Exception as error:  # never lose the text to a surprise: keep the form open
        form.post_message(form.SaveFailed(f"Could not save the comment: {error}"))
    else:
        form.keeper.stop()  # saved: an autosave waiting for the lock must not follow
        try:
            count: int | None = queue.count(unsent=True)
        except QueueError:
            count = None  # saved all the same; only the tally is unknown
        form.post_message(form.Saved(comment, count))
