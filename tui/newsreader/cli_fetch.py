"""`newsreader fetch [NAME…]`: every subscription at once; a summary line; exit 1 on failure."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from newsreader.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_REFUSED
from newsreader.feeds.fetch import FeedOutcome, fetch_feeds
from newsreader.feeds.store import StoreError
from newsreader.safe_text import one_line


def fetch(data_dir: Path, names: Sequence[str], *, full_text: bool) -> int:
    on_terminal = sys.stderr.isatty()

    def progress(outcome: FeedOutcome, done: int, total: int) -> None:
        if on_terminal:
            shown = one_line(outcome.name)[:50]
            sys.stderr.write(f"\r\x1b[K[{done}/{total}] {shown}")
            sys.stderr.flush()

    try:
        summary = fetch_feeds(data_dir, names, full_text=full_text, progress=progress)
    except LookupError as error:
        print(f"newsreader: no subscription named or at {one_line(str(error))}", file=sys.stderr)
        return EXIT_REFUSED
    except StoreError as error:
        print(f"newsreader: {one_line(str(error))}", file=sys.stderr)
        return EXIT_FAILED
    if on_terminal:
        sys.stderr.write("\r\x1b[K")
    if not summary.outcomes and not names:
        print("No subscriptions. Add one with `newsreader feeds add URL`.")
        return EXIT_OK
    for failure in sorted(summary.failed, key=lambda outcome: outcome.name):
        print(
            f"newsreader: {one_line(failure.name)} failed: {one_line(failure.error or '')}",
            file=sys.stderr,
        )
    print(summary.line())
    return EXIT_FAILED if summary.failed else EXIT_OK
