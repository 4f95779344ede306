"""The benchmark's printout: medians of every timing, then ratios against the targets."""

from __future__ import annotations

import os
import platform
import statistics
from collections.abc import Callable

from benchmarks.reader_runs import Samples

LIST_WARM = "list on screen (warm index)"
NEWSBOAT_LIST = "newsboat: article list on screen"
BARE_FIRST = "bare Textual: first screen"


def _median(samples: Samples, name: str) -> float | None:
    values = samples.values.get(name)
    return statistics.median(values) if values else None


def _shown(name: str, value: float) -> str:
    return f"{value:7.1f} MB" if "(MB)" in name else f"{value * 1000:7.1f} ms"


def print_report(samples: Samples, total: int, runs: int, *, load_before: float) -> None:
    print()
    load_after = os.getloadavg()[0]
    print(
        f"{total:,} articles · {runs} sessions · Python {platform.python_version()} · "
        f"{os.cpu_count()} CPUs, load average {load_before:.2f} before, {load_after:.2f} after"
    )
    print(f"{'measure':48} {'median':>10} {'min':>10} {'max':>10}  n")
    for name, values in samples.values.items():
        line = f"{name:48} {_shown(name, statistics.median(values)):>10} "
        line += f"{_shown(name, min(values)):>10} {_shown(name, max(values)):>10}  {len(values)}"
        print(line)
    print()
    print("targets (medians, this run)")
    for label, check in _targets(samples, total):
        print(f"  {label}: {check()}")


def _targets(samples: Samples, total: int) -> list[tuple[str, Callable[[], str]]]:
    def ratio(name: str, reference: str, limit: float) -> Callable[[], str]:
        def check() -> str:
            ours, theirs = _median(samples, name), _median(samples, reference)
            if ours is None or theirs is None:
                return "not measured"
            value = ours / theirs
            return f"{value:.2f} (≤ {limit}) {'met' if value <= limit else 'MISSED'}"

        return check

    def at_most(name: str, limit: float) -> Callable[[], str]:
        def check() -> str:
            value = _median(samples, name)
            if value is None:
                return "not measured"
            met = "met" if value <= limit else "MISSED"
            return f"{_shown(name, value).strip()} (≤ {_shown(name, limit).strip()}) {met}"

        return check

    checks = [
        ("list on screen ÷ newsboat's", ratio(LIST_WARM, NEWSBOAT_LIST, 1.0)),
        ("list on screen ÷ bare Textual's first screen", ratio(LIST_WARM, BARE_FIRST, 1.3)),
        ("big article's first screen", at_most("big article: first screen after selection", 0.1)),
        ("keypress in the list", at_most("keypress in the list", 0.016)),
    ]
    if total <= 20_000:  # these two targets are set for a library of 10,000
        checks.append(("search", at_most("search: results after a keystroke", 0.05)))
        checks.append(("peak RSS", at_most("peak RSS (MB)", 70.0)))
    if total >= 100_000:
        checks.append(("list on screen, 100,000 articles", at_most(LIST_WARM, 1.0)))
    return checks
