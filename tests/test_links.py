"""`o` opens the article's url, `l` lists its links: with a $BROWSER that records what it
was given, with no browser at all, and with links an article should not be able to open."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from textual.widgets import OptionList

from newsreader.render.links import article_links
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.links import LinksScreen
from ui_helpers import settle, wait_until

SIZE = (120, 34)
ARTICLE = """---
title: Links everywhere
date: 2026-11-20
url: https://news.example.org/town/links.html
---
See [the council's page](https://council.example.org/minutes) and
[the map](maps/harbour.png), [an old archive](ftp://files.example.org/a),
[again](https://council.example.org/minutes), [a local file](file:///etc/passwd) and
[a trick](javascript:alert(1)).
"""


def test_links_are_listed_once_made_whole_and_judged() -> None:
    links = article_links(ARTICLE.split("---\n", 2)[2], "https://news.example.org/town/links.html")
    assert [(link.text, link.target, link.openable) for link in links] == [
        ("the council's page", "https://council.example.org/minutes", True),
        ("the map", "https://news.example.org/town/maps/harbour.png", True),
        ("an old archive", "ftp://files.example.org/a", False),
    ]  # file: and javascript: are no links at all to the parser: shown as text


def test_link_text_with_controls_is_one_safe_line() -> None:
    [link] = article_links("[red \x1b[31m text\nhere](https://example.org/)")
    assert "\x1b" not in link.text and "\n" not in link.text


@pytest.fixture
def recording_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    opened = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{opened}"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("BROWSER", str(script))
    import webbrowser

    monkeypatch.setattr(webbrowser, "_tryorder", None)  # read $BROWSER again
    return opened


def one_article(tmp_path: Path) -> NewsReaderApp:
    root = tmp_path / "articles"
    root.mkdir()
    (root / "links.md").write_text(ARTICLE, encoding="utf-8")
    return NewsReaderApp(root, tmp_path / "data", read_after_seconds=3600)


async def test_o_and_l_open_links_in_the_browser(tmp_path: Path, recording_browser: Path) -> None:
    app = one_article(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await wait_until(pilot, recording_browser.exists, "the browser was started")
        assert recording_browser.read_text() == "https://news.example.org/town/links.html\n"
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LinksScreen)
        assert app.screen.query_one(OptionList).option_count == 3
        await pilot.press("j", "enter")  # the map, made whole against the article's url
        await settle(pilot)
        lines = recording_browser.read_text().splitlines()
        assert lines[-1] == "https://news.example.org/town/maps/harbour.png"
        await pilot.press("j", "enter")  # ftp: is listed, never opened
        await settle(pilot)
        assert recording_browser.read_text().splitlines() == lines
        assert any("Not opened" in n.message for n in app._notifications)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, LinksScreen)


async def test_with_no_browser_the_url_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.setattr(webbrowser, "_tryorder", [])
    monkeypatch.setattr(webbrowser, "_browsers", {})
    monkeypatch.setattr(webbrowser, "register_standard_browsers", lambda: None)
    monkeypatch.setitem(os.environ, "PATH", str(tmp_path))  # nothing to find on it
    app = one_article(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any(
            "No browser found" in m and "https://news.example.org/town/links.html" in m
            for m in said
        )
