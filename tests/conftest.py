"""Shared fixtures: every test runs against temporary article and data dirs."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test away from the real user's data, cache and library."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("NEWSREADER_ARTICLES", raising=False)
    monkeypatch.delenv("NEWSREADER_DATA_DIR", raising=False)
    for variable in ("NEWSREADER_CONFIG", "VISUAL", "EDITOR"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """An empty library folder."""
    root = tmp_path / "library"
    root.mkdir()
    return root
