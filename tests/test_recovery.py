"""Recovery files: where the text of open forms goes when the queue cannot take it at exit,
and how the next launch gets it back into the queue."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path

import pytest

from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue
from newsreader.comments.recovery import (
    FormText,
    RecoveryError,
    find_recoveries,
    restore,
    write_recovery,
)

HARBOUR = ("harbour-wall", "Harbour wall repairs finish early")
FORM = FormText(
    "4b5c1c62-0000-4000-8000-000000000001",
    "new",
    CommentDraft(*HARBOUR, "Ana", "", "Keep me\n[b]x[/b] \u202e é"),
)


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temp dir of this test's own, so files left by others are not seen."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_written_to_the_data_dir_0600_and_offered_back(temp_dir: Path, data_dir: Path) -> None:
    path = write_recovery(data_dir, [FORM], "SIGTERM")
    assert path.parent == data_dir
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    [found], problems = find_recoveries(data_dir)
    assert problems == []
    assert found.path == path and found.forms == (FORM,)
    queue = PendingQueue.open(data_dir)
    restore(queue, found)
    assert not path.exists()
    [draft] = queue.drafts()
    assert (draft.comment_id, draft.name, draft.body) == (FORM.comment_id, "Ana", FORM.draft.body)
    assert find_recoveries(data_dir) == ([], [])


def test_the_temp_dir_when_the_data_dir_cannot_be_written(temp_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    data_dir = blocker / "data"  # mkdir fails for real: ENOTDIR
    path = write_recovery(data_dir, [FORM], "quit anyway")
    assert path.parent == temp_dir
    assert path.name.startswith(f"newsreader-recovery-{os.getuid()}-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    [found], _ = find_recoveries(data_dir)
    assert found.forms == (FORM,)
    # Another data dir's file in the shared temp dir is not offered here.
    assert find_recoveries(tmp_path / "other-data") == ([], [])


def test_nowhere_to_write_is_said(temp_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    temp_dir.rmdir()
    temp_dir.write_text("")  # the temp dir is now a file as well
    with pytest.raises(RecoveryError, match="could not write a recovery file"):
        write_recovery(blocker / "data", [FORM], "SIGHUP")


def test_a_damaged_recovery_file_is_reported_and_kept(temp_dir: Path, data_dir: Path) -> None:
    data_dir.mkdir()
    broken = data_dir / "recovery-20261203T000000Z-1.json"
    broken.write_text('{"format": 1, "forms": [{"body": 3}]')
    good = write_recovery(data_dir, [FORM], "SIGTERM")
    found, problems = find_recoveries(data_dir)
    assert [recovery.path for recovery in found] == [good]
    assert len(problems) == 1 and str(broken) in problems[0]
    assert broken.exists()
    # A file in the temp dir that is not ours to read is skipped without a word.
    (temp_dir / f"newsreader-recovery-{os.getuid()}-x.json").write_text("[]")
    assert len(find_recoveries(data_dir)[1]) == 1


def test_text_that_utf8_cannot_hold_still_reaches_the_file(temp_dir: Path, data_dir: Path) -> None:
    odd = FormText(FORM.comment_id, "edit", CommentDraft(*HARBOUR, "Ana", "", "a\udce9b"))
    path = write_recovery(data_dir, [odd], "SIGHUP")
    assert (
        json.loads(path.read_bytes().decode("utf-8", "surrogatepass"))["forms"][0]["kind"] == "edit"
    )
    [found], _ = find_recoveries(data_dir)
    assert found.forms[0].draft.body == "a\udce9b"
