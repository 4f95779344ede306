"""`A` and `u`: every article in view marked read at once, and undone for a few seconds."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from newsreader.ui.context import ReaderContext
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.wording import count_of

UNDO_SECONDS = 8.0


class BulkReadMarks:
    def __init__(self, screen: Screen[Any], context: ReaderContext) -> None:
        self._screen = screen
        self._context = context  # its read marks, and the undo key in force
        self._read_marks = context.read_marks
        self._undoable: list[str] = []  # what the last A marked, while u can undo it

    def mark_all_read(self, article_list: ArticleList) -> None:
        unread = [row.id for row in article_list.rows if not article_list.is_read(row.id)]
        if not unread:
            self._screen.notify("Every article in view is read already.", timeout=3)
            return
        self._set(article_list, unread, True)
        self._undoable = unread
        self._screen.set_timer(UNDO_SECONDS, lambda: self._forget(unread))
        undo = self._context.key("main.undo_read")
        marked = count_of(len(unread), "article")
        self._screen.notify(f"Marked {marked} read; {undo} undoes it.", timeout=UNDO_SECONDS)

    def undo(self, article_list: ArticleList) -> None:
        if not self._undoable:
            self._screen.notify("Nothing to undo.", timeout=3)
            return
        undone, self._undoable = self._undoable, []
        self._set(article_list, undone, False)
        self._screen.notify(f"{count_of(len(undone), 'article')} unread again.", timeout=3)

    def _forget(self, marked: list[str]) -> None:
        if self._undoable is marked:
            self._undoable = []

    def _set(self, article_list: ArticleList, article_ids: list[str], read: bool) -> None:
        article_list.set_read_many(article_ids, read)
        try:
            self._read_marks.mark(article_ids, read=read)
        except Exception as error:  # the marks on screen stand; saving them failed
            self._screen.notify(f"Could not save the read marks: {error}", severity="warning")
