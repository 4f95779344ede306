"""The main screen's keys, each with an id the config's `[keymap]` can give another key.

Help and quit come first: the footer keeps them at 80 columns, where it cuts the rest.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

MAIN_BINDINGS: list[BindingType] = [
    # Help and quit first: the footer keeps them at 80 columns, where it cuts the rest.
    Binding(
        "question_mark",
        "app.help",
        "Help",
        key_display="?",
        tooltip="Every key, on one screen",
        id="main.help",
    ),
    Binding(
        "q,escape",
        "back_to_list",
        "Back to list",
        key_display="q",
        tooltip="Leave the article for the list",
        id="main.back_to_list",
    ),
    Binding("q", "quit", "Quit", tooltip="Quit newsreader", id="main.quit"),
    Binding(
        "c",
        "comment",
        "Comment",
        tooltip="Write a comment on the article shown",
        id="main.comment",
    ),
    Binding(
        "slash",
        "filter",
        "Search",
        key_display="/",
        tooltip="Search titles and full text as you type",
        id="main.filter",
    ),
    Binding(
        "escape",
        "clear_filter",
        "Clear search",
        tooltip="Show every article again",
        id="main.clear_filter",
    ),
    Binding(
        "n",
        "next_unread('1')",
        "Next unread",
        tooltip="The next unread article down the list (space at an article's end, too)",
        id="main.next_unread",
    ),
    Binding(
        "N",
        "next_unread('-1')",
        "Previous unread",
        show=False,
        tooltip="The nearest unread article up the list",
        id="main.previous_unread",
    ),
    Binding(
        "r", "toggle_read", "Read/unread", tooltip="Toggle the read mark", id="main.toggle_read"
    ),
    Binding(
        "h",
        "hide_read",
        "Hide read",
        show=False,
        tooltip="Hide or show read articles",
        id="main.hide_read",
    ),
    Binding(
        "s",
        "next_sort",
        "Sort",
        show=False,
        tooltip="Sort by date, title or source, in turn",
        id="main.sort",
    ),
    Binding(
        "A",
        "mark_all_read",
        "All read",
        show=False,
        tooltip="Mark every article in view read (u undoes it for a few seconds)",
        id="main.mark_all_read",
    ),
    Binding("u", "undo_read", "Undo", show=False, tooltip="Undo the last A", id="main.undo_read"),
    Binding(
        "R",
        "fetch_feeds",
        "Fetch feeds",
        show=False,
        tooltip="Fetch every feed now; new articles appear as they land",
        id="main.fetch_feeds",
    ),
    Binding(
        "F",
        "feeds",
        "Feeds",
        show=False,
        tooltip="The feeds: unread counts, last errors; Enter shows one feed's articles",
        id="main.feeds",
    ),
    Binding(
        "o",
        "open_page",
        "Open page",
        show=False,
        tooltip="Open the article's url in the browser ($BROWSER)",
        id="main.open_page",
    ),
    Binding(
        "l",
        "links",
        "Links",
        show=False,
        tooltip="The article's links, numbered: Enter opens one, y copies it",
        id="main.links",
    ),
    Binding(
        "p",
        "app.pending",
        "Pending",
        tooltip="Comments waiting for a moderator",
        id="main.pending",
    ),
    Binding(
        "exclamation_mark",
        "problems",
        "Problems",
        key_display="!",
        tooltip="Files in the library that had problems, and why",
        id="main.problems",
    ),
    Binding(
        "v",
        "toggle_saved_page",
        "Saved page",
        show=False,
        tooltip="Show a saved page (.txt) as it was saved, furniture and all, and back",
        id="main.toggle_saved_page",
    ),
    Binding("down", "into_results", "Results", show=False, id="main.into_results"),
]
