"""How long reading a 50 KB saved page takes, against references in the same run.

The page is built from the saved-page corpus (tests/saved_pages/): the local paper's page,
furniture and all, with its article paragraphs repeated to 50 KB, so every rule of the
furniture table and the body reader is exercised at that size. References over the same
text: `str.splitlines()` plus one regex pass (the floor for any line-by-line reader), and
the Markdown reader on a Markdown file of the same size. Target: ≤ 5 ms median.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from newsreader.library.formats.markdown import read_markdown
from newsreader.library.formats.text import read_text

RUNS = 200
TARGET_BYTES = 50 * 1024
TARGET_MS = 5.0
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "saved_pages"
_WORD = re.compile(r"\w+")


def saved_page_of_size(size: int) -> str:
    """The cookie-banner page with its body repeated, headings and pictures between."""
    page = (CORPUS / "local-paper-cookies.txt").read_text(encoding="utf-8")
    head, rest = page.split("Parking charges", 1)
    body, tail = rest.split("Most read", 1)
    body = "Parking charges" + body
    parts = [head]
    section = 0
    while sum(map(len, parts)) + len(tail) < size:
        section += 1
        parts.append(f"{body}\nWhat the council said in part {section}\n\n")
        parts.append("Image source, PA Media\nImage caption, Cars queue on the harbour road\n\n")
    return "".join(parts) + "Most read" + tail


def _medians_ms(actions: list[Callable[[], object]], runs: int = RUNS) -> list[float]:
    """Each action's median time; the actions take turns, so load hits them alike."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, samples in zip(actions, times, strict=True):
            start = time.perf_counter()
            action()
            samples.append((time.perf_counter() - start) * 1000)
    return [statistics.median(samples) for samples in times]


def main() -> None:
    text = saved_page_of_size(TARGET_BYTES)
    markdown = "---\ntitle: Same size\n---\n" + text.replace("\n", "\n\n")[: len(text)]
    path = Path("bench-page.txt")
    reading, floor, markdown_reader = _medians_ms(
        [
            lambda: read_text(text, path, "bench-page"),
            lambda: [_WORD.search(line) for line in text.splitlines()],
            lambda: read_markdown(markdown, Path("same.md"), "same"),
        ]
    )
    size_kb = len(text.encode()) / 1024
    print(f"saved page of {size_kb:.0f} KB, {text.count(chr(10)):,} lines, {RUNS} runs")
    print(f"  read_text                       median {reading:7.2f} ms (target ≤ {TARGET_MS} ms)")
    print(
        f"  splitlines + one regex pass     median {floor:7.2f} ms | ratio {reading / floor:6.1f}"
    )
    print(
        f"  Markdown reader, same size      median {markdown_reader:7.2f} ms"
        f" | ratio {reading / markdown_reader:6.2f}"
    )


if __name__ == "__main__":
    main()
