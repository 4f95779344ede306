"""Recovery files: the text of open comment forms when the queue could not take it at exit.

When the reader is told to stop (SIGTERM, SIGHUP: a closed terminal) or someone quits
anyway after the last save failed, nobody can be asked what to do. What the forms held is
written to a small JSON file instead: in the data dir when it can be written, else in the
temp dir (the data dir is often what failed: full disk, no permission). Mode 0600, created
exclusively, flushed to disk. The next launch brings each one back into the queue as a
draft through the queue's public API, and only then removes the file.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.draft_store import DraftKind
from newsreader.comments.queue import PendingQueue
from newsreader.comments.times import readable_minute

FORMAT_VERSION = 1
DATA_DIR_PREFIX = "recovery-"
TEMP_DIR_PREFIX = "newsreader-recovery-"
SUFFIX = ".json"


class RecoveryError(Exception):
    """The text could be written nowhere, or a recovery file cannot be read."""


@dataclass(frozen=True)
class FormText:
    """What one comment form held: its comment's id, new or edit, and the fields."""

    comment_id: str
    kind: DraftKind
    draft: CommentDraft


@dataclass(frozen=True)
class RecoveryFile:
    path: Path
    saved: str  # UTC, ISO 8601
    forms: tuple[FormText, ...]

    @property
    def saved_minute(self) -> str:
        return readable_minute(self.saved)


def _data_dir_key(data_dir: Path) -> str:
    return os.path.abspath(data_dir)


def _contents(data_dir: Path, forms: list[FormText], reason: str) -> bytes:
    document = {
        "format": FORMAT_VERSION,
        "data_dir": _data_dir_key(data_dir),
        "saved": datetime.now(UTC).isoformat(timespec="seconds"),
        "reason": reason,
        "forms": [
            {
                "comment_id": form.comment_id,
                "kind": form.kind,
                "article_id": form.draft.article_id,
                "article_title": form.draft.article_title,
                "name": form.draft.name,
                "email": form.draft.email,
                "body": form.draft.body,
            }
            for form in forms
        ],
    }
    # surrogatepass: text from undecodable input must still reach the file, not be lost.
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8", "surrogatepass")


def _write_new_file(path: Path, contents: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        os.write(descriptor, contents)  # a few KB: one write
        os.fsync(descriptor)
    except BaseException:
        os.close(descriptor)
        path.unlink(missing_ok=True)
        raise
    os.close(descriptor)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _stamp() -> str:
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S}Z-{os.getpid()}"


def write_recovery(data_dir: Path, forms: list[FormText], reason: str) -> Path:
    """Write the forms' text where it can go; the path, or RecoveryError naming why not."""
    contents = _contents(data_dir, forms, reason)
    problems: list[str] = []
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = data_dir / f"{DATA_DIR_PREFIX}{_stamp()}{SUFFIX}"
        _write_new_file(path, contents)
        return path
    except OSError as error:
        problems.append(f"{data_dir}: {error.strerror or error}")
    temp_dir = Path(tempfile.gettempdir())
    try:
        path = temp_dir / f"{TEMP_DIR_PREFIX}{os.getuid()}-{_stamp()}{SUFFIX}"
        _write_new_file(path, contents)
        return path
    except OSError as error:
        problems.append(f"{temp_dir}: {error.strerror or error}")
    raise RecoveryError("could not write a recovery file (" + "; ".join(problems) + ")")


def _candidates(data_dir: Path) -> list[Path]:
    found: list[Path] = []
    if data_dir.is_dir():
        found += sorted(data_dir.glob(f"{DATA_DIR_PREFIX}*{SUFFIX}"))
    temp_dir = Path(tempfile.gettempdir())
    for path in sorted(temp_dir.glob(f"{TEMP_DIR_PREFIX}{os.getuid()}-*{SUFFIX}")):
        # The temp dir is shared: only plain files of this user count, never a symlink.
        try:
            status = path.lstat()
        except OSError:
            continue
        if status.st_uid == os.getuid() and path.is_file() and not path.is_symlink():
            found.append(path)
    return found


def _text(fields: dict[str, Any], key: str) -> str:
    value = fields.get(key, "")
    if not isinstance(value, str):
        raise RecoveryError(f"{key} is not text")
    return value


def read_recovery(path: Path) -> tuple[str, RecoveryFile]:
    """The data dir a recovery file belongs to, and its contents; RecoveryError if damaged."""
    try:
        document = json.loads(path.read_bytes().decode("utf-8", "surrogatepass"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise RecoveryError(f"{path}: cannot be read ({error})") from error
    try:
        if not isinstance(document, dict) or document.get("format") != FORMAT_VERSION:
            raise RecoveryError("not a recovery file of this version")
        forms = []
        for entry in cast(list[dict[str, Any]], document["forms"]):
            kind = _text(entry, "kind")
            forms.append(
                FormText(
                    comment_id=_text(entry, "comment_id"),
                    kind="edit" if kind == "edit" else "new",
                    draft=CommentDraft(
                        *(
                            _text(entry, key)
                            for key in ("article_id", "article_title", "name", "email", "body")
                        )
                    ),
                )
            )
        return _text(document, "data_dir"), RecoveryFile(
            path, _text(document, "saved"), tuple(forms)
        )
    except (KeyError, TypeError, AttributeError, RecoveryError) as error:
        raise RecoveryError(f"{path}: not a usable recovery file ({error})") from error


def find_recoveries(data_dir: Path) -> tuple[list[RecoveryFile], list[str]]:
    """Recovery files left for this data dir, and one line for each that cannot be used."""
    files: list[RecoveryFile] = []
    problems: list[str] = []
    in_temp_dir = Path(tempfile.gettempdir())
    for path in _candidates(data_dir):
        try:
            owner, recovery = read_recovery(path)
        except RecoveryError as error:
            if path.parent != in_temp_dir:  # another program's file in /tmp is not ours
                problems.append(str(error))
            continue
        if path.parent == in_temp_dir and owner != _data_dir_key(data_dir):
            continue  # left for another data dir: offered when that one is used
        files.append(recovery)
    return files, problems


def restore(queue: PendingQueue, recovery: RecoveryFile) -> None:
    """Put each form's text back as a draft, then remove the file. Raises QueueError (the
    file is kept) when the queue cannot take it."""
    for form in recovery.forms:
        queue.save_draft(form.comment_id, form.draft, kind=form.kind)
    recovery.path.unlink(missing_ok=True)
