"""`newsreader check`: one line per article file with a problem; exit 1 when there are any."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from newsreader.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_REFUSED
from newsreader.library.problem_list import find_problems
from newsreader.library.sources import Library
from newsreader.safe_text import one_line
from newsreader.wording import count_of


def problem_lines(library: Library) -> list[str]:
    """`path: reason; reason` for every problem file, made safe to print on a terminal."""
    return [one_line(f"{problem.path}: {problem.reason}") for problem in find_problems(library)]


def check_library(articles: Path, feeds: Path | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # The stand-ins (␛, �) need a terminal that can show them; one set to Latin-1 gets
        # "?" instead of a UnicodeEncodeError halfway through the list.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    if not articles.is_dir():
        print(
            f"newsreader: the article folder {one_line(str(articles))} does not exist "
            "or is not a folder",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    lines = problem_lines(Library.for_reader(articles, feeds))
    for line in lines:
        print(line)
    if lines:
        print(
            f"{count_of(len(lines), 'file')} with problems in {one_line(str(articles))}.",
            file=sys.stderr,
        )
    else:
        print(f"No problems in {one_line(str(articles))}.", file=sys.stderr)
    return EXIT_FAILED if lines else EXIT_OK
