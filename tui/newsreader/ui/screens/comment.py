"""The comment form: name, email and comment, saved to the pending queue on ctrl+s."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static, TextArea

from newsreader.comments.draft import CommentDraft
from newsreader.comments.queue import InvalidComment, PendingComment, QueueError
from newsreader.library.article import Article
from newsreader.safe_text import one_line
from newsreader.ui.screens.confirm import ConfirmScreen
from newsreader.ui.widgets.safe_fields import SafeInput, SafeTextArea

if TYPE_CHECKING:
    from newsreader.ui.app import NewsReaderApp

MODERATION_NOTICE = "Comments are approved by a moderator and will not appear in real time."
FIELDS = ("name", "email", "body")


class CommentScreen(Screen[PendingComment | None]):
    """Dismisses with the saved comment, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "submit",
            "Submit",
            priority=True,
            tooltip="Save the comment to the pending queue",
            id="comment.submit",
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            tooltip="Close the form (asks when text was typed)",
            id="comment.cancel",
        ),
    ]

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article
        self._saving = False
        # Made once per form: a retry after an unclear failure cannot queue the text twice.
        self._comment_id = str(uuid.uuid4())

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="comment-form"):
            yield Static(
                Text("Comment on: " + one_line(self.article.title), style="bold"),
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
            yield Static("", id="body-error", classes="field-error", markup=False)
            yield Static("", id="form-error", classes="field-error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @property
    def _app(self) -> NewsReaderApp:
        from newsreader.ui.app import NewsReaderApp

        assert isinstance(self.app, NewsReaderApp)
        return self.app

    def draft(self) -> CommentDraft:
        return CommentDraft(
            article_id=self.article.id,
            article_title=self.article.title,
            name=self.query_one("#name", Input).value,
            email=self.query_one("#email", Input).value,
            body=self.query_one("#body", TextArea).text,
        )

    def has_typing(self) -> bool:
        draft = self.draft()
        return any(part.strip() for part in (draft.name, draft.email, draft.body))

    # --- submitting ----------------------------------------------------------------------

    def _show_problems(self, messages: dict[str, str], form_message: str = "") -> None:
        for field in FIELDS:
            self.query_one(f"#{field}-error", Static).update(Text(messages.get(field, "")))
        self.query_one("#form-error", Static).update(Text(form_message))

    def action_submit(self) -> None:
        if self._saving:
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
        self._save(draft)

    @work(thread=True, exclusive=True, exit_on_error=False, group="comment-save")
    def _save(self, draft: CommentDraft) -> None:
        try:
            queue = self._app.pending_queue()
            comment = queue.add(draft, comment_id=self._comment_id)
        except InvalidComment as invalid:
            message = invalid.problems[0].message if invalid.problems else str(invalid)
            self.app.call_from_thread(self._save_failed, message)
        except QueueError as error:
            self.app.call_from_thread(self._save_failed, str(error))
        except Exception as error:  # never lose the text to a surprise: keep the form open
            self.app.call_from_thread(self._save_failed, f"Could not save the comment: {error}")
        else:
            try:
                count: int | None = queue.count()
            except QueueError:
                count = None  # saved all the same; only the tally is unknown
            self.app.call_from_thread(self._saved, comment, count)

    def _save_failed(self, message: str) -> None:
        self._saving = False
        if "still" not in message:
            message += " Your text is still in the form."
        self._show_problems({}, message)
        self.notify(message, severity="error", markup=False)

    def _saved(self, comment: PendingComment, pending_count: int | None) -> None:
        self._saving = False
        tally = f" ({pending_count} pending)" if pending_count is not None else ""
        self.notify(f"Saved to the pending queue{tally}", markup=False)
        self.dismiss(comment)

    # --- cancelling ----------------------------------------------------------------------

    def action_cancel(self) -> None:
        if self._saving:
            return
        if not self.has_typing():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Discard this comment? What you typed will be lost.",
                yes="Discard",
                no="Keep writing",
            ),
            answered,
        )
