"""Hostile cases in what files hold: encodings, sizes, front matter, markup and escapes."""

from __future__ import annotations

import codecs
import os
import random
from pathlib import Path

from hostile_case import (
    BELL_MARKUP,
    BIDI,
    CSI_CLEAR,
    ESCAPES,
    FILE_NAME_MARKUP,
    MARKUP,
    MB,
    OSC_TITLE,
    QUIT_MARKUP,
    YAML_ESCAPES,
    Case,
    all_of,
    bytes_file,
    text_file,
)

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
        bytes_file(
            "damaged.md", b"# Damaged \xc3 text\n\nA cr\xe8me that is not UTF-8 - caf\xc3\xa9.\n"
        ),
        listed=("damaged",),
        problems={"damaged.md": "not valid UTF-8: bytes replaced"},
    ),
    Case(
        "latin-1",
        text_file("latin1.md", _ARTICLE.format(title="Écrit en Latin-1"), "cp1252"),
        listed=("latin1",),
        problems={"latin1.md": "read as Latin-1"},
    ),
    Case("utf-16-bom", _utf16, listed=("utf16-le", "utf16-be")),
    Case(
        "nul-byte",
        bytes_file("nul.md", b"# A stray NUL\n\nBefore\x00after.\n"),
        listed=("nul",),
        problems={"nul.md": "contains NUL bytes"},
    ),
    Case(
        "binary",
        _binary,
        problems={"photo.md": "binary file, not text", "archive.txt": "binary file, not text"},
    ),
    Case(
        "empty", bytes_file("empty.md", b""), listed=("empty",), problems={"empty.md": "empty file"}
    ),
    Case(
        "front-matter-only",
        text_file(
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
        text_file("bad-yaml.md", "---\ntitle: [unclosed\nauthor: : :\n---\nThe body survives.\n"),
        listed=("bad-yaml",),
        problems={"bad-yaml.md": "front matter is not valid YAML"},
    ),
    Case(
        "yaml-not-a-mapping",
        all_of(
            text_file("yaml-list.md", "---\n- one\n- two\n---\nBody.\n"),
            text_file("yaml-text.md", "---\njust words\n---\nBody.\n"),
        ),
        listed=("yaml-list", "yaml-text"),
        problems={
            "yaml-list.md": "front matter is a list, not a set of fields",
            "yaml-text.md": "front matter is a piece of text, not a set of fields",
        },
    ),
    Case(
        "wrong-types",
        text_file("wrong-types.md", "---\ntitle: [1, 2]\ndate: yes\ntags: {a: b}\n---\nBody.\n"),
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
        text_file("billion-laughs.md", _BOMB),
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
        all_of(
            text_file(f"{FILE_NAME_MARKUP}.md", "Body only: the title comes from the file name.\n"),
            text_file(f"{OSC_TITLE}{CSI_CLEAR}{BIDI}.md", "Body only.\n"),
            bytes_file(b"caf\xe9 \x9b31m latin-1 name.md", b"Body only.\n"),
        ),
        listed=(
            FILE_NAME_MARKUP,
            f"{OSC_TITLE}{CSI_CLEAR}{BIDI}",
            os.fsdecode(b"caf\xe9 \x9b31m latin-1 name"),
        ),
    ),
]
