"""`newsreader save FILE.html` on pages in the shapes real generators write (tests/web_pages/):
a book chapter with a hidden help dialog, a reference page in windows-1252 with "¶"
permalinks, an API page with a button in its h1, a news story with og:title and JSON-LD.

Each page is original writing; the shapes are those of mdbook, Sphinx, rustdoc and a news
site, which gave wrong titles ("Keyboard shortcuts"), invented dates and dead links before.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from newsreader.cli import main
from newsreader.render.links import article_links

PAGES = Path(__file__).parent / "web_pages"


def saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], page: str
) -> tuple[dict[str, Any], str]:
    """Save one page; its front matter and body as written."""
    library = tmp_path / "library"
    library.mkdir(exist_ok=True)
    assert main(["--articles", str(library), "save", str(PAGES / page)]) == 0
    article_id = capsys.readouterr().out.strip()
    text = (library / f"{article_id}.md").read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def test_a_book_chapter_is_titled_by_its_page_not_its_help_dialog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    front, body = saved(tmp_path, capsys, "book-chapter.html")
    assert front["title"] == "Reading the Tide Tables"
    assert "date" not in front  # a build date and a copyright year are not the article's
    assert "Keyboard shortcuts" not in body
    assert "A tide table lists, for every day of the year" in body
    # Relative links stay links (Markdown takes no `file:` one) and lead, through the
    # article's url, where they led from the saved file: what `l` lists.
    folder = PAGES.resolve()
    assert front["url"] == (folder / "book-chapter.html").as_uri()
    assert "](appendix/glossary.html#chart-datum)" in body
    targets = [link.target for link in article_links(body, front["url"])]
    assert f"{(folder / 'appendix/glossary.html').as_uri()}#chart-datum" in targets
    assert (folder.parent / "glossary/index.html").as_uri() in targets
    assert "https://tides.example.org/" in targets
    assert "](https://tides.example.org/)" in body


def test_a_reference_page_keeps_its_charset_and_loses_its_permalinks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    front, body = saved(tmp_path, capsys, "reference-page.html")
    assert front["title"] == "Mooring fees"
    assert "by the café pay by the night" in " ".join(body.split())
    assert "¶" not in body and "¶" not in front["title"]
    # The date the page states ("Last updated on 3 Feb 2021"), not its copyright year.
    assert dt.datetime.fromisoformat(front["date"]).date() == dt.date(2021, 2, 3)
    # The page names its own address: links are made whole against it.
    assert front["url"] == "https://docs.example.org/guide/mooring.html"
    assert "](https://docs.example.org/guide/fees/rates.html)" in body


def test_an_api_page_is_titled_without_its_buttons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    front, body = saved(tmp_path, capsys, "api-page.html")
    assert front["title"] == "Tide in harbour::tides"
    assert "Copy item path" not in body and "§" not in body
    assert "The rise and fall of the sea at one place" in body
    targets = [link.target for link in article_links(body, front["url"])]
    assert (PAGES.resolve() / "struct.Turn.html").as_uri() in targets


def test_a_news_story_takes_its_headline_and_stated_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    front, body = saved(tmp_path, capsys, "news-story.html")
    assert front["title"] == "Lifeboat crew rescue two walkers cut off by the tide"
    assert front["author"] == "Tomasz Reyes"
    assert front["source"] == "The Coastline Courier"
    assert dt.datetime.fromisoformat(front["date"]).date() == dt.date(2026, 10, 2)
    assert "Subscribe" not in body and "Share this story" not in body


def test_a_file_that_is_not_a_page_is_refused_with_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "library"
    library.mkdir()
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert main(["--articles", str(library), "save", str(empty)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "empty.html" in error
    assert list(library.iterdir()) == []


def test_a_missing_file_is_named_as_unreadable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "library"
    library.mkdir()
    assert main(["--articles", str(library), "save", str(tmp_path / "gone.html")]) == 1
    assert "could not read" in capsys.readouterr().err
