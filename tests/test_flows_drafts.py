"""Pilot tests for drafts and managing the queue: autosave and restore, the launch notice,
resume/discard/edit on the pending screen, and a quit with the form open."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue
from newsreader.ui.screens.choice import ChoiceScreen
from newsreader.ui.screens.comment import CommentScreen
from newsreader.ui.screens.pending import PendingScreen
from newsreader.ui.widgets.pending_list import PendingList
from ui_helpers import make_app, press_and_settle, settle, static_text, type_text, wait_for_draft

SIZE = (110, 34)
HARBOUR = ("harbour-wall", "Harbour wall repairs finish early")
TRAP_TITLE = "[@click=app.quit]Trap[/] [bold]title"


def form_fields(screen: object) -> tuple[str, str, str]:
    assert isinstance(screen, CommentScreen)
    return (
        screen.query_one("#name", Input).value,
        screen.query_one("#email", Input).value,
        screen.query_one("#body", TextArea).text,
    )


async def test_typing_is_kept_as_a_draft_and_comes_back(articles: Path, data_dir: Path) -> None:
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await type_text(pilot, "Ana")
        await pilot.press("tab", "tab")
        await type_text(pilot, "  Half a thought")
        await wait_for_draft(pilot)
        [draft] = PendingQueue.open(data_dir).drafts()
        assert (draft.article_id, draft.name, draft.body) == (
            "harbour-wall",
            "Ana",
            "  Half a thought",
        )
        assert "Draft saved" in static_text(app, "#draft-status")
        # Close and keep it.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert [c.value for c in app.screen.choices] == ["keep", "discard", "stay"]
        await press_and_settle(pilot, "k")
        assert not isinstance(app.screen, CommentScreen)
        # Opening the form on the same article brings it back, cursor at the end.
        await pilot.press("c")
        await settle(pilot)
        assert form_fields(app.screen) == ("Ana", "", "  Half a thought")
        assert "is back in the form" in static_text(app, "#draft-status")
        await pilot.press("tab", "tab")
        await type_text(pilot, ", finished.")
        await press_and_settle(pilot, "ctrl+s")
        assert not isinstance(app.screen, CommentScreen)
    queue = PendingQueue.open(data_dir)
    [sent] = queue.pending()
    assert sent.body == "  Half a thought, finished."
    assert sent.id == draft.comment_id  # the draft became the comment, under its id
    assert queue.drafts() == []


async def test_a_draft_on_another_article_is_not_restored(articles: Path, data_dir: Path) -> None:
    PendingQueue.open(data_dir).save_draft(
        "00000000-0000-4000-8000-0000000000a1",
        CommentDraft("tide-clocks", "Notes on tidal clocks", "Ben", "", "about tides"),
    )
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")  # on the harbour article
        await settle(pilot)
        assert form_fields(app.screen) == ("", "", "")


async def test_launch_says_a_draft_is_waiting_and_where(articles: Path, data_dir: Path) -> None:
    PendingQueue.open(data_dir).save_draft(
        "00000000-0000-4000-8000-0000000000a2",
        CommentDraft("harbour-wall", TRAP_TITLE, "Ana", "", "interrupted text"),
    )
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notices = [n.message for n in app._notifications]
        [notice] = [n for n in notices if "draft is waiting" in n]
        # The title is shown as typed, never run as markup.
        assert f"your comment on “{TRAP_TITLE}”" in notice
        assert "Press c on that article, or p to see drafts" in notice
        assert notice in static_text(app, "#status")
        assert app.is_running
        assert app.messages_for_stderr == []  # a draft is news, not an error


async def test_no_notice_without_drafts(articles: Path, data_dir: Path) -> None:
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not [n for n in app._notifications if "draft" in n.message.lower()]


async def test_pending_screen_resumes_and_discards_drafts(articles: Path, data_dir: Path) -> None:
    queue = PendingQueue.open(data_dir)
    queue.add(CommentDraft(*HARBOUR, "Ana", "", "already sent"))
    queue.save_draft(
        "00000000-0000-4000-8000-0000000000a3",
        CommentDraft("tide-clocks", "Notes on tidal clocks", "Ben", "ben@example.org", "tides"),
    )
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        table = app.screen.query_one(PendingList)
        statuses = [table.row_texts(i)[0] for i in range(table.row_count)]
        assert statuses == ["pending", "draft"]
        assert "(1 waiting and 1 draft)" in static_text(app, "#pending-heading")
        await pilot.press("down", "e")
        await settle(pilot)
        assert form_fields(app.screen) == ("Ben", "ben@example.org", "tides")
        await pilot.press("tab", "tab")
        await type_text(pilot, " and clocks")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, PendingScreen)
        await settle(pilot)
        assert app.screen.query_one(PendingList).row_count == 2  # two pending now, no draft
        queue.save_draft(
            "00000000-0000-4000-8000-0000000000a4",
            CommentDraft(*HARBOUR, "Cy", "", "to be thrown away"),
        )
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("down", "down", "d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert [c.value for c in app.screen.choices] == ["yes", "no"]
        assert "Discard your draft" in str(app.screen.query_one("#choice-question").render())
        await pilot.press("y")
        await settle(pilot)
    assert queue.drafts() == []
    assert sorted(c.body for c in queue.pending()) == ["already sent", "tides and clocks"]


async def test_e_edits_a_pending_comment_with_the_same_rules(
    articles: Path, data_dir: Path
) -> None:
    queue = PendingQueue.open(data_dir)
    original = queue.add(CommentDraft(*HARBOUR, "Ana", "", "First version"))
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)
        assert "Editing your pending comment" in static_text(app, "#comment-heading")
        assert form_fields(app.screen) == ("Ana", "", "First version")
        await pilot.press("tab")
        await type_text(pilot, "not an address")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)  # refused, as on submit
        assert "contains a space" in static_text(app, "#email-error")
        assert queue.get(original.id) == original
        app.screen.query_one("#email", Input).value = "ana@example.org"
        await pilot.press("tab")
        await type_text(pilot, ", second thoughts")
        await wait_for_draft(pilot)  # unsaved changes are kept as an edit draft meanwhile
        edit_draft = queue.draft(original.id)
        assert edit_draft is not None and edit_draft.is_edit
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, PendingScreen)
    edited = queue.get(original.id)
    assert edited is not None
    assert (edited.email, edited.body) == ("ana@example.org", "First version, second thoughts")
    assert edited.created == original.created
    assert queue.count() == 1
    assert queue.drafts() == []


async def test_quitting_with_the_form_open_keeps_the_latest_typing(
    articles: Path, data_dir: Path
) -> None:
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await type_text(pilot, "Ana")
        await pilot.press("tab", "tab")
        await type_text(pilot, "typed just before quitting")
        await pilot.press("ctrl+q")  # well within the second before the next autosave
        await pilot.pause()
    assert not app.is_running
    [draft] = PendingQueue.open(data_dir).drafts()
    assert draft.body == "typed just before quitting"


async def test_a_damaged_queue_is_reported_in_the_ui_and_for_stderr(
    articles: Path, data_dir: Path
) -> None:
    data_dir.mkdir(mode=0o700)
    damaged = b"SQLite format 3\x00" + b"\xff" * 4000
    (data_dir / "queue.sqlite3").write_bytes(damaged)
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [aside] = data_dir.glob("queue.sqlite3.corrupt-*")
        notices = [n.message for n in app._notifications]
        assert any(str(aside) in n and "moved aside, not deleted" in n for n in notices)
        assert str(aside) in static_text(app, "#status")
        assert any(str(aside) in m for m in app.messages_for_stderr)
        # The app goes on with a fresh queue.
        await pilot.press("c")
        await settle(pilot)
        await type_text(pilot, "Ana")
        await pilot.press("tab", "tab")
        await type_text(pilot, "after the damage")
        await press_and_settle(pilot, "ctrl+s")
    assert aside.read_bytes() == damaged
    assert [c.body for c in PendingQueue.open(data_dir).pending()] == ["after the damage"]


async def test_names_and_titles_on_the_pending_screen_are_never_markup(
    articles: Path, data_dir: Path
) -> None:
    PendingQueue.open(data_dir).save_draft(
        "00000000-0000-4000-8000-0000000000a5",
        CommentDraft("harbour-wall", TRAP_TITLE, "[red]Eve[/]", "", "[@click=app.quit]x\x1b[2J"),
    )
    app = make_app(articles, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        row = app.screen.query_one(PendingList).row_texts(0)
        # Cut to its column, but as typed: never read as markup.
        assert row[2] == TRAP_TITLE[:23] + "…"
        assert row[3] == "[red]Eve[/]"
        assert row[4] == "[@click=app.quit]x␛[2J"
        await pilot.click(PendingList, offset=(40, 0))
        await settle(pilot)
        assert app.is_running


def test_help_lists_the_new_keys() -> None:
    from rich.console import Console

    from newsreader.ui.binding_sections import sections
    from newsreader.ui.screens.help import help_table

    console = Console(width=120, record=True, color_system=None)
    console.print(help_table(sections(), {}))
    text = console.export_text()
    for expected in (
        "Edit a pending comment, or go on writing a draft",
        "Withdraw a pending comment, or discard a draft",
        "Close the form; the text waits as a draft",
        "Closing a comment form with text in it",
    ):
        assert expected in text
