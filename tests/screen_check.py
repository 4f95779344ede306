"""What the app would write to the terminal for its current screen, and what in it is raw.

The screen is rendered exactly as Textual's screenshot does (the compositor's full update,
through a Rich console that believes it is a terminal), so the result is the byte stream a
terminal would receive. Rich and Textual legitimately emit only SGR (colours, `…m`) and
cursor moves (`…H`); anything else with an escape, and any other control character, came
from content and would act on the terminal.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.app import App

_OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;]*[mH]")
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def screen_output(app: App[Any]) -> str:
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
        safe_box=False,
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(update)
    output = str(console.file.getvalue())  # type: ignore[attr-defined]
    output.encode("utf-8")  # a lone surrogate here would crash the real terminal write
    return output


def raw_controls(output: str) -> list[str]:
    """Control characters left once the renderer's own sequences are taken out."""
    return _CONTROL.findall(_OWN_SEQUENCES.sub("", output))


def screen_text(app: App[Any]) -> str:
    """The screen's characters, without any escape sequences (for finding words)."""
    return _OWN_SEQUENCES.sub("", screen_output(app))


def stop_tmux_server(socket: str) -> None:
    """Kill a tmux server started with `-L socket`, and remove the socket file it leaves."""
    found = subprocess.run(
        ["tmux", "-L", socket, "display", "-p", "#{socket_path}"], capture_output=True, text=True
    )
    subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
    if found.returncode == 0 and found.stdout.strip():
        Path(found.stdout.strip()).unlink(missing_ok=True)
