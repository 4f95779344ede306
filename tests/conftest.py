"""Shared fixtures: every test runs against temporary article and data dirs."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from unprivileged import Unprivileged, find_unprivileged


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
    # pytest-xdist's workers set COLUMNS=80 and LINES=24; a reader started in tmux would
    # take those over the size of its real terminal.
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """An empty library folder."""
    root = tmp_path / "library"
    root.mkdir()
    return root


@pytest.fixture(scope="session")
def unprivileged() -> Iterator[Unprivileged]:
    """Runs Python and newsreader as `nobody`, from a copy when the checkout is out of its
    reach; skips (saying why) when root cannot be dropped."""
    with tempfile.TemporaryDirectory(prefix="newsreader-nobody-") as folder:
        Path(folder).chmod(0o755)
        found = find_unprivileged(Path(folder) / "copy")
        if isinstance(found, str):
            pytest.skip(found)
        yield found
