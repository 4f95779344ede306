"""The styles the renderer draws with, as one table the UI fills from the theme.

The renderer knows no colours of its own: the reading pane reads each of these from a
component class of its stylesheet (`$markdown-h1-color`, `$text-muted`, `$warning`, …), so
a light theme gets dark headings and a dark one light. The defaults are for tests and for
rendering without a theme, and use only attributes and the terminal's own colours.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from rich.style import Style


@dataclass(frozen=True, slots=True)
class RenderStyles:
    heading_1: Style
    heading_2: Style
    heading_minor: Style  # h3 to h6
    code_block: Style
    inline_code: Style
    quote_bar: Style
    rule: Style
    link_text: Style
    # The target is shown as plain text, never as a Rich `link` style: an OSC 8 hyperlink
    # would let an untrusted article label a URL with text that points somewhere else.
    link_target: Style
    note: Style  # "… nested too deeply", "formatting…"
    table_header: Style
    table_border: Style
    title: Style
    byline: Style  # author · date · source · reading time
    summary: Style
    article_link: Style
    warning: Style  # the file's problems
    search_match: Style  # a search word in the text shown


# Attributes and the terminal's own colours only: readable on any background.
DEFAULT_STYLES = RenderStyles(
    heading_1=Style(bold=True, underline=True),
    heading_2=Style(bold=True),
    heading_minor=Style(bold=True, italic=True),
    code_block=Style(reverse=True),
    inline_code=Style(reverse=True),
    quote_bar=Style(dim=True),
    rule=Style(dim=True),
    link_text=Style(underline=True),
    link_target=Style(dim=True),
    note=Style(dim=True, italic=True),
    table_header=Style(bold=True),
    table_border=Style(dim=True),
    title=Style(bold=True),
    byline=Style(dim=True),
    summary=Style(italic=True),
    article_link=Style(dim=True, underline=True),
    warning=Style(bold=True),
    search_match=Style(reverse=True),
)

# Every entry's name, for a UI that looks each one up (`heading_1` → `heading-1`).
STYLE_NAMES: tuple[str, ...] = tuple(field.name for field in fields(RenderStyles))
