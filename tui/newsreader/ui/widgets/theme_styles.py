"""The renderer's style table (`render/styles.py`), filled from the reading pane's theme.

Each entry of `RenderStyles` is a component class of the pane (`reading-pane--heading-1`
for `heading_1`), styled here from Textual's theme variables, so the article takes the
colours of whichever theme is on, light or dark.
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget

from newsreader.render.styles import STYLE_NAMES, RenderStyles

PREFIX = "reading-pane--"
THEME_COMPONENT_CLASSES = {PREFIX + name.replace("_", "-") for name in STYLE_NAMES}

THEME_CSS = """
ReadingPane > .reading-pane--heading-1 {
    color: $markdown-h1-color;
    text-style: bold underline;
}
ReadingPane > .reading-pane--heading-2 {
    color: $markdown-h2-color;
    text-style: bold;
}
ReadingPane > .reading-pane--heading-minor {
    color: $markdown-h3-color;
    text-style: bold italic;
}
ReadingPane > .reading-pane--code-block {
    color: $foreground;
    background: $panel;
}
ReadingPane > .reading-pane--inline-code {
    color: $foreground;
    background: $panel;
}
ReadingPane > .reading-pane--quote-bar {
    color: $primary;
}
ReadingPane > .reading-pane--rule {
    color: $text-muted;
}
ReadingPane > .reading-pane--link-text {
    color: $link-color;
    text-style: underline;
}
ReadingPane > .reading-pane--link-target {
    color: $text-muted;
}
ReadingPane > .reading-pane--note {
    color: $text-muted;
    text-style: italic;
}
ReadingPane > .reading-pane--table-header {
    color: $text-primary;
    text-style: bold;
}
ReadingPane > .reading-pane--table-border {
    color: $text-muted;
}
ReadingPane > .reading-pane--title {
    color: $text-accent;
    text-style: bold;
}
ReadingPane > .reading-pane--byline {
    color: $text-muted;
}
ReadingPane > .reading-pane--summary {
    text-style: italic;
}
ReadingPane > .reading-pane--article-link {
    color: $text-muted;
    text-style: underline;
}
ReadingPane > .reading-pane--warning {
    color: $text-warning;
}
ReadingPane > .reading-pane--search-match {
    color: $foreground;
    background: $warning 40%;
    text-style: bold;
}
"""


def styles_from_components(widget: Widget) -> RenderStyles:
    return RenderStyles(**{name: _style_of(widget, name) for name in STYLE_NAMES})


def _style_of(widget: Widget, name: str) -> Style:
    # The whole style, not the partial one: only the whole one has colours such as
    # `$text-muted` (60% of the text colour) blended with the background. The widget's
    # own background is left out, so a block is drawn on whatever the line has.
    style = widget.get_component_rich_style(PREFIX + name.replace("_", "-"))
    if style.bgcolor is None or style.bgcolor != widget.rich_style.bgcolor:
        return style
    return style.without_color + Style(color=style.color)
