"""A library of hostile and broken article files, generated on demand (nothing binary is
committed): every case the issue "Hostile and broken article files cannot hurt the reader"
lists, each with what the reader must make of it.

A `Case` writes its files into a library folder and says which articles must be listed
and what `newsreader check` must report. `write_corpus` writes every case into one folder;
the benchmark (benchmarks/hostile.py) uses the same generator.
"""

from __future__ import annotations

import codecs
import os
import random
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


def _text(name: str, content: str, encoding: str = "utf-8") -> Writer:
    def write(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode(encoding))

    return write


def _bytes(name: str | bytes, content: bytes) -> Writer:
    def write(root: Path) -> None:
        # A bytes name may not be UTF-8: it goes to the file system as it is.
        path = os.path.join(os.fsencode(root), name if isinstance(name, bytes) else name.encode())
        with open(path, "wb") as file:
            file.write(content)

    return write


def _all(*writers: Writer) -> Writer:
    def write(root: Path) -> None:
        for writer in writers:
            writer(root)

    return write


# --- encodings -------------------------------------------------------------------------------

_ARTICLE = "---\ntitle: {title}\n---\nCafé, crème brûlée and 5 € for the “best” table.\n"


def _utf16(root: Path) -> None:
    text = _ARTICLE.format(title="Written in UTF-16")
    (root / "utf16-le.md").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    (root / "utf16-be.txt").write_bytes(
        codecs.BOM_UTF16_BE + "Big-endian page\n\nBody text.\n".encode("utf-16-be")
    )


def _binary(root: Path) -> None:
    noise = random.Random(5).randbytes(64 * 1024)  # seeded: the same "image" every run
    (root / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise)
    (root / "archive.txt").write_bytes(b"PK\x03\x04" + noise[::-1])


ENCODINGS = [
    Case(
        "invalid-utf8",
        _bytes(
            "damaged.md", b"# Damaged \xc3 text\n\nA cr\xe8me that is not UTF-8 - caf\xc3\xa9.\n"
        ),
        listed=("damaged",),
        problems={"damaged.md": "not valid UTF-8: bytes replaced"},
    ),
    Case(
        "latin-1",
        _text("latin1.md", _ARTICLE.format(title="Écrit en Latin-1"), "cp1252"),
        listed=("latin1",),
        problems={"latin1.md": "read as Latin-1"},
    ),
    Case("utf-16-bom", _utf16, listed=("utf16-le", "utf16-be")),
    Case(
        "nul-byte",
        _bytes("nul.md", b"# A stray NUL\n\nBefore\x00after.\n"),
        listed=("nul",),
        problems={"nul.md": "contains NUL bytes"},
    ),
    Case(
        "binary",
        _binary,
        problems={"photo.md": "binary file, not text", "archive.txt": "binary file, not text"},
    ),
    Case("empty", _bytes("empty.md", b""), listed=("empty",), problems={"empty.md": "empty file"}),
    Case(
        "front-matter-only",
        _text(
            "only-front-matter.md", "---\ntitle: Fields and nothing else\ndate: 2026-11-14\n---\n"
        ),
        listed=("only-front-matter",),
        problems={"only-front-matter.md": "no article text after the front matter"},
    ),
]

# --- size ------------------------------------------------------------------------------------


