"""What a hostile case is, and the escapes and markup the cases are made of."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MB = 1024 * 1024
# Every escape a terminal might act on, as raw characters.
CSI_CLEAR = "\x1b[2J"
OSC_TITLE = "\x1b]0;PWNED-TITLE\x07"
OSC_LINK = "\x1b]8;;https://evil.example/\x1b\\trusted link\x1b]8;;\x1b\\"
OSC_CLIPBOARD = "\x1b]52;c;UFdORUQtQ0xJUA==\x07"  # base64 of "PWNED-CLIP"
DCS = "\x1bP1$r\x1b\\"
LONE_ESC = "\x1b"
C1 = "\x9b31m\x9d0;c1-title\x9c"
BIDI = "\u202egnp.exe"
ESCAPES = CSI_CLEAR + OSC_TITLE + OSC_LINK + OSC_CLIPBOARD + DCS + LONE_ESC + C1 + BIDI
# The same, written as YAML double-quoted escapes (YAML refuses raw control characters).
YAML_ESCAPES = (
    r"\e[2J\e]0;PWNED-TITLE\a\e]8;;https://evil.example/\e\\trusted link\e]8;;\e\\"
    r"\e]52;c;UFdORUQtQ0xJUA==\a\eP1$r\e\\\e\x9b31m\x9d0;c1-title\x9c\u202egnp.exe"
)
QUIT_MARKUP = "[@click=app.quit]Click to continue[/]"
BELL_MARKUP = "[@click=app.bell]Ring[/]"
MARKUP = f"{QUIT_MARKUP} {BELL_MARKUP} [bold red]loud[/] [link=https://evil.example]x[/link]"
FILE_NAME_MARKUP = "[@click=app.quit]Click me [@click=app.bell]ring [b]bold"  # no "/"

Writer = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    """One hostile input: how to write it, and what the reader must make of it.

    `listed`: ids of the articles the list must show. `problems`: file path (relative to
    the library) → a phrase `newsreader check` must give as its reason; no other file may
    be reported. `problems_as_root` replaces `problems` when the test runs as root (root
    reads a file whatever its permissions say).
    """

    name: str
    write: Writer
    listed: tuple[str, ...] = ()
    problems: dict[str, str] = field(default_factory=dict)
    problems_as_root: dict[str, str] | None = None
    listed_as_root: tuple[str, ...] | None = None
    needs: str = ""  # "symlink", "fifo": skipped where the system has none

    def expected(self, as_root: bool) -> tuple[tuple[str, ...], dict[str, str]]:
        if as_root and self.problems_as_root is not None:
            return self.listed_as_root or self.listed, self.problems_as_root
        return self.listed, self.problems


def text_file(name: str, content: str, encoding: str = "utf-8") -> Writer:
    def write(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode(encoding))

    return write


def bytes_file(name: str | bytes, content: bytes) -> Writer:
    def write(root: Path) -> None:
        # A bytes name may not be UTF-8: it goes to the file system as it is.
        path = os.path.join(os.fsencode(root), name if isinstance(name, bytes) else name.encode())
        with open(path, "wb") as file:
            file.write(content)

    return write


def all_of(*writers: Writer) -> Writer:
    def write(root: Path) -> None:
        for writer in writers:
            writer(root)

    return write
