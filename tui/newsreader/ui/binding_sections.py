"""Every screen's bindings by section: what the help screen lists and the keymap may set.

Importing this imports every screen, so it is only done when help opens or a keymap is
configured, never at launch without one.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding, BindingType

from newsreader.ui.screens.choice import LEAVE_FORM_CHOICES, choice_bindings
from newsreader.ui.screens.comment import CommentScreen
from newsreader.ui.screens.comment_view import CommentView
from newsreader.ui.screens.feeds import FeedsScreen
from newsreader.ui.screens.help import HelpScreen
from newsreader.ui.screens.links import LinksScreen
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.screens.pending import PendingScreen
from newsreader.ui.screens.problems import ProblemsScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.reading_pane import ReadingPane

# Sections whose bindings are live at the same time: one key may not mean two things there.
SECTIONS: list[tuple[str, Iterable[BindingType]]] = [
    ("Everywhere on the main screen", MainScreen.BINDINGS),
    ("Article list", ArticleList.BINDINGS),
    ("Reading pane", ReadingPane.BINDINGS),
    ("Comment form", CommentScreen.BINDINGS),
    ("Closing a comment form with text in it", choice_bindings(LEAVE_FORM_CHOICES)),
    ("Pending comments", PendingScreen.BINDINGS),
    ("A pending comment, read whole", CommentView.BINDINGS),
    ("Files with problems", ProblemsScreen.BINDINGS),
    ("Links of an article (l)", LinksScreen.BINDINGS),
    ("Feeds (F)", FeedsScreen.BINDINGS),
    ("Help", HelpScreen.BINDINGS),
]
# The main screen, its list and its pane answer keys together.
SHARED_FOCUS = {"Everywhere on the main screen", "Article list", "Reading pane"}


def sections() -> list[tuple[str, list[Binding]]]:
    return [
        (title, [binding for binding in bindings if isinstance(binding, Binding)])
        for title, bindings in SECTIONS
    ]
