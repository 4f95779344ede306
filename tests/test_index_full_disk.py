"""A full disk under the index, for real: a small tmpfs in a private mount namespace.

The index is a cache, so a full disk must cost neither the list nor the articles: what was
committed stays readable, and when nothing was, the index moves to memory for the session.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TUI_DIR = Path(__file__).resolve().parent.parent / "tui"
PROGRAMS = Path(__file__).resolve().parent / "programs"

SCRIPT = PROGRAMS / "index_on_a_full_disk.py"


def _write_library(root: Path, count: int) -> Path:
    words = " ".join(f"word{number}" for number in range(200))  # ~2 KB of distinct words
    for number in range(count):
        path = root / f"story-{number:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Story {number}\n\n{words} unique{number}\n", encoding="utf-8")
    return root


def test_a_full_cache_disk_keeps_the_list(tmp_path: Path) -> None:
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        pytest.skip("unshare or mount is not installed")
    library = _write_library(tmp_path / "library", 150)
    small_cache, app_cache = tmp_path / "small-cache", tmp_path / "app-cache"
    small_cache.mkdir()
    app_cache.mkdir()
    command = (
        f"mount -t tmpfs -o size=320k tmpfs {small_cache} && "
        # Too small for even the first batch: the app has nothing committed to show.
        f"mount -t tmpfs -o size=160k tmpfs {app_cache} && "
        f'exec "$0" "$1" {library} {small_cache} {app_cache} {tmp_path / "data"}'
    )
    done = subprocess.run(
        ["unshare", "--mount", "sh", "-c", command, sys.executable, str(SCRIPT)],
        env={"PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "PYTHONPATH": str(TUI_DIR), "HOME": "/"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    refused = done.stderr.lstrip().startswith(("unshare:", "mount:"))
    if done.returncode != 0 and refused and not done.stdout:
        pytest.skip(f"a tmpfs could not be mounted here: {done.stderr.strip()[-300:]}")
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])

    assert found["error"] == 13  # SQLITE_FULL
    assert found["damage"] is False
    assert 0 < found["readable_after"] < 150  # what was committed is there, and only that
    assert found["rows"] == 150  # the app moved the index to memory and showed everything
    assert found["location"] == "memory"
    assert any("kept in memory" in message for message in found["messages"])
