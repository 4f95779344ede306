"""How soon the 430 KB article is on screen after launch on a new data dir, against frogmouth.

The library is the synthetic one (the big article is its newest, so it is what the reader
shows first) and the data dir is new each run: no index yet, the first indexing under way.
The reference, in the same run and interleaved with it: frogmouth (a Textual Markdown
viewer) opening the same file, timed to the same first words; and a bare Textual app's
first screen, the floor. Target: the reader ≤ 0.2× frogmouth's median.

    python -m benchmarks.long_article [--articles 1000] [--runs 5]

frogmouth is looked for as $FROGMOUTH, then on PATH (it pins an older Textual, so it lives
in a venv of its own: `python3 -m venv fm && fm/bin/pip install frogmouth==0.9.2`).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks import bare_app
from benchmarks.synthetic import BIG_FIRST_WORDS, BIG_ID, write_library
from benchmarks.terminal import Pty

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
TARGET_RATIO = 0.2
# The first words as drawn: a terminal line may end before the whole phrase.
FIRST_WORDS = BIG_FIRST_WORDS[:24]


def frogmouth_path() -> str | None:
    return os.environ.get("FROGMOUTH") or shutil.which("frogmouth")


def time_to_words(argv: list[str], words: str, quit_keys: str) -> float:
    terminal = Pty(argv)
    try:
        return terminal.wait_for(words, 60)
    finally:
        terminal.close(quit_keys)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.long_article")
    parser.add_argument("--articles", type=int, default=1000, help="ordinary articles (+1 big)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    frogmouth = frogmouth_path()
    samples: dict[str, list[float]] = {"newsreader": [], "frogmouth": [], "bare Textual": []}
    with tempfile.TemporaryDirectory(prefix="newsreader-long-") as folder:
        library = Path(folder) / "library"
        write_library(library, args.articles)
        big = library / f"{BIG_ID}.md"
        # The newest of all here, so it is the article the reader shows at launch.
        text = big.read_text(encoding="utf-8")
        big.write_text(re.sub(r"(?m)^date: .*$", "date: 2026-12-01T09:00:00+00:00", text, count=1))
        for run in range(args.runs):
            data_dir = Path(folder) / f"data-{run}"  # new each run: no index yet
            reader = [NEWSREADER, "--articles", str(library), "--data-dir", str(data_dir)]
            samples["newsreader"].append(time_to_words(reader, FIRST_WORDS, "\x11"))
            if frogmouth is not None:
                samples["frogmouth"].append(time_to_words([frogmouth, str(big)], FIRST_WORDS, "q"))
            bare = [sys.executable, str(Path(bare_app.__file__))]
            samples["bare Textual"].append(time_to_words(bare, bare_app.READY_TEXT, "q"))
    print(f"430 KB article on screen after launch, new data dir, {args.articles:,} articles")
    print(f"medians of {args.runs} runs (load average {os.getloadavg()[0]:.1f}):")
    medians = {name: statistics.median(values) for name, values in samples.items() if values}
    for name, value in medians.items():
        print(f"  {name:<14} {value:6.3f} s")
    if "frogmouth" not in medians:
        print("  frogmouth not found ($FROGMOUTH or PATH): no ratio")
        return 0
    ratio = medians["newsreader"] / medians["frogmouth"]
    verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
    print(f"  newsreader / frogmouth = {ratio:.2f}× (target ≤ {TARGET_RATIO}×: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
