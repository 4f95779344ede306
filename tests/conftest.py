"""Shared fixtures: every test runs against temporary article and data dirs."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from library_samples import write_library
from newsreader.comments.queue import PendingQueue
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


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """The three sample articles (tests/library_samples.py)."""
    return write_library(tmp_path / "articles")


@pytest.fixture
def queue(data_dir: Path) -> PendingQueue:
    return PendingQueue.open(data_dir)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder another user can enter (pytest's own are private to root).

    Whatever a test locked inside is opened up again so that it can be removed.
    """
    with tempfile.TemporaryDirectory(prefix="newsreader-shared-") as folder:
        root = Path(folder)
        root.chmod(0o755)
        yield root
        for folder, subfolders, files in os.walk(root):  # top down: opened before entered
            for name in [*subfolders, *files]:
                if not os.path.islink(os.path.join(folder, name)):
                    os.chmod(os.path.join(folder, name), 0o755)


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


@pytest.fixture(scope="session")
def nobody_programs(unprivileged: Unprivileged) -> Iterator[tuple[Unprivileged, Path]]:
    """A runner for the helper programs in tests/programs as `nobody`, and their folder
    (copied, with the test modules they import, where `nobody` can read them)."""
    with tempfile.TemporaryDirectory(prefix="newsreader-programs-") as folder:
        Path(folder).chmod(0o755)
        yield unprivileged.with_tests(Path(folder))


def pytest_configure(config: pytest.Config) -> None:
    """Shorten the pilot's idle check: each key press and pause sleeps in steps of this size
    until the app's CPU time stops moving, and Textual's 20 ms step was a third of the
    suite's time. The test is the same (under 5% of a step spent working), only finer."""
    import textual._wait

    textual._wait.SLEEP_GRANULARITY = 1 / 200
    textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20
