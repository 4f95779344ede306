"""A library of hostile and broken article files, generated on demand (nothing binary is
committed): every case the issue "Hostile and broken article files cannot hurt the reader"
lists, each with what the reader must make of it.

A `Case` writes its files into a library folder and says which articles must be listed
and what `newsreader check` must report. `write_corpus` writes every case into one folder;
the benchmark (benchmarks/hostile.py) uses the same generator.
"""

from __future__ import annotations

import os
from pathlib import Path

from hostile_case import Case
from hostile_content import ENCODINGS, FRONT_MATTER, MARKUP_AND_ESCAPES, SIZE

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
# The app walks the corpus a group at a time: one app per group instead of one per case,
# and groups small enough for the test workers to share them out evenly.
GROUPS = {
    "encodings": ENCODINGS,
    "size": SIZE,
    "front-matter": FRONT_MATTER,
    "markup-and-escapes": MARKUP_AND_ESCAPES,
    "file-system": FILE_SYSTEM,
}
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


def write_corpus(root: Path, cases: list[Case] = CASES) -> list[Case]:
    """Every available case of `cases`, all in the one new folder `root`; returns the cases
    written (no two cases write the same file)."""
    root.mkdir(parents=True)
    written = [case for case in cases if available(case)]
    for case in written:
        case.write(root)
    return written


def open_to_everyone(root: Path) -> None:
    """Let any user read the written corpus, except what the `unreadable` case locked."""
    for path in [root, *root.rglob("*")]:
        if not path.is_symlink() and "locked" not in path.name:
            path.chmod(0o755 if path.is_dir() else 0o644)


def unlock(root: Path) -> None:
    """Undo the `unreadable` case's permissions so the folder can be removed."""
    for folder, subfolders, _files in os.walk(root):
        for name in subfolders:
            subfolder = os.path.join(folder, name)
            if not os.path.islink(subfolder):
                os.chmod(subfolder, 0o755)
    for path in root.rglob("locked*"):
        if not path.is_symlink():
            path.chmod(0o755)
