"""`newsreader list`: every article's id, date, title and source, for scripts and for
`newsreader comment` (which takes the id)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsreader.exit_codes import EXIT_OK
from newsreader.library.index import LibraryIndex
from newsreader.library.index_sync import sync_index
from newsreader.library.sources import Library
from newsreader.safe_text import one_line

FORMATS = ("tsv", "json")


def list_articles(articles: Path, output_format: str = "tsv", feeds: Path | None = None) -> int:
    # The reader's own path: the index (in memory, nothing written), in the list's order.
    library = Library.for_reader(articles, feeds)
    index = LibraryIndex.in_memory(library, searchable=False)
    problems = sync_index(index, library).problems
    unreadable = len(problems) + len(index.unreadable())
    rows = [
        {"id": entry.id, "date": entry.day, "title": entry.title, "source": entry.origin}
        for entry in index.entries()
    ]
    if output_format == "json":
        print(json.dumps(rows, ensure_ascii=True, indent=2))
    else:
        out = ["id\tdate\ttitle\tsource"]
        # one_line: a tab or newline in a title would make a new column or row.
        out += ["\t".join(one_line(value) for value in row.values()) for row in rows]
        sys.stdout.write("\n".join(out) + "\n")
    if unreadable:
        files = "file" if unreadable == 1 else "files"
        print(
            f"newsreader: {unreadable} {files} could not be read (newsreader check says why)",
            file=sys.stderr,
        )
    return EXIT_OK
