"""`newsreader check`: one line per article file with a problem; exit 1 when there are any."""

from __future__ import annotations

import sys
from pathlib import Path

from newsreader.library.scan import scan_library
from newsreader.safe_text import one_line


def problem_lines(articles: Path) -> list[str]:
    scan = scan_library(articles)
    lines = [f"{problem.path}: {problem.reason}" for problem in scan.problems]
    for article in scan.articles:
        lines.extend(f"{article.path}: {reason}" for reason in article.problems)
    return [one_line(line) for line in sorted(lines)]


def check_library(articles: Path) -> int:
    if not articles.is_dir():
        print(
            f"newsreader: the article folder {articles} does not exist or is not a folder",
            file=sys.stderr,
        )
        return 2
    lines = problem_lines(articles)
    for line in lines:
        print(line)
    if not lines:
        print(f"No problems in {articles}.", file=sys.stderr)
    return 1 if lines else 0
