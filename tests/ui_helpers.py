"""What the pilot tests share: an app on temporary folders, and ways to wait for it."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled

from newsreader.ui.app import NewsReaderApp

# Long enough for a loaded machine to index the hostile corpus; a hang still fails.
SETTLE_SECONDS = 60.0


def make_app(articles: Path, data_dir: Path) -> NewsReaderApp:
    return NewsReaderApp(articles, data_dir)


async def settle(pilot: Pilot[None]) -> None:
    """Let the library load, workers finish and their messages land.

    Waits by the clock, not by a count of pauses: a pause lasts as long as the app takes to
    go idle, so a count would give up early on a fast pause or a slow machine, silently.
    """
    app = pilot.app
    assert isinstance(app, NewsReaderApp)
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        # A worker cancelled by a newer one (moving on to another article), or of a screen
        # that closed meanwhile, is done too.
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        busy = [worker.name for worker in app.workers if not worker.is_finished]
        # Workers that just ended have posted messages not handled yet, and a callback
        # waiting for the next refresh (`call_after_refresh`) may start the next worker.
        nodes = [app, *app.screen.walk_children(with_self=True)]
        quiet = all(node._message_queue.empty() for node in nodes) and not app.screen._callbacks
        # The first page of the list shows before the library worker has even started.
        if app.main_screen.list_settled and not busy and quiet:
            break
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"not settled after {SETTLE_SECONDS} s: workers {busy} running, quiet={quiet}"
            )
    await pilot.pause()


async def press_and_settle(pilot: Pilot[None], key: str) -> None:
    """Press a key that may close the screen it was pressed on, then settle.

    `pilot.press` waits for every widget of the screen the key went to; when a fast save
    closes that screen first, its widgets never answer and the wait times out.
    """
    pilot.app.simulate_key(key)
    await pilot.pause()
    await settle(pilot)


async def type_text(pilot: Pilot[None], text: str) -> None:
    for char in text:
        await pilot.press(_key_for(char))


def _key_for(char: str) -> str:
    named = {
        " ": "space",
        "\n": "enter",
        "/": "slash",
        "?": "question_mark",
        "@": "at",
        ".": "full_stop",
        ",": "comma",
        "!": "exclamation_mark",
        "-": "minus",
    }
    return named.get(char, char)


def static_text(app: NewsReaderApp, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render())


async def wait_for_draft(pilot: Pilot[None]) -> None:
    """Wait (up to ~10 s) until the open comment form's draft on disk matches its fields."""
    from newsreader.ui.screens.comment import CommentScreen

    for _ in range(100):
        screen = pilot.app.screen
        assert isinstance(screen, CommentScreen)
        if screen.keeper.up_to_date:
            return
        await pilot.pause(0.1)
    raise AssertionError("the draft never caught up with the form")


async def wait_until(
    pilot: Pilot[None], condition: Callable[[], bool], what: str, seconds: float = 20.0
) -> None:
    """Let the app run until `condition()` holds; fail saying `what` never happened."""
    for _ in range(round(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"{what} never happened")
