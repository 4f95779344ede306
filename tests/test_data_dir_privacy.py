"""Private means private (issue 8, item 6): the data dir 0700 however it was chosen, every
file in it 0600, the index cache too, and anything more open tightened and said once."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from newsreader.comments.queue import PendingQueue
from newsreader.library.read_marks import ReadMarks
from queue_helpers import draft
from test_queue_adversary import run


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_data_dir_given_by_flag_or_environment_is_private(tmp_path: Path) -> None:
    from library_samples import write_library

    articles = str(write_library(tmp_path / "articles"))
    writing = ("comment", "harbour-wall", "--name", "A", "--text", "x", "--articles", articles)
    by_flag = tmp_path / "by-flag"
    assert run(*writing, "--data-dir", str(by_flag)).returncode == 0
    assert mode(by_flag) == 0o700
    by_env = tmp_path / "by-env"
    env = {**os.environ, "NEWSREADER_DATA_DIR": str(by_env)}
    assert run(*writing, env=env).returncode == 0
    assert mode(by_env) == 0o700
    assert mode(by_env / "queue.sqlite3") == 0o600


async def test_the_reader_makes_its_data_dir_private_before_the_cache(
    tmp_path: Path,
) -> None:
    from library_samples import write_library
    from ui_helpers import make_app, settle

    articles = write_library(tmp_path / "articles")
    data_dir = tmp_path / "data"
    app = make_app(articles, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
    assert (data_dir / "cache").is_dir()
    assert mode(data_dir) == 0o700
    for file in data_dir.iterdir():
        if file.is_file():
            assert mode(file) == 0o600, file.name


def test_read_marks_are_private(data_dir: Path) -> None:
    marks = ReadMarks(data_dir)
    marks.mark(["a/b"], read=True)
    assert mode(marks.path) == 0o600
    assert mode(data_dir) == 0o700


def test_the_library_index_in_the_cache_is_private_too(data_dir: Path, articles: Path) -> None:
    from newsreader.library.index import LibraryIndex
    from newsreader.library.index_sync import sync_index
    from newsreader.library.sources import Library

    library = Library.of_folder(articles)
    usual = os.umask(0o022)  # what most shells have: new files 0644 unless asked
    try:
        for _made_then_rebuilt in range(2):
            index = LibraryIndex.open(data_dir / "cache", library)
            sync_index(index, library)
            index.start_afresh()
    finally:
        os.umask(usual)
    files = sorted((data_dir / "cache").rglob("*"))
    assert files and all(mode(path) == (0o700 if path.is_dir() else 0o600) for path in files)


def test_a_more_open_dir_and_files_are_tightened_and_said_once(data_dir: Path) -> None:
    PendingQueue.open(data_dir).add(draft())
    ReadMarks(data_dir).mark(["a"], read=True)
    data_dir.chmod(0o755)
    (data_dir / "queue.sqlite3").chmod(0o644)
    (data_dir / "read-marks.sqlite3").chmod(0o666)
    first = run("queue", "list", "--data-dir", str(data_dir))
    assert first.returncode == 0, first.stderr
    assert "0755" in first.stderr and "0700" in first.stderr
    assert "queue.sqlite3" in first.stderr and "read-marks.sqlite3" in first.stderr
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "queue.sqlite3") == 0o600
    assert mode(data_dir / "read-marks.sqlite3") == 0o600
    second = run("queue", "list", "--data-dir", str(data_dir))
    assert second.returncode == 0
    assert second.stderr == ""
