"""The subscriptions file's care, and that feeds/ stays free of the UI."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from newsreader.feeds import feeds_folder
from newsreader.feeds.entry_files import entry_file_name, safe_stem
from newsreader.feeds.store import SubscriptionStore

PACKAGE = Path(__file__).resolve().parents[1] / "tui" / "newsreader" / "feeds"
LOADED_MODULES = Path(__file__).resolve().parent / "programs" / "loaded_modules.py"


def test_the_store_is_wal_and_private(data_dir: Path) -> None:
    SubscriptionStore(data_dir).add("desk", "https://example.org/feed.xml")
    path = data_dir / "feeds.sqlite3"
    assert path.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_file_names_from_titles_are_safe() -> None:
    for title in ("../../etc/passwd", "a/b\\c", "\x1b[2Jtitle\x00", "." * 300, "", "x" * 500):
        name = entry_file_name(title, "key")
        assert "/" not in name and "\\" not in name and not name.startswith(".")
        assert ".." not in name.removesuffix(".md")
        assert all(ord(char) >= 0x20 for char in name) and len(name) <= 80
    assert safe_stem("Kestleigh Courier") == "kestleigh-courier"
    assert entry_file_name("Same title", "a") != entry_file_name("Same title", "b")


def test_the_feeds_folder_is_in_the_data_dir(data_dir: Path) -> None:
    assert feeds_folder(data_dir) == data_dir / "feeds"


def test_feeds_never_imports_textual() -> None:
    sources = list(PACKAGE.rglob("*.py"))
    assert len(sources) >= 8
    assert not [
        p for p in sources if re.search(r"^\s*(from|import)\s+textual", p.read_text(), re.M)
    ]
    modules = sorted(f"newsreader.feeds.{p.stem}" for p in sources if p.name != "__init__.py")
    result = subprocess.run(
        [sys.executable, str(LOADED_MODULES), *modules, "--", "textual"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == []
