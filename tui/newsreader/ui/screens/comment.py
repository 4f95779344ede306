"""The comment form: name, email and comment, saved to the pending queue on ctrl+s.

The same form writes a new comment and edits a pending one. While it is open its fields
are kept as a draft (see `comment_draft.py`); opening it again on the same article (or on
the same pending comment) brings the draft back.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea
from textual.worker import WorkerCancelled, WorkerFailed

from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.draft_store import DraftOwner, SavedDraft
from newsreader.comments.queue import (
    DraftClaimed,
    EditConflict,
    PendingComment,
    QueueError,
)
from newsreader.safe_text import one_line
from newsreader.ui.screens.choice import LEAVE_FORM_CHOICES, ChoiceScreen
from newsreader.ui.screens.comment_draft import DraftKeeper, fields_of
from newsreader.ui.screens.comment_keys import COMMENT_BINDINGS
from newsreader.ui.widgets.body_count import BodyCount
from newsreader.ui.widgets.key_footer import KeyFooter
from newsreader.ui.widgets.safe_fields import SafeInput, SafeTextArea

if TYPE_CHECKING:
    from newsreader.ui.context import ReaderContext

LeaveChoice = Literal["keep", "discard"]
MODERATION_NOTICE = "Comments are approved by a moderator and will not appear in real time."
FIELDS = ("name", "email", "body")
STILL_IN_FORM = " Your text is still in the form."


def _open_elsewhere(claimed: DraftClaimed) -> str:
    where = f"process {claimed.pid}" if claimed.pid else "another process"
    return f"This draft is open in another comment form ({where})."


class CommentScreen(Screen[PendingComment | None]):
    """Dismisses with the saved comment, or None when closed without sending."""

    BINDINGS: ClassVar[list[BindingType]] = COMMENT_BINDINGS

    class DraftLookedUp(Message):
        """The newest draft for this form, if any, and why the queue could not be read."""

        bubble = False

        def __init__(
            self, found: SavedDraft | None, problem: str, signature: tuple[str, str] | None
        ) -> None:
            super().__init__()
            self.found, self.problem = found, problem
            # The last comment's name and email, for fields the settings left empty.
            self.signature = signature

    class QueueSaidNo(Message):
        """A worker met a refusal the form answers itself: `kind` says which, `error` is it.

        kinds: "open-elsewhere" (looking up the draft), "resumed-elsewhere" (claiming a
        resumed draft), "withdrawn", "edit-conflict", "claim-lost" (submitting)."""

        bubble = False

        def __init__(self, kind: str, error: Exception | None = None) -> None:
            super().__init__()
            self.kind, self.error = kind, error

    class Saved(Message):
        bubble = False

        def __init__(self, comment: PendingComment, pending_count: int | None) -> None:
            super().__init__()
            self.comment, self.pending_count = comment, pending_count

    class SaveFailed(Message):
        bubble = False

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(
        self,
        context: ReaderContext,
        article_id: str,
        article_title: str,
        *,
        editing: PendingComment | None = None,
        resume: SavedDraft | None = None,
        article_url: str | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.article_id = article_id
        self.article_title = article_title
        # Where the comment will be delivered; None: looked up in the library at submit
        # (a draft resumed from the pending screen does not carry it).
        self.article_url = article_url
        self.editing = editing
        self._resume = resume
        self._saving = False
        self._leaving = False
        self._focused_before_save: Widget | None = None
        # Made once per form (or taken from the draft or comment): a retry after an unclear
        # failure cannot queue the text twice, and the draft and comment share the id.
        comment_id = editing.id if editing else str(uuid.uuid4())
        defaults = context.comment_defaults
        start = (
            self._as_draft(editing)
            if editing
            else CommentDraft("", "", defaults.name, defaults.email, "")
        )
        # What the fields hold before anything is typed; a draft found later replaces it
        # only if the person has not started typing meanwhile.
        self._filled_with = fields_of(start)
        # This form, as its claim on a draft names it: a second form never gets the same id.
        self.owner = DraftOwner.new()
        self.keeper = DraftKeeper(
            comment_id,
            "edit" if editing else "new",
            self.draft,
            context.pending_queue,
            needs_no_draft=start,
            owner=self.owner,
            id="draft-status",
        )

    def _as_draft(self, comment: PendingComment | SavedDraft) -> CommentDraft:
        return CommentDraft(
            self.article_id, self.article_title, comment.name, comment.email, comment.body
        )

    @property
    def _pending_key(self) -> str:
        return self.context.key("main.pending")  # the key in force, for the hints

    def compose(self) -> ComposeResult:
        heading = "Editing your pending comment on: " if self.editing else "Comment on: "
        with VerticalScroll(id="comment-form"):
            yield Static(
                Text(heading + one_line(self.article_title), style="bold"),
                id="comment-heading",
            )
            yield Static(MODERATION_NOTICE, id="moderation-notice", markup=False)
            yield Label("Name (required)", classes="field-label")
            yield SafeInput(id="name", placeholder="Your name", select_on_focus=False)
            yield Static("", id="name-error", classes="field-error", markup=False)
            yield Label("Email (optional)", classes="field-label")
            yield SafeInput(id="email", placeholder="name@example.org", select_on_focus=False)
            yield Static("", id="email-error", classes="field-error", markup=False)
            yield Label("Comment (required)", classes="field-label")
            yield SafeTextArea(id="body", soft_wrap=True, tab_behavior="focus")
            yield BodyCount(id="body-count")
            yield Static("", id="body-error", classes="field-error", markup=False)
            yield Static("", id="form-error", classes="field-error", markup=False)
            yield self.keeper
        yield KeyFooter()

    def on_mount(self) -> None:
        # At once, not after a refresh: a name typed right after `c` belongs in the field.
        # Not scrolled to: before the form has a size, that put Name at the top edge and
        # hid the heading and the moderation notice above it.
        self.set_focus(self.query_one("#name", Input), scroll_visible=False)
        if self._resume is not None:
            self._restore(self._resume, announce=False)
            self._claim_resumed(self._resume)
        elif self.editing is not None:
            self._fill(self._as_draft(self.editing))
            self._look_for_draft()
        else:
            defaults = self.context.comment_defaults
            # Name and email only: moving the comment field's cursor would scroll the form.
            self.query_one("#name", Input).value = defaults.name
            self.query_one("#email", Input).value = defaults.email
            if defaults.name:
                self.set_focus(self.query_one("#body", TextArea))  # the name is filled in
            self._look_for_draft()

    def draft(self) -> CommentDraft:
        return CommentDraft(
            article_id=self.article_id,
            article_title=self.article_title,
            name=self.query_one("#name", Input).value,
            email=self.query_one("#email", Input).value,
            body=self.query_one("#body", TextArea).text,
        )

    def has_typing(self) -> bool:
        """True when closing would lose something: a draft is needed for what is there."""
        return self.keeper.wanted() is not None

    # --- restoring a draft -----------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft-restore")
    def _look_for_draft(self) -> None:
        found: SavedDraft | None = None
        problem = ""
        signature: tuple[str, str] | None = None
        try:
            queue = self.context.pending_queue()
            defaults = self.context.comment_defaults
            if self.editing is None and defaults.remember:
                signature = queue.last_signature()
            if self.editing is not None:
                found = queue.claim_draft(self.editing.id, self.owner)
            else:
                # A draft open in another form is not offered: this form gets its own.
                found = queue.newest_draft_for(self.article_id, claim_for=self.owner)
        except DraftClaimed as claimed:
            self.post_message(self.QueueSaidNo("open-elsewhere", claimed))
            found = None
        except QueueError as error:
            # Without the queue there is nothing to restore, and saving will say why.
            problem = str(error)
        self.post_message(self.DraftLookedUp(found, problem, signature))

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft-restore")
    def _claim_resumed(self, resumed: SavedDraft) -> None:
        try:
            self.context.pending_queue().claim_draft(resumed.comment_id, self.owner)
        except DraftClaimed as claimed:
            self.post_message(self.QueueSaidNo("resumed-elsewhere", claimed))
        except QueueError:
            pass  # the next autosave says what is wrong

    def action_edit_in_editor(self) -> None:
        if self._saving or self._leaving or self.context.editor_folder is None:
            return
        from newsreader.ui.screens.comment_editor import edit_body

        body = self.query_one("#body", TextArea)
        edit_body(body, self.context.editor, self.context.editor_folder)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.query_one(BodyCount).count(event.text_area.text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter in Name or Email: on to the next field, as tab does.
        following = {"name": "#email", "email": "#body"}.get(event.input.id or "")
        if following is not None:
            event.stop()
            self.set_focus(self.query_one(following))

    def on_comment_screen_queue_said_no(self, event: QueueSaidNo) -> None:
        error = event.error
        if event.kind == "withdrawn":
            self._withdrawn_meanwhile()
        elif event.kind == "edit-conflict":
            assert isinstance(error, EditConflict)
            self._changed_elsewhere(error)
        else:
            assert isinstance(error, DraftClaimed)
            if event.kind == "open-elsewhere":
                self.keeper.say(_open_elsewhere(error))
            elif event.kind == "resumed-elsewhere":
                self._resumed_elsewhere(error)
            else:
                self._claimed_elsewhere(error)

    def _resumed_elsewhere(self, claimed: DraftClaimed) -> None:
        if self.editing is None:
            # Both forms go on, each under its own id: this one keeps a copy of the text.
            self.keeper.become_new(str(uuid.uuid4()), CommentDraft("", "", "", "", ""))
            self.keeper.say(f"{_open_elsewhere(claimed)} This form keeps a copy of its own.")
        else:
            self.keeper.say(_open_elsewhere(claimed))

    def on_comment_screen_draft_looked_up(self, event: DraftLookedUp) -> None:
        if event.problem:
            self._show_problems({}, event.problem)
        found = event.found
        untouched = fields_of(self.draft()) == self._filled_with
        if found is not None and untouched:
            self._restore(found, announce=True)
        else:
            if untouched and event.signature is not None:
                self._fill_signature(*event.signature)
            # Typed into before the look-up came back: keep that, and the old draft too.
            self.keeper.start()

    def _fill_signature(self, name: str, email: str) -> None:
        """Name and email the settings left empty, from the last comment: filled in, they
        are where the form starts, not typing a draft must keep."""
        name_field, email_field = self.query_one("#name", Input), self.query_one("#email", Input)
        name_field.value = name_field.value or name
        email_field.value = email_field.value or email
        start = CommentDraft("", "", name_field.value, email_field.value, "")
        self._filled_with = fields_of(start)
        self.keeper.needs_no_draft_for(start)
        if name_field.value and self.focused is name_field and name_field.value == name:
            self.set_focus(self.query_one("#body", TextArea))  # on to what is left to write

    def _restore(self, found: SavedDraft, *, announce: bool) -> None:
        self._fill(self._as_draft(found))
        self.keeper.start(found)
        if announce:
            # Said on the form itself, not in a toast: toasts raised on this screen pile up
            # on the one below when it closes, and can hide the "Saved" that follows.
            self.keeper.say(f"Your draft from {found.updated_minute} is back in the form.")

    def _fill(self, draft: CommentDraft) -> None:
        self.query_one("#name", Input).value = draft.name
        self.query_one("#email", Input).value = draft.email
        body = self.query_one("#body", TextArea)
        body.text = draft.body
        body.move_cursor(body.document.end)

    # --- submitting ----------------------------------------------------------------------

    def _show_problems(self, messages: dict[str, str], form_message: str = "") -> None:
        for field in FIELDS:
            self.query_one(f"#{field}-error", Static).update(Text(messages.get(field, "")))
        self.query_one("#form-error", Static).update(Text(form_message))

    def _set_busy(self, busy: bool) -> None:
        # Fields are locked while a save waits, so nothing typed meanwhile is left out of
        # what gets saved and then lost when the form closes.
        if busy:
            self._focused_before_save = self.focused
        for field in FIELDS:
            self.query_one(f"#{field}").disabled = busy
        if not busy and self._focused_before_save is not None:
            self._focused_before_save.focus()

    def action_submit(self) -> None:
        if self._saving or self._leaving:
            return
        draft = self.draft()
        problems = draft.problems()
        if problems:
            messages: dict[str, str] = {}
            for problem in problems:
                messages.setdefault(problem.field, problem.message)
            self._show_problems(messages, "Nothing was saved: please fix the fields marked above.")
            self.query_one(f"#{problems[0].field}").focus()
            return
        self._show_problems({}, "Saving…")
        self._saving = True
        self._set_busy(True)
        self._save(draft, self.keeper.comment_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="comment-save")
    def _save(self, draft: CommentDraft, comment_id: str) -> None:
        from newsreader.ui.screens.comment_save import save_comment

        with self.keeper.holding_writes():
            save_comment(self, draft, comment_id)

    def delivery_url(self) -> str:
        """The article's url, kept with the comment so delivery outlives the file."""
        if self.article_url is None:
            from newsreader.library.sources import find_article

            found = find_article(self.context.library.sources, self.article_id)
            self.article_url = (found.url or "") if found is not None else ""
        return self.article_url

    def on_comment_screen_save_failed(self, event: SaveFailed) -> None:
        self._save_failed(event.reason)

    def _save_failed(self, message: str) -> None:
        self._saving = False
        self._set_busy(False)
        message += STILL_IN_FORM
        self._show_problems({}, message)
        self.notify(message, severity="error", markup=False)

    def _claimed_elsewhere(self, claimed: DraftClaimed) -> None:
        """Another form took this draft over: this text goes on under an id of its own."""
        self.keeper.become_new(str(uuid.uuid4()))
        self._save_failed(
            f"Not sent: {_open_elsewhere(claimed)} This form now keeps your text as a draft "
            "of its own; press ctrl+s to send it."
        )

    def _withdrawn_meanwhile(self) -> None:
        """The comment being edited was withdrawn: offer to send the text as a new one."""
        self._saving = False
        self._set_busy(False)
        self.editing = None
        # From now on the text is a new comment's draft, kept by autosave and by ctrl+q.
        self.keeper.become_new(str(uuid.uuid4()), CommentDraft("", "", "", "", ""))
        self.query_one("#comment-heading", Static).update(
            Text("Comment on: " + one_line(self.article_title), style="bold")
        )
        self._show_problems(
            {},
            "This comment was withdrawn meanwhile (queue remove, or another window)."
            f"{STILL_IN_FORM} Press ctrl+s to send it as a new comment, or escape to keep it "
            "as a draft.",
        )

    def _changed_elsewhere(self, conflict: EditConflict) -> None:
        """Another window saved this comment first: both texts are kept, neither is lost."""
        self._saving = False
        self.keeper.stop()
        app = self.app
        self.dismiss(None)
        app.notify(
            "Not saved over the other window's changes: this comment was changed elsewhere "
            f"meanwhile. Your text is kept as a new draft ({self._pending_key} lists drafts).",
            severity="warning",
            timeout=10,
            markup=False,
        )

    def on_comment_screen_saved(self, event: Saved) -> None:
        self._saving = False
        self.keeper.stop()
        pending_count = event.pending_count
        tally = f" ({pending_count} pending)" if pending_count is not None else ""
        done = "Changes saved" if self.editing else "Saved to the pending queue"
        app = self.app
        self.dismiss(event.comment)
        # Notified once the screen below is back: a toast raised while this screen was
        # being taken down could stay unseen on the screen below for seconds.
        app.notify(f"{done}{tally}", markup=False)

    # --- closing without sending -------------------------------------------------------------

    def action_cancel(self) -> None:
        if self._saving or self._leaving:
            return
        if not self.has_typing():
            # Nothing worth keeping; remove a draft that an earlier autosave may have left.
            self._close_form("discard")
            return
        question = (
            f"Close this form? Your text can wait as a draft ({self._pending_key} lists drafts)."
            if not self.editing
            else "Close without saving your changes? They can wait as a draft."
        )

        def answered(choice: str | None) -> None:
            if choice == "keep":
                self._close_form("keep")
            elif choice == "discard":
                self._close_form("discard")

        self.app.push_screen(ChoiceScreen(question, LEAVE_FORM_CHOICES, focused="keep"), answered)

    def _close_form(self, choice: LeaveChoice) -> None:
        """Keep or discard the draft, and close only once that is on disk."""
        # An autosave still under way may be about to write a draft: discard after it.
        nothing_written = not self.keeper.has_draft_on_disk and not self.keeper.write_running
        if nothing_written and choice == "discard":
            self.keeper.stop()
            self.dismiss(None)
            return
        self._leaving = True
        wanted = self.keeper.wanted() if choice == "keep" else None
        self._finish_closing(choice, wanted)

    @work(exit_on_error=False, group="comment-close")
    async def _finish_closing(self, choice: LeaveChoice, wanted: CommentDraft | None) -> None:
        try:
            problem = await self.keeper.write(wanted, last=True).wait()
        except (WorkerCancelled, WorkerFailed) as error:
            problem = f"Could not keep the draft: {error}"
        if problem:
            self._leaving = False
            self._show_problems({}, f"Draft not saved: {problem}{STILL_IN_FORM}")
            return
        app = self.app
        self.dismiss(None)
        if choice == "keep" and wanted is not None:
            app.notify(
                f"Draft kept. Press {self.context.key('main.comment')} on this article or "
                f"{self._pending_key} for drafts to go on writing.",
                markup=False,
            )

    async def keep_draft_before_quit(self) -> str:
        """Called when the app quits with this form open: write the last second's typing.
        Returns "" once it is on disk (or nothing needed writing), else why not."""
        if self._saving or self._leaving:
            return ""
        wanted = self.keeper.wanted()
        if wanted is None and not self.keeper.has_draft_on_disk:
            return ""
        try:
            return await self.keeper.write(wanted, last=True).wait()
        except (WorkerCancelled, WorkerFailed) as error:
            return f"Could not save the draft: {error}"
