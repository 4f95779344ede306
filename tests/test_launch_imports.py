"""What launch imports: the first screen needs neither the file readers nor markdown-it.

They cost ~35 ms of import before the list can show (make bench), so they are imported
when first used, in workers. This guards against a module-level import bringing them back.
"""

from __future__ import annotations

import subprocess
import sys

DEFERRED = (
    "markdown_it",
    "yaml",
    "newsreader.library.formats",
    "newsreader.render.blocks",
    "newsreader.ui.screens.comment",
    "newsreader.ui.screens.pending",
)


def test_launch_modules_leave_the_heavy_ones_for_later() -> None:
    code = (
        "import sys\n"
        "import newsreader.cli, newsreader.ui.app\n"
        f"print([name for name in {DEFERRED!r} if name in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
