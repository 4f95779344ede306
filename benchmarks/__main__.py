"""`make bench` (`python -m benchmarks`): time the reader as a person would feel it.

Generates a synthetic library, then runs, interleaved so that a busy moment of the machine
is shared fairly: the reader (cold index, then warm), a bare Textual app (the floor), and
newsboat on the same articles served as RSS (when installed). Prints medians and ratios.

    make bench                                   # 10,000 articles, 5 sessions
    make bench ARGS="--articles 1000 --runs 3"   # quicker
    make bench ARGS="--articles 100000 --runs 3 --no-newsboat"
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.newsboat_runs import NOT_INSTALLED, Newsboat, newsboat_path
from benchmarks.reader_runs import Samples, bare_run, cold_run, launch_run, warm_run
from benchmarks.report import print_report
from benchmarks.synthetic import write_library


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--articles", type=int, default=10_000, help="ordinary articles (+1 big)")
    parser.add_argument("--runs", type=int, default=5, help="whole sessions of the reader")
    parser.add_argument(
        "--launches", type=int, default=None, help="launch-only runs of each program (3 × runs)"
    )
    parser.add_argument("--cold-runs", type=int, default=None, help="cold-index launches")
    parser.add_argument("--no-newsboat", action="store_true", help="skip the newsboat reference")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    folder = Path(tempfile.mkdtemp(prefix="newsreader-bench-"))
    try:
        return run(args, folder)
    finally:
        if args.keep:
            print(f"\nfiles kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace, folder: Path) -> int:
    library, data_dir = folder / "library", folder / "data"
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    articles = write_library(library, args.articles)
    total = len(articles) + 1
    print(f"library: {total:,} articles in {library} ({time.monotonic() - started:.1f} s)")
    _compile_bytecode()
    # Children may write bytecode as a person's Python would (this shell may forbid it).
    env = {"PYTHONDONTWRITEBYTECODE": ""}
    samples = Samples()

    newsboat: Newsboat | None = None
    if args.no_newsboat:
        print("newsboat: skipped (--no-newsboat)")
    elif newsboat_path() is None:
        print(NOT_INSTALLED)
    else:
        newsboat = Newsboat(folder / "newsboat", articles)
        started = time.monotonic()
        newsboat.fetch()
        print(f"newsboat: fetched the feed into its cache ({time.monotonic() - started:.1f} s)")

    cold_runs = args.cold_runs if args.cold_runs is not None else min(args.runs, 3)
    for number in range(cold_runs):
        print(f"cold run {number + 1}/{cold_runs}…", flush=True)
        cold_run(library, data_dir, total, env, samples)
    # Launches are short and the machine may be shared: many of them, each program in
    # turn, so a busy moment weighs on all three alike.
    launches = args.launches if args.launches is not None else 3 * args.runs
    print(f"launches: {launches} of each program…", flush=True)
    for _ in range(launches):
        bare_run(env, samples, keys=False)
        launch_run(library, data_dir, articles[0], env, samples)
        if newsboat is not None:
            newsboat.run(articles[0], samples)
    for number in range(args.runs):
        print(f"session {number + 1}/{args.runs}…", flush=True)
        bare_run(env, samples, keys=True)
        warm_run(library, data_dir, articles[0], total, env, samples)
    print_report(samples, total, args.runs, load_before=load_before)
    return 0


def _compile_bytecode() -> None:
    """An installed wheel has compiled bytecode; an editable checkout may not have it yet."""
    import newsreader

    package = Path(newsreader.__file__).parent
    compileall.compile_dir(package, quiet=1)


if __name__ == "__main__":
    sys.exit(main())
