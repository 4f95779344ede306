"""What a durable write to the pending queue costs, against references in the same run.

- `newsreader comment` end to end (start, find the article, validate, commit with
  synchronous=FULL, print the id) against a bare `python -c pass` start;
- one draft autosave (`PendingQueue.save_draft`: fresh connection, pragmas read back,
  BEGIN IMMEDIATE, guarded upsert, commit) against a plain sqlite3 INSERT into a WAL +
  synchronous=FULL file on the same disk over one long-lived connection.

The autosave runs once a second in a thread, so what matters is that it stays far below
that second; the ratio says what the safety checks cost over the bare minimum.
"""

from __future__ import annotations

import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue

RUNS = 25
ARTICLE = "---\ntitle: Benchmark article\n---\nSome words.\n"


def _median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _report(label: str, measured: float, reference_label: str, reference: float) -> None:
    print(
        f"{label:<44} median {measured:8.2f} ms | {reference_label:<30} "
        f"{reference:8.2f} ms | ratio {measured / reference:5.2f}"
    )


def _cli_comment(base: Path) -> None:
    articles, data_dir = base / "articles", base / "data"
    articles.mkdir()
    (articles / "bench.md").write_text(ARTICLE, encoding="utf-8")
    newsreader = str(Path(sys.executable).with_name("newsreader"))
    command = [
        newsreader,
        "comment",
        "bench",
        "--name",
        "Bench",
        "--text",
        "A comment of ordinary length. " * 10,
        "--articles",
        str(articles),
        "--data-dir",
        str(data_dir),
    ]
    subprocess.run(command, check=True, capture_output=True)  # creates the queue file
    measured = _median_ms(lambda: subprocess.run(command, check=True, capture_output=True))
    bare = _median_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
    _report("newsreader comment (durable, end to end)", measured, "python -c pass", bare)


def _draft_save(base: Path) -> None:
    queue = PendingQueue.open(base / "drafts")
    draft_id = "00000000-0000-4000-8000-00000000b000"
    counter = iter(range(1_000_000))

    def save() -> None:
        body = f"draft text, revision {next(counter)} " + "words " * 200
        queue.save_draft(draft_id, CommentDraft("bench", "Bench", "Bench", "", body))

    measured = _median_ms(save)
    plain = sqlite3.connect(base / "plain.sqlite3", isolation_level=None)
    plain.execute("PRAGMA journal_mode = WAL")
    plain.execute("PRAGMA synchronous = FULL")
    plain.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")

    def insert() -> None:
        plain.execute("INSERT INTO t (body) VALUES (?)", ("words " * 200,))

    reference = _median_ms(insert)
    plain.close()
    _report("draft autosave (PendingQueue.save_draft)", measured, "bare sqlite3 INSERT", reference)


def main() -> None:
    print(f"queue writes: medians of {RUNS} runs each")
    with tempfile.TemporaryDirectory(prefix="newsreader-bench-") as name:
        base = Path(name)
        _cli_comment(base)
        _draft_save(base)


if __name__ == "__main__":
    main()
