"""The comment form while the queue cannot be written; prints a JSON report.

usage: form_under_fault.py full PLACE (PLACE is a small tmpfs)
       form_under_fault.py denied PLACE ARTICLES (run as a user who may not write PLACE/data)
Needs tui/ and tests/ on PYTHONPATH."""

import asyncio
import json
import os
import sys
from pathlib import Path

from textual.widgets import TextArea

from library_samples import write_library
from newsreader.comments.queue import PendingQueue
from newsreader.ui.screens.comment import CommentScreen
from ui_helpers import make_app, press_and_settle, settle, static_text, type_text

mode, place = sys.argv[1], Path(sys.argv[2])
articles = write_library(place / "articles") if mode == "full" else Path(sys.argv[3])
data_dir = place / "data"
report: dict[str, object] = {}


def fill(path: Path) -> None:
    filler = os.open(path, os.O_WRONLY | os.O_CREAT)
    for chunk in (65536, 4096, 512, 1):
        try:
            while True:
                os.write(filler, b"\0" * chunk)
        except OSError:
            pass
    os.close(filler)


async def main() -> None:
    app = make_app(articles, data_dir)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        if mode == "full":
            fill(place / "filler")
        await type_text(pilot, "Ana")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Words worth keeping")
        for _ in range(200):  # until an autosave has tried and failed (at most ~20 s)
            if "Draft not saved" in static_text(app, "#draft-status"):
                break
            await pilot.pause(0.1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        report["form_open"] = isinstance(screen, CommentScreen)
        report["body"] = screen.query_one("#body", TextArea).text
        report["form_error"] = static_text(app, "#form-error")
        report["draft_status"] = static_text(app, "#draft-status")
        report["notices"] = [n.message for n in app._notifications]
        # Nothing else breaks: the form can be left and the list still moves.
        await pilot.press("escape")
        await pilot.pause()
        await press_and_settle(pilot, "d")
        report["back_on_main"] = app.screen is app.main_screen
        await pilot.press("j")
        highlighted = app.main_screen.article_list.highlighted_entry
        report["list_moves"] = highlighted.id if highlighted else None
        if mode == "full":
            os.unlink(place / "filler")
            await pilot.press("k", "c")
            await settle(pilot)
            await type_text(pilot, "Ana")
            await pilot.press("tab", "tab")
            await type_text(pilot, "after space came back")
            await press_and_settle(pilot, "ctrl+s")
            report["saved_after"] = not isinstance(app.screen, CommentScreen)
    if mode == "full":
        queue = PendingQueue.open(data_dir)
        report["quarantined"] = str(queue.quarantined_to) if queue.quarantined_to else None
        report["bodies"] = [c.body for c in queue.pending()]


asyncio.run(main())
print(json.dumps(report))
