"""What a person set up once: keys from `[keymap]`, themes from `[themes.NAME]`, and the
theme last chosen in the command palette (kept in the data dir for the next launch).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from newsreader.safe_text import one_line, without_controls
from newsreader.ui.context import CommentDefaults

# The palette's last choice, one theme name; used when no flag, variable or file sets one.
LAST_THEME_FILE = "last_theme"
_LONGEST_THEME_NAME = 100


@dataclass(frozen=True)
class PersonalSetup:
    keymap: Mapping[str, str] = field(default_factory=dict)
    themes: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    # Chosen in the palette last time: used when no flag, variable or file names a theme.
    last_theme: str | None = None
    comment_defaults: CommentDefaults = field(default_factory=CommentDefaults)
    editor: str = ""  # reader.editor
    list_sort: str = "date"  # list.sort
    show_read: bool = True  # list.show_read
    refresh_minutes: int = 0  # feeds.refresh_minutes; 0: only R fetches
    list_columns: tuple[str, ...] = ("date", "source")  # list.columns


if TYPE_CHECKING:
    from newsreader.config.load import Config


def setup_from_config(config: Config | None, data_dir: Path) -> PersonalSetup:
    last_theme = saved_theme(data_dir)
    if config is None:  # the config could not be read at all: defaults
        return PersonalSetup(last_theme=last_theme, comment_defaults=CommentDefaults(remember=True))
    return PersonalSetup(
        config.keymap,
        config.themes,
        last_theme=last_theme,
        comment_defaults=CommentDefaults(
            # Control characters go, as they would from a field typed into.
            without_controls(config.text("comments.name"), one_line_field=True)[0],
            without_controls(config.text("comments.email"), one_line_field=True)[0],
            config["comments.remember"] is True,
        ),
        editor=config.text("reader.editor"),
        list_sort=config.text("list.sort"),
        show_read=config["list.show_read"] is not False,
        refresh_minutes=_whole(config["feeds.refresh_minutes"]),
        list_columns=_names(config["list.columns"]),
    )


def _names(value: object) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(str(item) for item in value)
    return ("date", "source")


def _whole(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def saved_theme(data_dir: Path) -> str | None:
    """The theme chosen in the palette last time (None: none, or unreadable)."""
    try:
        with open(data_dir / LAST_THEME_FILE, encoding="utf-8", errors="replace") as file:
            name = file.read(_LONGEST_THEME_NAME + 1).strip()
    except OSError:
        return None
    return name if name and len(name) <= _LONGEST_THEME_NAME and name.isprintable() else None


def save_theme(data_dir: Path, name: str) -> None:
    """Kept for the next launch; a data dir that cannot take it only loses the choice."""
    path = data_dir / LAST_THEME_FILE
    temporary = path.with_name(f".{LAST_THEME_FILE}.{os.getpid()}")
    with contextlib.suppress(OSError):
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(name + "\n")
        os.replace(temporary, path)


def apply_setup(app: App[Any], setup: PersonalSetup) -> tuple[dict[str, str], list[str]]:
    """Register the config's themes and put its keymap in force; returns the keymap in
    force and a line for each part that could not be used."""
    problems: list[str] = []
    if setup.themes:
        from newsreader.ui.config_themes import themes_from_config

        themes, theme_problems = themes_from_config(setup.themes)
        problems += theme_problems
        for theme in themes:
            app.register_theme(theme)
    keymap: dict[str, str] = {}
    if setup.keymap:
        # Only with a keymap: this imports every screen.
        from newsreader.ui.binding_sections import SHARED_FOCUS, sections
        from newsreader.ui.keymap_check import check_keymap

        keymap, keymap_problems = check_keymap(setup.keymap, sections(), SHARED_FOCUS)
        problems += keymap_problems
        app.set_keymap(keymap)
    return keymap, [f"Config: {one_line(problem)}" for problem in problems]


def use_theme(app: App[Any], asked: str | None, last: str | None) -> str | None:
    """Put the theme of this launch on: the one asked for (flag, file), else the palette's
    last choice. Returns what to tell the person when the one asked for does not exist."""
    if not asked and last in app.available_themes:
        app.theme = last
        return None
    if not asked or asked == app.theme:
        return None
    if asked in app.available_themes:
        app.theme = asked  # before the first frame: no flash of the default
        return None
    return (
        f"No theme named “{one_line(asked)}” (reader.theme or --theme); using "
        f"{app.theme}. The command palette (ctrl+p, “theme”) lists those there are."
    )


def keep_theme_choices(app: App[Any], data_dir: Path) -> None:
    """From now on, a theme chosen (the palette) is kept for the next launch."""
    app.theme_changed_signal.subscribe(app, lambda theme: save_theme(data_dir, theme.name))
