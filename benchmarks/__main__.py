"""Run every benchmark module listed here, or those named on the command line."""

from __future__ import annotations

import importlib
import sys

MODULES = ("queue_writes",)


def main(argv: list[str]) -> int:
    chosen = argv or list(MODULES)
    unknown = [name for name in chosen if name not in MODULES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(MODULES)}")
        return 2
    for name in chosen:
        module = importlib.import_module(f"benchmarks.{name}")
        module.main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
