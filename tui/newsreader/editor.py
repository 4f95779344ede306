"""Edit a piece of text in the person's own editor ($VISUAL, $EDITOR or the config's).

The text goes to a private temporary file (0600) in the data dir, never /tmp, because it is
someone's unsent words; the file is removed afterwards whatever happens. An editor that cannot
start, fails or exits non-zero leaves the text as it was.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EditorOutcome:
    text: str
    changed: bool
    # Why the text was left as it was, worded for a notice; None when the editor succeeded.
    problem: str | None = None


def editor_command(configured: str, environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The configured command, else $VISUAL, else $EDITOR, split as a shell would."""
    environ = os.environ if environ is None else environ
    for candidate in (configured, environ.get("VISUAL", ""), environ.get("EDITOR", "")):
        if candidate.strip():
            try:
                words = shlex.split(candidate)
            except ValueError:
                continue
            if words:
                return words
    return None


def run_editor(command: list[str], path: Path) -> str | None:
    """Run the editor on a file, waiting for it; the reason it failed, or None."""
    try:
        finished = subprocess.run([*command, str(path)], check=False)
    except FileNotFoundError:
        return f"the editor {command[0]!r} was not found"
    except OSError as error:
        return f"the editor {command[0]!r} could not start ({error.strerror})"
    if finished.returncode != 0:
        return f"the editor exited with status {finished.returncode}"
    return None


def edit_text(text: str, command: list[str] | None, folder: Path) -> EditorOutcome:
    if command is None:
        return EditorOutcome(text, False, "no editor: set $EDITOR or reader.editor")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, name = tempfile.mkstemp(prefix="comment-", suffix=".txt", dir=folder)
    except OSError as error:
        return EditorOutcome(text, False, f"no room for the editor's file ({error.strerror})")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        problem = run_editor(command, path)
        if problem is not None:
            return EditorOutcome(text, False, problem)
        try:
            edited = path.read_bytes().decode("utf-8", errors="replace")
        except OSError as error:
            return EditorOutcome(text, False, f"the edited file could not be read ({error})")
        # Editors end the file with a newline the person did not type.
        if edited.endswith("\n") and not text.endswith("\n"):
            edited = edited[:-1]
        return EditorOutcome(edited, edited != text)
    finally:
        path.unlink(missing_ok=True)
