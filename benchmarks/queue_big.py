"""A big pending queue (100,000 comments, ~98 MB) through the real commands.

Generates the queue once (schema from `PendingQueue.open`, rows inserted in one
transaction), then runs each command as a person would, several times, and prints the
median wall time and the median peak RSS of the command's own process (from wait4), with
`python -c pass` as the reference start in the same run:

- `newsreader queue list` into a pipe (plain rows), and `queue export` into a pipe;
- `newsreader comment` on that queue (opening it included: no full check when clean);
- `newsreader queue check` (SQLite's full integrity check plus every row read);
- the core's paged read the pending screen uses: the first 200 rows, in-process.

Targets (issue 8): list ≤ 3 s and ≤ 150 MB; export ≤ 100 MB; comment ≤ 150 ms.
`python -m benchmarks.queue_big [--comments N] [--runs N] [--keep]`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import closing
from pathlib import Path

from newsreader.comments.queue import PendingQueue

ARTICLE = "---\ntitle: Benchmark article\n---\nSome words.\n"
NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
# About 1 KB of text per comment, as in the report that measured 98 MB for 100,000.
PARAGRAPH = (
    "The harbour committee met again on Tuesday and the minutes say little that is new, "
    "but the questions from the floor were sharper than last month. "
)


def generate(data_dir: Path, comments: int) -> None:
    PendingQueue.open(data_dir)
    path = data_dir / "queue.sqlite3"
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("BEGIN")
        connection.executemany(
            "INSERT INTO comments (id, article_id, article_title, name, email, body, created,"
            " status) VALUES (?, 'bench', 'Benchmark article', ?, '', ?, ?, 'pending')",
            (
                (
                    str(uuid.UUID(int=number + 1, version=4)),
                    f"Reader {number % 977}",
                    f"Comment {number}. " + PARAGRAPH * 4,
                    f"2026-{1 + number // 300_000 % 12:02d}-01T00:00:00.{number:06d}Z",
                )
                for number in range(comments)
            ),
        )
        connection.execute("COMMIT")
    PendingQueue.open(data_dir)  # the index the reads use, and the clean-shutdown record


# A child's peak RSS counts what it shared with its parent before exec, so the commands
# are started by this small launcher (python -S, nothing imported) rather than by the
# benchmark itself; its floor shows in the `python -c pass` reference line.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
os.write(int(sys.argv[1]), f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}".encode())
"""


def measure(command: list[str], *, runs: int) -> tuple[float, float]:
    """Median seconds and median peak RSS (MB) of `command`, stdout into a pipe."""
    times, peaks = [], []
    for _ in range(runs):
        report_read, report_write = os.pipe()
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-S", "-c", LAUNCHER, str(report_write), *command],
            stdout=subprocess.PIPE,
            pass_fds=(report_write,),
        )
        os.close(report_write)
        assert child.stdout is not None
        while child.stdout.read(1 << 16):
            pass
        child.wait()
        times.append(time.perf_counter() - start)
        with os.fdopen(report_read) as report:
            code, peak_kb = report.read().split()
        peaks.append(int(peak_kb) / 1024)
        if code != "0":
            raise SystemExit(f"{command[1:3]} exited {code}")
    return statistics.median(times), statistics.median(peaks)


def first_page(data_dir: Path, *, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        queue = PendingQueue.open(data_dir)
        rows = list(queue.read_pending(limit=200))
        times.append(time.perf_counter() - start)
        assert len(rows) == 200
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.queue_big")
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="newsreader-bigqueue-"))
    try:
        articles, data_dir = base / "articles", base / "data"
        articles.mkdir()
        (articles / "bench.md").write_text(ARTICLE, encoding="utf-8")
        started = time.perf_counter()
        generate(data_dir, args.comments)
        size = (data_dir / "queue.sqlite3").stat().st_size / 1e6
        print(
            f"big queue: {args.comments:,} comments, {size:.0f} MB, generated in "
            f"{time.perf_counter() - started:.1f} s; medians of {args.runs} runs; "
            f"load average {os.getloadavg()[0]:.2f}"
        )
        where = ["--data-dir", str(data_dir)]
        comment = ["comment", "bench", "--name", "Bench", "--text", "Hello."]
        bare_time, bare_rss = measure([sys.executable, "-c", "pass"], runs=args.runs)
        rows = [
            ("queue list (into a pipe)", [NEWSREADER, "queue", "list", *where], "≤ 3 s, ≤ 150 MB"),
            ("queue export (into a pipe)", [NEWSREADER, "queue", "export", *where], "≤ 100 MB"),
            (
                "comment (open + durable write)",
                [NEWSREADER, *comment, *where, "--articles", str(articles)],
                "≤ 150 ms",
            ),
            ("queue check (full check + every row)", [NEWSREADER, "queue", "check", *where], ""),
        ]
        print(f"{'python -c pass (reference)':<40} {bare_time * 1000:8.0f} ms {bare_rss:7.1f} MB")
        for label, command, target in rows:
            seconds, peak = measure(command, runs=args.runs)
            print(
                f"{label:<40} {seconds * 1000:8.0f} ms {peak:7.1f} MB   "
                f"ratio to bare start {seconds / bare_time:5.1f}   target {target}"
            )
        page = first_page(data_dir, runs=args.runs)
        print(f"{'core: open + first page of 200 rows':<40} {page * 1000:8.1f} ms (in-process)")
    finally:
        if args.keep:
            print(f"kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
