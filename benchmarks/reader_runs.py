"""One launch of the reader in a pty, and what a person would time in it.

A warm run, in the order a person might go: launch and wait for the list; move down the
list a few times; select the 430 KB article and wait for its first words; search, one
letter at a time; write a comment and save it; quit. Between steps the program is left
to go quiet, so each timing is of that step alone.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.synthetic import BIG_FIRST_WORDS, SyntheticArticle
from benchmarks.terminal import Pty

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
SEARCH_TEXT = "river bridge"
LIST_KEYS = 12
QUIET = 0.25


@dataclass
class Samples:
    """Timings (seconds) of one kind, over every run; memory in MB."""

    values: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, value: float | None) -> None:
        if value is not None:
            self.values.setdefault(name, []).append(value)


def reader_command(library: Path, data_dir: Path) -> list[str]:
    return [NEWSREADER, "--articles", str(library), "--data-dir", str(data_dir)]


def list_prefix(article: SyntheticArticle) -> str:
    # The list cuts titles to its width: the start of the title is what is drawn.
    return article.title[:12]


def count_at_least(minimum: int) -> Callable[[str], bool]:
    pattern = re.compile(r"Articles \((\d[\d,]*)\)")

    def found(text: str) -> bool:
        return any(int(m.group(1).replace(",", "")) >= minimum for m in pattern.finditer(text))

    return found


def cold_run(library: Path, data_dir: Path, total: int, env: dict[str, str], out: Samples) -> None:
    """No index: time to the first rows, and to the whole library indexed."""
    shutil.rmtree(data_dir / "cache", ignore_errors=True)
    terminal = Pty(reader_command(library, data_dir), env=env)
    try:
        out.add("cold: first rows on screen", terminal.wait_for(count_at_least(1), 120))
        timeout = 60 + total / 100
        out.add("cold: whole library indexed", terminal.wait_for(count_at_least(total), timeout))
        terminal.wait_quiet(QUIET)
        out.add("cold: peak RSS (MB)", terminal.peak_rss_mb())
    finally:
        terminal.close("\x11")  # ctrl+q


def launch_run(
    library: Path, data_dir: Path, newest: SyntheticArticle, env: dict[str, str], out: Samples
) -> None:
    """Launch with the index warm, time the list on screen, quit."""
    terminal = Pty(reader_command(library, data_dir), env=env)
    try:
        out.add("list on screen (warm index)", terminal.wait_for(list_prefix(newest)))
        terminal.wait_quiet(QUIET)
    finally:
        terminal.close("\x11")


def warm_run(
    library: Path,
    data_dir: Path,
    newest: SyntheticArticle,
    total: int,
    env: dict[str, str],
    out: Samples,
) -> None:
    """A whole session with the index warm: keys, the long article, search, a comment."""
    terminal = Pty(reader_command(library, data_dir), env=env)
    try:
        terminal.wait_for(list_prefix(newest))
        terminal.wait_for(count_at_least(total), 30)
        terminal.wait_quiet(QUIET)
        for _ in range(LIST_KEYS):
            out.add("keypress in the list", terminal.first_output_after("j"))
            terminal.wait_quiet(QUIET)
        _big_article(terminal, out)
        _search(terminal, out)
        _comment(terminal, out)
        out.add("peak RSS (MB)", terminal.peak_rss_mb())
    finally:
        terminal.close("\x11")


def _big_article(terminal: Pty, out: Samples) -> None:
    """The big article is second in the list: from the top, one `j` selects it."""
    terminal.write("g")
    terminal.wait_quiet(QUIET)
    mark = len(terminal.text)
    sent = terminal.write("j")
    terminal.wait_for(BIG_FIRST_WORDS, 10, since=mark)
    out.add("big article: first screen after selection", terminal.last_output - sent)
    terminal.wait_quiet(1.0)


def _search(terminal: Pty, out: Samples) -> None:
    terminal.write("/")
    terminal.wait_quiet(QUIET)
    typed = ""
    for char in SEARCH_TEXT:
        typed += char
        if char == " ":
            terminal.write(char)
            terminal.wait_quiet(QUIET)
            continue
        mark = len(terminal.text)
        sent = terminal.write(char)
        terminal.wait_for(f"matching “{typed}”", 10, since=mark)
        out.add("search: results after a keystroke", terminal.last_output - sent)
        terminal.wait_quiet(QUIET)
    terminal.write("\x1b")  # escape: every article again
    terminal.wait_quiet(QUIET)


def _comment(terminal: Pty, out: Samples) -> None:
    terminal.write("c")
    terminal.wait_for("moderator", 10)
    terminal.wait_quiet(QUIET)
    for keys in ("Bench", "\t", "\t", "A comment typed by the benchmark."):
        terminal.write(keys)
        terminal.wait_quiet(QUIET)
    mark = len(terminal.text)
    sent = terminal.write("\x13")  # ctrl+s
    terminal.wait_for("Saved to the pending queue", 10, since=mark)
    out.add("comment: saved after ctrl+s", terminal.last_output - sent)
    terminal.wait_quiet(QUIET)


def bare_run(env: dict[str, str], out: Samples, *, keys: bool) -> None:
    """The bare Textual app: its first screen, and with `keys`, its answer to a key."""
    from benchmarks import bare_app

    command = [sys.executable, str(Path(bare_app.__file__))]
    terminal = Pty(command, env=env)
    try:
        out.add("bare Textual: first screen", terminal.wait_for(bare_app.READY_TEXT))
        terminal.wait_quiet(QUIET)
        for _ in range(LIST_KEYS if keys else 0):
            out.add("bare Textual: keypress", terminal.first_output_after("j"))
            terminal.wait_quiet(QUIET)
        out.add("bare Textual: peak RSS (MB)", terminal.peak_rss_mb())
    finally:
        terminal.close("q")
