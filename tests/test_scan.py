"""Loading files and walking a library: ids, decoding, symlinks, and files that cannot be read.

Every library here is read the one way the program reads one: an index synced from the
folder (`library_reading`), so what is asserted is what the list and `check` show."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest

from library_reading import ReadLibrary, not_shown, read_library
from library_samples import write
from newsreader.library import formats
from newsreader.library.article import Article
from newsreader.library.formats import (
    MAX_ARTICLE_BYTES,
    ArticleFileError,
    load_article,
)
from newsreader.library.sources.folder import ArticleFolder

TUI_DIR = Path(__file__).resolve().parent.parent / "tui"
PROGRAMS = Path(__file__).resolve().parent / "programs"


# --- what is in the library -------------------------------------------------------------------


def test_ids_come_from_sub_folders(library: Path) -> None:
    write(library, "culture/jazz-night.md", "# Jazz\n")
    write(library, "world/europe/summit.txt", "Summit\n\nText.")
    write(library, "top.markdown", "# Top\n")

    scan = read_library(library)

    assert sorted(article.id for article in scan.articles) == [
        "culture/jazz-night",
        "top",
        "world/europe/summit",
    ]
    assert not_shown(scan, library) == {}


def test_only_article_files_and_no_hidden_ones(library: Path) -> None:
    write(library, "shown.md", "# Shown\n")
    write(library, "LOUD.MD", "# Loud\n")
    write(library, "notes.pdf", b"%PDF-1.4\x00")
    write(library, "README", "not an article")
    write(library, ".hidden.md", "# Hidden\n")
    write(library, ".git/HEAD.md", "# In a hidden folder\n")
    write(library, "folder.md/inside.md", "# Inside a folder named like a file\n")

    scan = read_library(library)

    assert sorted(article.id for article in scan.articles) == ["LOUD", "folder.md/inside", "shown"]
    assert not_shown(scan, library) == {}


def test_newest_first_with_undated_last(library: Path) -> None:
    write(library, "old.md", "---\ndate: 2020-01-01\n---\n# Old\n")
    write(library, "new.txt", "New\n\nBy Ana\n14 November 2026\n\nBody.")
    write(library, "b-undated.md", "# Beta\n")
    write(library, "a-undated.md", "# Alpha\n")
    write(library, "aware.md", "---\ndate: 2025-06-01T12:00:00+02:00\n---\n# Aware\n")

    titles = [article.title for article in read_library(library).articles]

    assert titles == ["New", "Aware", "Old", "Alpha", "Beta"]


def test_same_id_from_two_files_is_reported_once(library: Path) -> None:
    write(library, "story.md", "# From Markdown\n")
    write(library, "story.txt", "From text\n")

    scan = read_library(library)

    assert [article.title for article in scan.articles] == ["From Markdown"]
    assert not_shown(scan, library) == {
        "story.txt": "same article id as story.md; rename one of them"
    }


def test_problems_count_files_not_shown_and_articles_shown_with_problems(library: Path) -> None:
    write(library, "fine.md", "# Fine\n")
    write(library, "bad-yaml.md", "---\ntitle: [\n---\nBody")
    write(library, "binary.md", b"\x00\x01\x02")

    scan = read_library(library)

    assert scan.ids == ["bad-yaml", "fine"]
    assert [(p.path.name, p.listed) for p in scan.problem_files] == [
        ("bad-yaml.md", True),
        ("binary.md", False),
    ]


def reasons_for_all(scan: ReadLibrary) -> list[tuple[Path, str]]:
    return [(problem.path, problem.reason) for problem in scan.problem_files]


def test_missing_library_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    scan = read_library(tmp_path / "nowhere")
    assert (scan.articles, reasons_for_all(scan)) == (
        [],
        [(tmp_path / "nowhere", "library folder not found")],
    )

    file = write(tmp_path, "file.md", "# x")
    assert reasons_for_all(read_library(file)) == [(file, "not a folder")]


# --- symlinks ---------------------------------------------------------------------------------


def test_symlink_outside_the_library_is_not_followed(tmp_path: Path, library: Path) -> None:
    outside = write(tmp_path, "secret/diary.md", "# Private diary\n")
    (library / "diary.md").symlink_to(outside)
    (library / "secrets").symlink_to(outside.parent, target_is_directory=True)

    scan = read_library(library)

    assert scan.articles == []
    assert not_shown(scan, library) == {
        "diary.md": "symlink leads outside the library",
        "secrets": "symlink leads outside the library",
    }


def test_symlink_loops_terminate(library: Path) -> None:
    write(library, "real/story.md", "# Story\n")
    (library / "real" / "again").symlink_to(library, target_is_directory=True)
    (library / "ring-a.md").symlink_to(library / "ring-b.md")
    (library / "ring-b.md").symlink_to(library / "ring-a.md")
    (library / "self.md").symlink_to(library / "self.md")
    (library / "gone.md").symlink_to(library / "never-there.md")

    scan = read_library(library)

    assert [article.id for article in scan.articles] == ["real/story"]
    assert not_shown(scan, library) == {
        "ring-a.md": "symlink loop",
        "ring-b.md": "symlink loop",
        "self.md": "symlink loop",
        "gone.md": "broken symlink: its target does not exist",
    }


def test_symlink_inside_the_library(library: Path) -> None:
    story = write(library, "2026/story.md", "# Story\n")
    hidden = write(library, ".drafts/draft.md", "# Draft\n")
    (library / "latest.md").symlink_to(story)  # would list the story twice
    (library / "draft.md").symlink_to(hidden)  # only reachable through the link
    (library / "also-2026").symlink_to(library / "2026", target_is_directory=True)

    scan = read_library(library)

    assert sorted(article.id for article in scan.articles) == ["2026/story", "draft"]
    assert not_shown(scan, library) == {}


# --- files that cannot be shown ------------------------------------------------------------------


def test_binary_file(library: Path) -> None:
    write(library, "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(library, "no-nul.txt", bytes(range(1, 32)) * 100)

    scan = read_library(library)

    assert scan.articles == []
    assert not_shown(scan, library) == {
        "image.md": "binary file, not text",
        "no-nul.txt": "binary file, not text",
    }


def test_folder_and_fifo_are_not_articles(library: Path) -> None:
    (library / "folder.md").mkdir()
    with pytest.raises(ArticleFileError, match="a folder, not a file"):
        load_article(library / "folder.md", library)
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    os.mkfifo(library / "pipe.md")

    scan = read_library(library)  # must not wait for a writer

    assert not_shown(scan, library) == {"pipe.md": "not a regular file"}


def test_file_vanishing_between_listing_and_reading(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(library, "stays.md", "# Stays\n")
    doomed = write(library, "doomed.md", "# Doomed\n")
    load = ArticleFolder.load

    def delete_then_load(folder: ArticleFolder, path: str) -> Article | str:
        doomed.unlink(missing_ok=True)
        return load(folder, path)

    monkeypatch.setattr(ArticleFolder, "load", delete_then_load)

    scan = read_library(library)

    assert [article.id for article in scan.articles] == ["stays"]
    assert not_shown(scan, library) == {"doomed.md": "vanished while reading"}


def test_reader_bug_costs_one_article_not_the_library(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(library, "a.md", "# A\n")
    write(library, "b.md", "# B\n")

    def broken(path: Path, root: Path) -> object:
        if path.name == "a.md":
            raise RuntimeError("bug")
        return load_article(path, root)

    monkeypatch.setattr(formats, "load_article", broken)

    scan = read_library(library)

    assert [article.id for article in scan.articles] == ["b"]
    assert not_shown(scan, library) == {"a.md": "could not be read (RuntimeError)"}


@pytest.fixture
def shared_library(shared_tmp: Path) -> Path:
    """A library another user can enter (conftest's shared_tmp)."""
    return shared_tmp


def scan_as_ordinary_user(root: Path, request: pytest.FixtureRequest) -> dict[str, str]:
    """Problems found by a walk run without root's power to read anything."""
    if os.geteuid() != 0:
        return not_shown(read_library(root), root)
    # As `nobody` (conftest's runner: from a copy when the checkout is out of its reach).
    runner, programs = request.getfixturevalue("nobody_programs")
    done = subprocess.run(
        runner.python_command(str(programs / "scan_problems.py"), str(root)),
        env=runner.env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd="/",
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, str] = json.loads(done.stdout)
    return {Path(path).relative_to(root).as_posix(): reason for path, reason in found.items()}


def test_unreadable_file_and_folder(shared_library: Path, request: pytest.FixtureRequest) -> None:
    write(shared_library, "open.md", "# Open\n").chmod(0o644)
    write(shared_library, "locked.md", "# Locked\n").chmod(0o000)
    write(shared_library, "closed/inside.md", "# Inside\n").chmod(0o644)
    (shared_library / "closed").chmod(0o000)

    assert scan_as_ordinary_user(shared_library, request) == {
        "closed": "permission denied",
        "locked.md": "permission denied",
    }


# --- decoding -------------------------------------------------------------------------------------


def test_invalid_utf8_is_shown_with_a_problem(library: Path) -> None:
    damaged = "# Café com leite\n\nA crème brûlée.".encode().replace(b"\xc3\xa8", b"\xe8")
    write(library, "damaged.md", damaged)

    scan = read_library(library)

    (article,) = scan.articles
    assert article.title == "Café com leite"
    assert article.body == "A cr\ufffdme brûlée."
    assert article.problems == ("not valid UTF-8: bytes replaced",)
    assert [problem.path.name for problem in scan.problem_files] == ["damaged.md"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "utf-32"])