def _huge(root: Path) -> None:
    """50 MB: 4 MB of real text, then a sparse hole (the size is real, the disk is spared)."""
    paragraph = (
        "A paragraph of a very long archive, with *emphasis* and [a link](https://x.org).\n\n"
    )
    with (root / "huge.md").open("w", encoding="utf-8") as file:
        file.write("---\ntitle: Fifty megabytes of archive\n---\n")
        file.write(paragraph * (4 * MB // len(paragraph)))
        file.truncate(50 * MB)


def _one_mb_lines(root: Path) -> None:
    line = " ".join(f"word{n}" for n in range(150_000))[:MB]
    (root / "one-line.md").write_text(f"# One line\n\n{line}\n", encoding="utf-8")
    (root / "one-line-page.txt").write_text(line + "\n", encoding="utf-8")
    (root / "brackets.md").write_text("# Brackets\n\n" + "[" * MB, encoding="utf-8")


def _nested(root: Path) -> None:
    (root / "deep-quotes.md").write_text("# Quotes\n\n" + "> " * 10_000 + "deep\n")
    (root / "deep-quotes-tight.md").write_text("# Tight quotes\n\n" + ">" * 10_000 + " deep\n")
    (root / "deep-lists.md").write_text("# Lists\n\n" + "- " * 10_000 + "deep\n")
    (root / "deep-numbers.md").write_text("# Numbers\n\n" + "1. " * 10_000 + "deep\n")
    (root / "deep-mixed.md").write_text("# Mixed\n\n" + "> - 1. " * 3_400 + "deep\n")


def _table(root: Path) -> None:
    rows = "".join(f"| {n} | row {n} | {n * 7 % 100} |\n" for n in range(5_000))
    (root / "big-table.md").write_text("# Table\n\n| n | name | score |\n|--:|---|---|\n" + rows)


SIZE = [
    Case(
        "50-mb-file",
        _huge,
        listed=("huge",),
        problems={"huge.md": "file is 50 MB; only the first 2 MB are shown"},
    ),
    Case("1-mb-line", _one_mb_lines, listed=("one-line", "one-line-page", "brackets")),
    Case(
        "10000-nested",
        _nested,
        listed=("deep-quotes", "deep-quotes-tight", "deep-lists", "deep-numbers", "deep-mixed"),
    ),
    Case("5000-row-table", _table, listed=("big-table",)),
]

# --- front matter ----------------------------------------------------------------------------

_BOMB = (
    "---\n"
    + "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
        f"*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
        f"*{chr(97 + n)}]\n"
        for n in range(8)
    )
    + "title: Billion laughs\n---\nBody.\n"
)


def _dates(root: Path) -> None:
    shapes = {
        "slashes": "14/11/2026",
        "impossible": "2026-02-30",
        "written": "'Friday 14 November 2026, 09:12 GMT'",
        "year-one": "0001-01-01T00:00:00+14:00",
        "year-9999": "9999-12-31T23:59:59-14:00",
        "epoch": "1731571200",
        "explicit-timestamp": "!!timestamp 2026-11-14",
        "bad-timestamp": "!!timestamp 2026-13-45",
        "a-list": "[2026, 11, 14]",
        "words": "last Tuesday, probably",
    }
    for name, value in shapes.items():
        (root / f"date-{name}.md").write_text(f"---\ntitle: Dated {name}\ndate: {value}\n---\nx\n")


def _unknown_tags(root: Path) -> None:
    marker = root.parent / "PWNED-BY-YAML"
    (root / "python-tag.md").write_text(
        f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\nBody.\n"
    )
    (root / "custom-tag.md").write_text("---\ntitle: !shout loud\nauthor: !!binary aGk=\n---\nB.\n")


FRONT_MATTER = [
    Case(
        "invalid-yaml",
        _text("bad-yaml.md", "---\ntitle: [unclosed\nauthor: : :\n---\nThe body survives.\n"),
        listed=("bad-yaml",),
        problems={"bad-yaml.md": "front matter is not valid YAML"},
    ),
    Case(
        "yaml-not-a-mapping",
        _all(
            _text("yaml-list.md", "---\n- one\n- two\n---\nBody.\n"),
            _text("yaml-text.md", "---\njust words\n---\nBody.\n"),
        ),
        listed=("yaml-list", "yaml-text"),
        problems={
            "yaml-list.md": "front matter is a list, not a set of fields",
            "yaml-text.md": "front matter is a piece of text, not a set of fields",
        },
    ),
    Case(
        "wrong-types",
        _text("wrong-types.md", "---\ntitle: [1, 2]\ndate: yes\ntags: {a: b}\n---\nBody.\n"),
        listed=("wrong-types",),
        problems={"wrong-types.md": "front matter field 'title' should be text, not a list"},
    ),
    Case(
        "dates-in-any-shape",
        _dates,
        listed=tuple(
            f"date-{name}"
            for name in (
                "slashes",
                "impossible",
                "written",
                "year-one",
                "year-9999",
                "epoch",
                "explicit-timestamp",
                "bad-timestamp",
                "a-list",
                "words",
            )
        ),
        problems={
            "date-slashes.md": "front matter field 'date' is not a date",
            "date-impossible.md": "front matter field 'date' is not a date",
            "date-epoch.md": "front matter field 'date' is not a date",
            "date-bad-timestamp.md": "front matter could not be read",
            "date-a-list.md": "front matter field 'date' is not a date (a list)",
            "date-words.md": "front matter field 'date' is not a date",
        },
    ),
    Case(
        "alias-bomb",
        _text("billion-laughs.md", _BOMB),
        listed=("billion-laughs",),
        problems={"billion-laughs.md": "aliases"},
    ),
    Case(
        "unknown-tags",
        _unknown_tags,
        listed=("python-tag", "custom-tag"),
        problems={
            "python-tag.md": "YAML tag that is not allowed",
            "custom-tag.md": "YAML tag that is not allowed",
        },
    ),
]

# --- markup and escapes ----------------------------------------------------------------------


def _escapes(root: Path) -> None:
    (root / "escapes-front-matter.md").write_text(
        f'---\ntitle: "Title {YAML_ESCAPES}"\nauthor: "By {YAML_ESCAPES}"\n'
        f'source: "{YAML_ESCAPES}"\nsummary: "{YAML_ESCAPES}"\n'
        f'url: "https://x.org/{YAML_ESCAPES}"\n---\n'
        f"Body {ESCAPES}\n\n- item {ESCAPES}\n\n> quote {ESCAPES}\n\n"
        f"```\ncode {ESCAPES}\n```\n\n| a {ESCAPES} |\n|---|\n| b {ESCAPES} |\n\n"
        f"[link {ESCAPES}](https://x.org/{ESCAPES}) ![image {ESCAPES}](x.png)\n",
        encoding="utf-8",
    )
    (root / "escapes-heading.md").write_text(f"# Heading {ESCAPES}\n\nBody.\n", encoding="utf-8")
    (root / "escapes-page.txt").write_text(
        f"Page title {ESCAPES}\n\nA standfirst {ESCAPES}\n\nBy Ana {ESCAPES}\n14 November 2026\n\n"
        f"Paragraph {ESCAPES}\n\nTranslated by Tom {ESCAPES}\n",
        encoding="utf-8",
    )


def _markup(root: Path) -> None:
    (root / "markup-front-matter.md").write_text(
        f"---\ntitle: '{MARKUP}'\nauthor: '{BELL_MARKUP}'\nsource: '{QUIT_MARKUP}'\n"
        f"summary: '{MARKUP}'\n---\n{MARKUP}\n\n- {MARKUP}\n\n> {BELL_MARKUP}\n\n"
        f"`{QUIT_MARKUP}` **{BELL_MARKUP}**\n",
        encoding="utf-8",
    )
    (root / "markup-page.txt").write_text(
        f"{QUIT_MARKUP}\n\nBy {BELL_MARKUP}\n\n{MARKUP}\n", encoding="utf-8"
    )


MARKUP_AND_ESCAPES = [
    Case(
        "escapes-in-fields-and-body",
        _escapes,
        listed=("escapes-front-matter", "escapes-heading", "escapes-page"),
    ),
    Case("markup-in-fields-and-body", _markup, listed=("markup-front-matter", "markup-page")),
    Case(
        "markup-and-escapes-in-file-names",
        _all(
            _text(f"{FILE_NAME_MARKUP}.md", "Body only: the title comes from the file name.\n"),
            _text(f"{OSC_TITLE}{CSI_CLEAR}{BIDI}.md", "Body only.\n"),
            _bytes(b"caf\xe9 \x9b31m latin-1 name.md", b"Body only.\n"),
        ),
        listed=(
            FILE_NAME_MARKUP,
            f"{OSC_TITLE}{CSI_CLEAR}{BIDI}",
            os.fsdecode(b"caf\xe9 \x9b31m latin-1 name"),
        ),
    ),
]

# --- the file system -------------------------------------------------------------------------


def _links_out(root: Path) -> None:
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.md").write_text("# Not part of the library\n")
    (root / "link-to-secret.md").symlink_to(outside / "secret.md")
    (root / "link-to-passwd.md").symlink_to("/etc/passwd")
    (root / "link-to-outside-folder").symlink_to(outside, target_is_directory=True)


def _loops(root: Path) -> None:
    (root / "loop-a.md").symlink_to("loop-b.md")
    (root / "loop-b.md").symlink_to("loop-a.md")
    (root / "loop-self.md").symlink_to("loop-self.md")
    (root / "loop-folder").symlink_to(".", target_is_directory=True)


def _unreadable(root: Path) -> None:
    (root / "locked.md").write_text("# Locked\n\nNobody may read this.\n")
    (root / "locked.md").chmod(0o000)
    (root / "locked-folder").mkdir()
    (root / "locked-folder" / "inside.md").write_text("# Inside a locked folder\n")
    (root / "locked-folder").chmod(0o000)


def _folders_named_like_articles(root: Path) -> None:
    (root / "2026.md").mkdir()
    (root / "2026.md" / "inside.md").write_text("# Inside a folder named like an article\n")
    (root / "empty-folder.txt").mkdir()


def _fifo(root: Path) -> None:
    os.mkfifo(root / "pipe.md")  # a file that never finishes being written


FILE_SYSTEM = [
    Case(
        "symlinks-out-of-the-library",
        _links_out,
        problems={
            "link-to-secret.md": "symlink leads outside the library",
            "link-to-passwd.md": "symlink leads outside the library",
            "link-to-outside-folder": "symlink leads outside the library",
        },
        needs="symlink",
    ),
    Case(
        "symlink-loops",
        _loops,
        problems={
            "loop-a.md": "symlink loop",
            "loop-b.md": "symlink loop",
            "loop-self.md": "symlink loop",
        },
        needs="symlink",
    ),
    Case(
        "unreadable",
        _unreadable,
        problems={"locked.md": "permission denied", "locked-folder": "permission denied"},
        problems_as_root={},
        listed_as_root=("locked", "locked-folder/inside"),
    ),
    Case("folders-named-like-articles", _folders_named_like_articles, listed=("2026.md/inside",)),
    Case("fifo", _fifo, problems={"pipe.md": "not a regular file"}, needs="fifo"),
]

CASES = [*ENCODINGS, *SIZE, *FRONT_MATTER, *MARKUP_AND_ESCAPES, *FILE_SYSTEM]
CONTROL_ARTICLE = ("control.md", "# A normal article\n\nNothing odd here.\n")


def available(case: Case) -> bool:
    if case.needs == "symlink":
        return hasattr(os, "symlink")
    if case.needs == "fifo":
        return hasattr(os, "mkfifo")
    return True


def write_case(case: Case, root: Path) -> Path:
    """`case` and one normal article, in the new folder `root`."""
    root.mkdir(parents=True)
    (root / CONTROL_ARTICLE[0]).write_text(CONTROL_ARTICLE[1], encoding="utf-8")
    case.write(root)
    return root


def write_corpus(root: Path) -> list[Case]:
    """Every available case, all in the one new folder `root`; returns the cases written."""
    root.mkdir(parents=True)
    written = [case for case in CASES if available(case)]
    for case in written:
        case.write(root)
    return written


def unlock(root: Path) -> None:
    """Undo the `unreadable` case's permissions so the folder can be removed."""
    for folder, subfolders, _files in os.walk(root):
        for name in subfolders:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755)
    for path in root.rglob("locked*"):
        if not path.is_symlink():
            path.chmod(0o755)
