"""Fetching 100 feeds × 50 entries from a local server that waits 50 ms per request:
`newsreader fetch` against `newsboat -x reload` (reload-threads 8), first fetch and a second
one where nothing changed; and the parsers on the same 100 documents.

Run: python -m benchmarks.feeds [--runs N]. Medians and ratios, all from this run.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# The tests' own local feed server: the same feeds the tests fetch, served the same way.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from feed_server import FeedServer, Route, rss2

FEEDS, ENTRIES, DELAY = 100, 50, 0.05
# Four feeds to a host, on loopback addresses 127.0.0.1-25: a fetcher's per-host limit (4)
# applies as it would on the web, where 100 feeds rarely share a host.
HOSTS = 25
NEWSREADER = [sys.executable, "-m", "newsreader"]


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, env=env, timeout=600)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {result.stderr.decode(errors='replace')[-400:]}")
    return elapsed


# Each run writes into a folder of its own, all deleted at the end: on this machine's ext4
# (mounted with `discard`), creating files right after deleting 5,000 others was 10× slower
# (0.47 s against 0.045 s for 5,000 files), which timed the previous run's clean-up.
def newsreader_pair(urls: list[str], folder: Path) -> tuple[float, float, Path]:
    data_dir = Path(tempfile.mkdtemp(prefix="nr-", dir=folder))
    from newsreader.feeds.store import SubscriptionStore

    store = SubscriptionStore(data_dir)
    for feed in range(FEEDS):
        store.add(f"desk-{feed}", urls[feed])
    command = [*NEWSREADER, "--data-dir", str(data_dir), "fetch"]
    first = timed(command)
    articles = sum(1 for _ in (data_dir / "feeds").glob("*/*.md"))
    assert articles == FEEDS * ENTRIES, articles
    return first, timed(command), data_dir


def reader_on_screen(data_dir: Path, library: Path) -> tuple[float, float]:
    """Seconds from launch until fetched articles fill the list's first screen, and until
    the list counts every one of them."""
    from benchmarks.reader_runs import NEWSREADER, count_at_least
    from benchmarks.terminal import Pty

    terminal = Pty([NEWSREADER, "--articles", str(library), "--data-dir", str(data_dir)])
    try:
        first = terminal.wait_for(lambda text: text.count("Harbour report") >= 10, 60)
        return first, terminal.wait_for(count_at_least(FEEDS * ENTRIES), 120)
    finally:
        terminal.close("\x11")  # ctrl+q


def newsboat_pair(urls: list[str], folder: Path) -> tuple[float, float]:
    home = Path(tempfile.mkdtemp(prefix="nb-", dir=folder))
    (home / "config").write_text("reload-threads 8\n")
    (home / "urls").write_text("".join(url + "\n" for url in urls))
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_CONFIG_HOME", None)
    env.pop("XDG_DATA_HOME", None)
    command = ["newsboat", "-u", str(home / "urls"), "-c", str(home / "cache.db")]
    command += ["-C", str(home / "config"), "-x", "reload"]
    return timed(command, env), timed(command, env)


def parser_times(documents: list[bytes]) -> dict[str, Callable[[], object]]:
    runs: dict[str, Callable[[], object]] = {}
    import fastfeedparser
    import feedparser

    runs["fastfeedparser"] = lambda: [fastfeedparser.parse(d) for d in documents]
    runs["feedparser"] = lambda: [feedparser.parse(d) for d in documents]
    try:
        import feedparser_rs  # type: ignore[import-not-found]

        runs["feedparser-rs"] = lambda: [feedparser_rs.parse(d) for d in documents]
    except ImportError:
        pass
    return runs


def main() -> None:
    options = argparse.ArgumentParser()
    options.add_argument("--runs", type=int, default=3)
    runs = options.parse_args().runs
    documents = [rss2(feed, ENTRIES) for feed in range(FEEDS)]
    samples: dict[str, list[float]] = {}
    servers = [FeedServer(delay=DELAY, address=f"127.0.0.{n + 1}") for n in range(HOSTS)]
    urls = []
    for feed, document in enumerate(documents):
        server = servers[feed % HOSTS]
        server.routes[f"/f{feed}.xml"] = Route(document)
        urls.append(server.url(f"/f{feed}.xml"))
    with contextlib.ExitStack() as running, tempfile.TemporaryDirectory() as scratch:
        for server in servers:
            running.enter_context(server.running())
        empty_library = Path(scratch) / "articles"
        empty_library.mkdir()
        for _ in range(runs):
            first, second, data_dir = newsreader_pair(urls, Path(scratch))
            samples.setdefault("newsreader fetch: first", []).append(first)
            samples.setdefault("newsreader fetch: nothing changed", []).append(second)
            for when in ("after the fetch", "again, indexed"):
                first_screen, all_counted = reader_on_screen(data_dir, empty_library)
                samples.setdefault(f"reader {when}: list on screen", []).append(first_screen)
                samples.setdefault(f"reader {when}: all counted", []).append(all_counted)
            if shutil.which("newsboat"):
                first, second = newsboat_pair(urls, Path(scratch))
                samples.setdefault("newsboat -x reload: first", []).append(first)
                samples.setdefault("newsboat -x reload: nothing changed", []).append(second)
    for name, parse_all in parser_times(documents).items():
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            parse_all()
            times.append(time.perf_counter() - started)
        samples[f"parse {FEEDS}×{ENTRIES}: {name}"] = times
    print(f"\n{FEEDS} feeds × {ENTRIES} entries, {DELAY * 1000:g} ms per request, {runs} runs")
    for name, values in samples.items():
        print(f"{name:48} median {statistics.median(values) * 1000:8.1f} ms  n={len(values)}")
    median = {name: statistics.median(values) for name, values in samples.items()}
    print("\ntargets (medians, this run)")
    for ours, theirs in (("first", "first"), ("nothing changed", "nothing changed")):
        reference = median.get(f"newsboat -x reload: {theirs}")
        if reference is None:
            print(f"  {ours}: newsboat not installed (apt-get install newsboat)")
            continue
        ratio = median[f"newsreader fetch: {ours}"] / reference
        verdict = "met" if ratio <= 0.5 else "MISSED"
        print(f"  fetch, {ours} ÷ newsboat's: {ratio:.2f} (≤ 0.5) {verdict}")
    for shown in ("list on screen", "all counted"):
        ratio = (
            median[f"reader after the fetch: {shown}"] / median[f"reader again, indexed: {shown}"]
        )
        verdict = "met" if ratio <= 1.3 else "MISSED"
        print(f"  reader after the fetch ÷ indexed, {shown}: {ratio:.2f} (≤ 1.3) {verdict}")


if __name__ == "__main__":
    main()
