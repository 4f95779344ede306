"""The article is drawn in the theme's colours, and again in the new ones when it changes."""

from __future__ import annotations

from pathlib import Path

from rich.color import Color
from rich.segment import Segment

from newsreader.render.styles import STYLE_NAMES
from newsreader.ui.widgets.reading_pane import ReadingPane
from ui_helpers import make_app, settle

SIZE = (110, 40)
ARTICLE = """---
title: Night ferry timetable changes
author: Oda Lindqvist
source: The Harbour Note
url: https://example.org/ferry
---
# New times from Monday

The last crossing leaves at *eleven*, see [the table](https://example.org/t) and `ferry.txt`.

> Bring a coat.

```
dep 23:00
```
"""


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = color.get_truecolor()
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(one: Color, other: Color) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def segment_with(pane: ReadingPane, text: str) -> Segment:
    for line in pane._lines:
        for segment in line:
            if text in segment.text:
                return segment
    raise AssertionError(f"{text!r} is not on the pane")


async def test_light_and_dark_themes_draw_the_article_in_their_own_colours(
    tmp_path: Path,
) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    (root / "ferry.md").write_text(ARTICLE, encoding="utf-8")
    app = make_app(root, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(ReadingPane)
        seen: dict[str, dict[str, Color | None]] = {}
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await settle(pilot)
            background = pane.rich_style.bgcolor
            assert background is not None
            styles = pane.render_styles
            heading = segment_with(pane, "New times from Monday")
            assert heading.style is not None
            # The heading is drawn in this theme's heading colour, on this theme's
            # background: the lines were made again after the switch.
            assert heading.style.color == styles.heading_1.color
            assert heading.style.bgcolor == background
            body = segment_with(pane, "The last crossing")
            assert body.style is not None and body.style.bgcolor == background
            # Every colour the renderer was given can be read on the pane.
            for name in STYLE_NAMES:
                style = getattr(styles, name)
                if style.color is not None:
                    under = style.bgcolor or background
                    assert contrast(style.color, under) >= 3.0, (theme, name)
            seen[theme] = {name: getattr(styles, name).color for name in STYLE_NAMES}
        assert seen["textual-dark"]["heading_1"] != seen["textual-light"]["heading_1"]
        assert seen["textual-dark"]["byline"] != seen["textual-light"]["byline"]