def test_byte_order_marks_are_honoured(library: Path, encoding: str) -> None:
    text = "---\ntitle: Çà et là — 東京\n---\nCorpo do texto.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data

    write(library, "bom.md", data)
    article = load_article(library / "bom.md", library)

    assert (article.title, article.body, article.problems) == (
        "Çà et là — 東京",
        "Corpo do texto.",
        (),
    )


def test_utf16_without_bom_is_binary(library: Path) -> None:
    write(library, "raw16.txt", "Hello".encode("utf-16-le"))

    with pytest.raises(ArticleFileError, match="binary file, not text"):
        load_article(library / "raw16.txt", library)


def test_huge_file_is_read_only_up_to_the_cap(library: Path) -> None:
    path = library / "huge.txt"
    line = "Paragraph with a euro sign € in it.\n\n"  # multi-byte, so the cut splits one
    with path.open("wb") as file:
        file.write(b"Huge\n\n")
        file.write(line.encode() * (MAX_ARTICLE_BYTES // len(line.encode()) + 10))
        file.truncate(50 * 1024 * 1024)  # the rest is a sparse hole: only the size is real

    article = load_article(path, library)

    assert article.title == "Huge"
    cap_mb = MAX_ARTICLE_BYTES // (1024 * 1024)
    assert article.problems == (f"file is 50 MB; only the first {cap_mb} MB are shown",)
    assert len(article.body.encode()) < MAX_ARTICLE_BYTES + 1000


def test_date_from_text_file_survives_loading(library: Path) -> None:
    write(library, "dated.txt", "Title\r\nBy Ana Pires\r\n2026-11-14\r\n\r\nBody.\r\n")

    article = load_article(library / "dated.txt", library)

    assert (article.author, article.date) == ("Ana Pires", dt.datetime(2026, 11, 14))
