"""SVG snapshots at a fixed terminal size: the main screen (dark and light themes), the
comment form, the pending screen, the dialog asked when a form with text is closed.

Update after an intended change with `make test PYTEST_ARGS=--snapshot-update` and look at
the pictures in the report before committing them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from library_samples import write_library
from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue
from newsreader.ui.widgets.article_list import ArticleList
from ui_helpers import make_app, settle, type_text, wait_for_draft

SIZE = (100, 30)


async def _settled(pilot: Pilot[None]) -> None:
    await settle(pilot)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    # The list's dates are compact relative to today ("20 Nov" this year): hold today still.
    monkeypatch.setattr(ArticleList, "today", staticmethod(lambda: dt.date(2026, 12, 3)))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_main_screen(snap_compare: Any, tmp_path: Path, theme: str, size: tuple[int, int]) -> None:
    app = make_app(write_library(tmp_path / "articles"), tmp_path / "data")

    async def themed(pilot: Pilot[None]) -> None:
        await settle(pilot)
        pilot.app.theme = theme
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=themed)


def test_leave_form_dialog(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "articles"), tmp_path / "data")

    async def leave(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        await type_text(pilot, "Ana")
        await wait_for_draft(pilot)
        await pilot.press("escape")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=leave)


def test_comment_form_with_a_problem(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "articles"), tmp_path / "data")

    async def fill_in(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("tab")
        await type_text(pilot, "not-an-address")
        await pilot.press("tab")
        await type_text(pilot, "The new walkway is a delight.")
        await wait_for_draft(pilot)  # so the draft line reads the same in every run
        await pilot.press("ctrl+s")
        await settle(pilot)
        # A blinking cursor is drawn or not by the time of the picture: hold it still.
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=fill_in)


def test_pending_screen(snap_compare: Any, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    queue = PendingQueue.open(data_dir)
    moment = dt.datetime(2026, 11, 28, 18, 5, tzinfo=dt.UTC)
    queue.add(
        CommentDraft(
            "harbour-wall",
            "Harbour wall repairs finish early",
            "Ana Pires",
            "",
            "Lovely to see it finished.\nWill the walkway be lit at night?",
        ),
        comment_id="00000000-0000-4000-8000-000000000001",
        now=moment,
    )
    queue.add(
        CommentDraft(
            "tide-clocks",
            "Notes on tidal clocks",
            "[bold]Ben[/bold]",
            "ben@example.org",
            "My grandfather had one of these.",
        ),
        comment_id="00000000-0000-4000-8000-000000000002",
        now=moment + dt.timedelta(minutes=7),
    )
    queue.save_draft(
        "00000000-0000-4000-8000-000000000003",
        CommentDraft(
            "town/library-hours",
            "Library extends opening hours",
            "Ana Pires",
            "",
            "Half a thought about the new hours",
        ),
        now=moment + dt.timedelta(minutes=30),
    )
    app = make_app(write_library(tmp_path / "articles"), data_dir)

    async def open_pending(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_pending)
