"""Under the comment field: `1,234 / 5,000`, counted as the limit counts (clusters)."""

from __future__ import annotations

from textual.widgets import Static

from newsreader.comments.comment_rules import BODY_LIMIT, perceived_length


class BodyCount(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(f"0 / {BODY_LIMIT:,}", id=id, markup=False)

    def count(self, text: str) -> None:
        # Plain ASCII text has one cluster per character: no need to count them.
        length = len(text) if text.isascii() else perceived_length(text)
        self.update(f"{length:,} / {BODY_LIMIT:,}")
        self.set_class(length > BODY_LIMIT, "over")
