"""`newsreader list`: every article's id, date, title and source, for scripts and for
`newsreader comment` (which takes the id)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsreader.exit_codes import EXIT_OK
from newsreader.library.scan import scan_library
from newsreader.safe_text import one_line

FORMATS = ("tsv", "json")


def list_articles(articles: Path, output_format: str = "tsv") -> int:
    scan = scan_library(articles)
    rows = [
        {
            "id": article.id,
            "date": article.date.isoformat() if article.date else "",
            "title": article.title,
            "source": article.source or article.author or "",
        }
        for article in scan.articles
    ]
    if output_format == "json":
        print(json.dumps(rows, ensure_ascii=True, indent=2))
    else:
        out = ["id\tdate\ttitle\tsource"]
        # one_line: a tab or newline in a title would make a new column or row.
        out += ["\t".join(one_line(value) for value in row.values()) for row in rows]
        sys.stdout.write("\n".join(out) + "\n")
    if scan.problems:
        print(
            f"newsreader: {len(scan.problems)} files could not be read (newsreader check says why)",
            file=sys.stderr,
        )
    return EXIT_OK
