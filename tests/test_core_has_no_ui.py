"""library/, comments/ and render/ must not depend on the UI (DESIGN.md)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tui" / "newsreader"
CORE = ("library", "comments", "render")
PROGRAMS = Path(__file__).resolve().parent / "programs"


def test_core_sources_do_not_import_textual() -> None:
    offenders = [
        str(path)
        for part in CORE
        for path in (PACKAGE / part).rglob("*.py")
        if re.search(r"^\s*(from|import)\s+textual", path.read_text(), re.MULTILINE)
    ]
    assert offenders == []


def test_importing_the_core_loads_no_textual() -> None:
    modules = sorted(
        "newsreader." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        for part in CORE
        for path in (PACKAGE / part).rglob("*.py")
        if path.name != "__init__.py"
    )
    assert len(modules) >= 5
    result = subprocess.run(
        [sys.executable, str(PROGRAMS / "loaded_modules.py"), *modules, "--", "textual"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == []
