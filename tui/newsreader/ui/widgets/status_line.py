"""The line under the panes: notes that stay until they stop being true.

A note with a key (the drafts waiting, a failed search, the files with problems) is
replaced or dropped by that key; one without stays for the session. Shown as plain text
on one line: notes can quote paths and titles.
"""

from __future__ import annotations

from textual.widgets import Static

from newsreader.safe_text import one_line


class StatusLine(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._lasting: list[str] = []
        self._keyed: dict[str, str] = {}

    def add(self, note: str, key: str | None = None) -> None:
        if key is None:
            self._lasting.append(note)
        else:
            self._keyed[key] = note
        self._show()

    def drop(self, key: str) -> None:
        if self._keyed.pop(key, None) is not None:
            self._show()

    def has(self, key: str) -> bool:
        return key in self._keyed

    def _show(self) -> None:
        notes = [*self._lasting, *self._keyed.values()]
        self.update(one_line(" · ".join(notes)))
        self.set_class(bool(notes), "shown")
