"""What launch imports: the first screen needs neither the file readers nor markdown-it.

They cost ~35 ms of import before the list can show (make bench), so they are imported
when first used, in workers. This guards against a module-level import bringing them back.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROGRAMS = Path(__file__).resolve().parent / "programs"
DEFERRED = (
    "markdown_it",
    "yaml",
    "newsreader.library.formats",
    "newsreader.render.blocks",
    "newsreader.ui.screens.comment",
    "newsreader.ui.screens.pending",
)


def test_launch_modules_leave_the_heavy_ones_for_later() -> None:
    program = str(PROGRAMS / "loaded_modules.py")
    result = subprocess.run(
        [sys.executable, program, "newsreader.cli", "newsreader.ui.app", "--", *DEFERRED],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == []
