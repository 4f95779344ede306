"""The footer is rebuilt when the keys it shows change, and only then."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from newsreader.ui.app import NewsReaderApp
from newsreader.ui.widgets.key_footer import KeyFooter
from ui_helpers import settle


def drawn_keys(app: NewsReaderApp) -> list[FooterKey]:
    return list(app.screen.query_one(KeyFooter).query(FooterKey))


async def test_the_footer_follows_the_keys_and_keeps_its_widgets_when_they_stay(
    articles: Path, data_dir: Path
) -> None:
    app = NewsReaderApp(articles, data_dir, read_after_seconds=3600)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        before = drawn_keys(app)
        assert ("q", "Quit") in [(key.key, key.description) for key in before]
        await pilot.press("p")  # another screen and back: the same keys again
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        after = drawn_keys(app)
        assert [id(key) for key in after] == [id(key) for key in before]
        await pilot.press("enter")  # into the reading pane: q now goes back to the list
        await settle(pilot)
        shown = [(key.key, key.description) for key in drawn_keys(app)]
        assert ("q", "Back to list") in shown and ("q", "Quit") not in shown
