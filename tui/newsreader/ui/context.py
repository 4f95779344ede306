"""What the screens are given: the reader's parts, handed down instead of looked up.

A screen never imports the app module or asks `self.app` for its parts; whoever opens the
screen passes this along. That keeps the imports one way (app → screens → widgets) and
lets a test build a screen on parts of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.comments.queue import PendingQueue
    from newsreader.library.read_marks import ReadMarks
    from newsreader.ui.feed_refresher import FeedRefresher
    from newsreader.ui.library_loader import LibraryLoader


@dataclass(frozen=True, slots=True)
class CommentDefaults:
    """What a new comment form starts with: `[comments] name` and `email` from the config;
    with `remember`, the last comment's name and email fill those left empty."""

    name: str = ""
    email: str = ""
    remember: bool = False


@dataclass(frozen=True, slots=True)
class ReaderContext:
    articles_root: Path
    read_marks: ReadMarks
    library: LibraryLoader
    # Opens the pending queue on first use, from any thread; raises QueueError.
    pending_queue: Callable[[], PendingQueue]
    comment_defaults: CommentDefaults = field(default_factory=CommentDefaults)
    # reader.editor ("": $VISUAL, then $EDITOR), and where its file goes (the data dir).
    editor: str = ""
    editor_folder: Path | None = None
    # The list at launch: list.sort and list.show_read (s and h change them).
    list_sort: str = "date"
    show_read: bool = True
    list_columns: tuple[str, ...] = ("date", "source")  # list.columns
    # Fetches the feeds in the background (R); None where nothing may be fetched (tests).
    feeds: FeedRefresher | None = None
    # The keys `[keymap]` set (binding id -> keys), filled in when the app mounts.
    keymap: dict[str, str] = field(default_factory=dict)

    def key(self, binding_id: str) -> str:
        """The key in force for a main-screen binding, for a message to name ("press !")."""
        from newsreader.ui.key_names import key_in_force

        return key_in_force(binding_id, self.keymap)
