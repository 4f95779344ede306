"""`newsreader show` and `newsreader list`, run as real processes on the saved-page corpus."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
PAGES = Path(__file__).parent / "saved_pages"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    for name in ("local-paper-cookies", "live-page", "wire-service"):
        shutil.copy(PAGES / f"{name}.txt", root)
    (root / "culture").mkdir()
    (root / "culture" / "odd.txt").write_text(
        "A title with [@click=app.quit] and \x1b[2J\n\nBy Ana Pires\n\n"
        "Body \x1b]0;pwned\x07 text.\n",
        encoding="utf-8",
    )
    return root


def newsreader(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [NEWSREADER, *args, "--articles", str(library)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_show_text_is_the_article_and_says_what_was_hidden(library: Path) -> None:
    result = newsreader(library, "show", "local-paper-cookies")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Harbour car park charges to double from April"
    assert lines[1].startswith("By Sarah Jones, Local Democracy Reporter · 28 March 2025, 07:15")
    assert "Hidden from the saved page: " in result.stdout
    assert "cookie banner" in result.stdout and "comment form" in result.stdout
    assert "Opposition councillors proposed keeping the first hour" in result.stdout
    body = result.stdout.split("───", 1)[1]
    for furniture in ("Accept all cookies", "Post comment", "moderator", "Subscribe"):
        assert furniture not in body
    assert "\x1b" not in result.stdout  # not a terminal: no styling


def test_show_json_has_every_field_and_the_hidden_parts_with_their_text(library: Path) -> None:
    result = newsreader(library, "show", "live-page", "--format", "json")

    assert result.returncode == 0, result.stderr
    fields = json.loads(result.stdout)
    assert fields["title"].startswith("Storm Hollis")
    assert (fields["author"], fields["role"]) == ("Mira Okafor", "Editor")
    assert fields["date_approximate"] is True
    assert "- Holyrood Academy" in fields["body"]
    assert {part["kind"] for part in fields["hidden"]} >= {"share line", "page footer"}
    assert any("Copyright 2025 Northwind" in part["text"] for part in fields["hidden"])
    for key in ("updated", "summary", "captions", "credit", "tags", "url"):
        assert key in fields


def test_show_markdown_is_the_body_under_an_escaped_title(library: Path) -> None:
    result = newsreader(library, "show", "wire-service", "--format", "markdown")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Portugal's cork exporters brace for second poor harvest\n")
    assert "> *A worker strips bark" in result.stdout
    credit = "*(Reporting by Tom Hale and Rui Lopes; Editing by Mira Okafor)*"
    assert result.stdout.rstrip().endswith(credit)


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_show_never_prints_markup_or_escapes_from_the_file(
    library: Path, output_format: str
) -> None:
    result = newsreader(library, "show", "culture/odd", "--format", output_format)

    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "[@click=app.quit]" in result.stdout or "\\[@click=app.quit\\]" in result.stdout


def test_show_unknown_id_is_one_line_and_exit_2(library: Path) -> None:
    result = newsreader(library, "show", "no/such-article")

    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "no article with id 'no/such-article'" in result.stderr


def test_list_gives_the_ids_that_show_and_comment_take(library: Path) -> None:
    result = newsreader(library, "list")

    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["id", "date", "title", "source"]
    assert all(len(row) == 4 for row in rows)
    by_id = {row[0]: row for row in rows[1:]}
    assert set(by_id) == {"local-paper-cookies", "live-page", "wire-service", "culture/odd"}
    assert by_id["local-paper-cookies"][1:] == [
        "2025-03-28",
        "Harbour car park charges to double from April",
        "Sarah Jones",
    ]
    assert "\x1b" not in result.stdout
    for article_id in by_id:
        assert newsreader(library, "show", article_id).returncode == 0


def test_list_json(library: Path) -> None:
    # An undated page is placed by its file's time: saved in 2001, it comes last.
    os.utime(library / "culture" / "odd.txt", (1e9, 1e9))
    result = newsreader(library, "list", "--format", "json")

    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows][-1] == "culture/odd"
    assert set(rows[0]) == {"id", "date", "title", "source"}
