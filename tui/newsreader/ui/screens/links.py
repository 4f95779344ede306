"""`l`: the article's links, numbered. Enter opens one, `y` copies it, escape goes back.

Link texts and targets come from the article, which is untrusted: they are shown as plain
text on one line each, and only web and mail links are opened (render/links.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.render.links import Link
from newsreader.safe_text import one_line


class LinksScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,l",
            "back",
            "Back",
            key_display="esc",
            tooltip="Back to the article",
            id="links.back",
        ),
        Binding(
            "enter",
            "open",
            "Open",
            tooltip="Open the link in the browser",
            id="links.open",
            priority=True,
        ),
        Binding("y", "copy", "Copy", tooltip="Copy the link to the clipboard", id="links.copy"),
        Binding("j", "move('cursor_down')", "Down", show=False, id="links.down"),
        Binding("k", "move('cursor_up')", "Up", show=False, id="links.up"),
        Binding("g", "move('first')", "First", show=False, id="links.first"),
        Binding("G", "move('last')", "Last", show=False, id="links.last"),
    ]

    def __init__(self, title: str, links: list[Link], open_link: Callable[[str], None]) -> None:
        super().__init__()
        self.article_title = title
        self.links = links
        self._open_link = open_link

    def compose(self) -> ComposeResult:
        heading = Text(f"Links in “{one_line(self.article_title)}” ({len(self.links)})")
        heading.stylize("bold")
        yield Static(heading, id="links-heading")
        if self.links:
            yield OptionList(*(self._option(n, link) for n, link in enumerate(self.links, 1)))
        else:
            yield Static("This article has no links.", id="links-empty", markup=False)
        yield Footer()

    @staticmethod
    def _option(number: int, link: Link) -> Option:
        line = Text(f"{number:>3}. {link.text}")
        line.append(f"  {one_line(link.target)}", style="dim")
        if not link.openable:
            line.append("  (not opened: only web and mail links are)", style="italic")
        return Option(line)

    def _chosen(self) -> Link | None:
        if not self.links:
            return None
        index = self.query_one(OptionList).highlighted
        return self.links[index] if index is not None and index < len(self.links) else None

    def action_open(self) -> None:
        link = self._chosen()
        if link is None:
            return
        if not link.openable:
            self.notify(
                f"Not opened: only web and mail links are. The link: {one_line(link.target)}",
                severity="warning",
                markup=False,
            )
            return
        self._open_link(link.target)

    def action_copy(self) -> None:
        link = self._chosen()
        if link is not None:
            # The person's own action: the terminal's clipboard (OSC 52) is fine here.
            self.app.copy_to_clipboard(link.target)
            self.notify(f"Copied: {one_line(link.target)}", markup=False)

    def action_move(self, how: str) -> None:
        if not self.links:
            return
        options = self.query_one(OptionList)
        if how == "first":
            options.highlighted = 0 if self.links else None
        elif how == "last":
            options.highlighted = len(self.links) - 1 if self.links else None
        else:
            getattr(options, f"action_{how}")()

    def action_back(self) -> None:
        self.dismiss(None)
