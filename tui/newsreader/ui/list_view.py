"""Which articles the list shows and in what order: the sort (`s`), read ones hidden or
not (`h`), on top of the search. Pure, so the rule is the same for every refresh.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsreader.library.article import ArticleEntry
from newsreader.library.sources import FEEDS_PREFIX
from newsreader.safe_text import one_line

SORTS = ("date", "title", "source")


@dataclass
class ListView:
    sort: str = "date"
    show_read: bool = True
    feed: str = ""  # narrowed to this feed's articles (F, Enter); "": every article

    def next_sort(self) -> str:
        self.sort = (
            SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)] if self.sort in SORTS else SORTS[0]
        )
        return self.sort

    def arranged(
        self, rows: list[ArticleEntry], read: set[str], keep: str | None
    ) -> list[ArticleEntry]:
        """`rows` (newest first) as the list should show them. `keep`: the article under
        the cursor stays shown when read ones are hidden (it is being read)."""
        if self.feed:
            prefix = f"{FEEDS_PREFIX}/{self.feed}/"
            rows = [row for row in rows if row.id.startswith(prefix)]
        if not self.show_read:
            rows = [row for row in rows if row.id not in read or row.id == keep]
        if self.sort == "title":
            rows = sorted(rows, key=lambda row: row.title.casefold())
        elif self.sort == "source":
            # Stable: within a source, newest first as before.
            rows = sorted(rows, key=lambda row: (not row.origin, row.origin.casefold()))
        return rows

    def describe(self) -> str:
        """For the list's subtitle: what is not the default."""
        parts = [f"feed {one_line(self.feed)}"] if self.feed else []
        if self.sort != "date":
            parts.append(f"by {self.sort}")
        if not self.show_read:
            parts.append("read hidden")
        return ", ".join(parts)
