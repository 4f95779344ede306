"""The reader's side of the outbox, driven in a pty as a person would.

1. The pending screen with a 100,000-comment queue (about 100 MB): time from `p` to the first
   rows drawn, and the reader's peak memory, against the same with a 10-comment queue.
2. Keypress latency in the article list while the background sender delivers comments to a
   real local Isso through a slow proxy, against the same keys with sending manual (off).

    python -m benchmarks.outbox_reader [--comments 100000] [--runs 3] [--send 150]
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.reader_runs import reader_command
from benchmarks.terminal import Pty, TimedOut

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fault_proxy import FaultProxy
from isso_server import SITE, IssoProcess, running_isso
from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue

ARTICLES = Path(__file__).resolve().parents[1] / "articles"
KEYS = 30
# What each request waits in the proxy: a far-away site, so the sender is busy throughout.
PROXY_DELAY = 0.08
QUIET = 0.15
BODY = (
    "The harbour wall was meant to be finished before the spring tides, and it was, but the "
    "path along the top is still closed and nobody at the council can say why. "
) * 4


def write_big_queue(data_dir: Path, count: int) -> None:
    """`count` pending comments of ~800 characters, written straight into the queue file."""
    queue = PendingQueue.open(data_dir)  # the real schema, migrations and all
    with contextlib.closing(sqlite3.connect(queue.path)) as connection, connection:
        connection.executemany(
            "INSERT INTO comments (id, article_id, article_title, name, email, body, created, "
            "status, version, article_url) VALUES (?, ?, ?, ?, '', ?, ?, 'pending', 1, ?)",
            (
                (
                    str(uuid.UUID(int=number + 1)),
                    f"article-{number % 50}",
                    f"Article {number % 50}",
                    f"Reader {number % 97}",
                    f"Comment {number}: {BODY}",
                    f"2026-11-{1 + number * 28 // count:02d}T10:00:00.{number % 1000000:06d}Z",
                    f"https://elsewhere.example.net/a{number % 50}",
                )
                for number in range(count)
            ),
        )


def pending_screen_run(folder: Path, count: int) -> tuple[float, float | None]:
    """Seconds from `p` to the first row drawn; the reader's peak RSS (MB) by then."""
    data_dir = folder / f"data-{count}-{uuid.uuid4().hex[:6]}"
    write_big_queue(data_dir, count)
    terminal = Pty(reader_command(ARTICLES, data_dir))
    try:
        terminal.wait_for("Articles (", 60)
        terminal.wait_quiet(0.5, 60)
        mark = len(terminal.text)
        sent = terminal.write("p")
        terminal.wait_for("Comment 0: The harbour", 30, since=mark)
        shown = terminal.last_output - sent
        terminal.wait_quiet(0.3, 30)
        return shown, terminal.peak_rss_mb()
    finally:
        terminal.close("\x11")


class SlowProxy(FaultProxy):
    """Forwards every request after a pause, like a distant server."""

    def _forward(
        self, handler: http.server.BaseHTTPRequestHandler, body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        time.sleep(PROXY_DELAY)
        return super()._forward(handler, body)


def latency_run(
    folder: Path, isso: IssoProcess, proxy_url: str, comments: int, *, sending: bool
) -> tuple[list[float], int]:
    """Milliseconds to the first redraw after each key; how many comments Isso got meanwhile."""
    tag = uuid.uuid4().hex[:8]
    data_dir = folder / f"keys-{tag}"
    queue = PendingQueue.open(data_dir)
    for number in range(comments):
        queue.add(
            CommentDraft(
                f"a{number % 5}", f"Article {number % 5}", "Bench", "", f"{number} {BODY}"
            ),
            article_url=f"{SITE}{tag}/a{number % 5}",
        )
    config = folder / f"config-{tag}.toml"
    config.write_text(
        f'[comments]\nsend = "{"auto" if sending else "manual"}"\n'
        f'[[comments.server]]\nsite = "{SITE}"\nisso = "{proxy_url}"\n'
    )
    terminal = Pty([*reader_command(ARTICLES, data_dir), "--config", str(config)])
    try:
        terminal.wait_for("Articles (", 60)
        with contextlib.suppress(TimedOut):
            terminal.wait_quiet(QUIET, 2)
        before = len(isso.rows())
        samples = []
        for number in range(KEYS):
            key = "j" if (number // 3) % 2 == 0 else "k"
            samples.append(terminal.first_output_after(key) * 1000)
            with contextlib.suppress(TimedOut):
                terminal.wait_quiet(QUIET, 1)
        return samples, len(isso.rows()) - before
    finally:
        terminal.close("\x11")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.outbox_reader")
    parser.add_argument("--comments", type=int, default=100_000, help="in the big queue")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--send", type=int, default=150, help="comments the sender delivers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsreader-outbox-") as name:
        folder = Path(name)
        big: list[tuple[float, float | None]] = []
        small: list[tuple[float, float | None]] = []
        for _ in range(args.runs):
            small.append(pending_screen_run(folder, 10))
            big.append(pending_screen_run(folder, args.comments))
        _report_pending(args.comments, big, small)
        with running_isso(folder / "isso") as isso, SlowProxy(isso.url).running() as proxy:
            on: list[float] = []
            off: list[float] = []
            delivered = 0
            for _ in range(args.runs):
                off += latency_run(folder, isso, proxy.url, args.send, sending=False)[0]
                keys, sent = latency_run(folder, isso, proxy.url, args.send, sending=True)
                on += keys
                delivered += sent
        _report_latency(on, off, delivered, args.runs)
    return 0


def _report_pending(
    count: int, big: list[tuple[float, float | None]], small: list[tuple[float, float | None]]
) -> None:
    def medians(runs: list[tuple[float, float | None]]) -> tuple[float, float]:
        memory = [mb for _, mb in runs if mb is not None] or [float("nan")]
        return statistics.median(s for s, _ in runs), statistics.median(memory)

    big_s, big_mb = medians(big)
    small_s, small_mb = medians(small)
    print(
        f"pending screen, {count:,} comments: first rows {big_s * 1000:6.0f} ms, peak "
        f"{big_mb:5.0f} MB | 10 comments: {small_s * 1000:6.0f} ms, {small_mb:5.0f} MB | "
        f"ratio {big_s / small_s:4.2f} (targets ≤ 500 ms, ≤ 150 MB)"
    )


def _report_latency(on: list[float], off: list[float], delivered: int, runs: int) -> None:
    print(
        f"keypress while the sender delivers ({delivered} comments in {runs} runs, "
        f"{PROXY_DELAY * 1000:.0f} ms proxy): median {statistics.median(on):5.1f} ms, "
        f"p95 {p95(on):5.1f} ms | sender off: median {statistics.median(off):5.1f} ms, "
        f"p95 {p95(off):5.1f} ms | ratio {statistics.median(on) / statistics.median(off):4.2f}"
        " (target ≤ 16 ms)"
    )


if __name__ == "__main__":
    sys.exit(main())
