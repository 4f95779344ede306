"""What a person set up once: keys from `[keymap]`, themes from `[themes.NAME]`, and the
theme last chosen in the command palette (kept in the data dir for the next launch).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.app import App
from textual.theme import Theme

from newsreader.config.load import Config, ConfigProblem, KeyedProblem, where_in
from newsreader.safe_text import one_line, without_controls
from newsreader.ui.context import CommentDefaults
from newsreader.wording import count_of

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
    # Where the file is and which line sets which key, to name a problem's line; and the
    # lines for what was wrong in the file itself (a wrong type, an unknown key).
    config_path: Path | None = None
    config_lines: Mapping[tuple[str, ...], int] = field(default_factory=dict)
    config_problems: tuple[str, ...] = ()


def setup_from_config(config: Config | None, data_dir: Path | None) -> PersonalSetup:
    """The reader's setup from the config; `data_dir` None: without the palette's last theme
    (what `config show` checks)."""
    last_theme = saved_theme(data_dir) if data_dir is not None else None
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
        config_path=config.path,
        config_lines=config.lines,
        config_problems=tuple(problem.line() for problem in config.problems),
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


def check_setup(setup: PersonalSetup) -> tuple[dict[str, str], list[Theme], list[str]]:
    """The keymap and themes that can be used, and a line for each problem found in using
    them (`config.toml:12: keymap.main.comment: …`)."""
    keyed: list[KeyedProblem] = []
    themes: list[Theme] = []
    if setup.themes:
        from newsreader.ui.config_themes import themes_from_config

        themes, theme_problems = themes_from_config(setup.themes)
        keyed += theme_problems
    keymap: dict[str, str] = {}
    if setup.keymap:
        # Only with a keymap: this imports every screen.
        from newsreader.ui.binding_sections import SHARED_FOCUS, sections
        from newsreader.ui.keymap_check import check_keymap

        keymap, keymap_problems = check_keymap(setup.keymap, sections(), SHARED_FOCUS)
        keyed += keymap_problems
    return keymap, themes, _problem_lines(setup, keyed)


def email_setting_problems(setup: PersonalSetup) -> list[str]:
    """`[comments] email` checked as a comment's email is. Not at launch: email-validator
    takes ~25 ms to import, so the reader asks after its first frame."""
    email = setup.comment_defaults.email
    if not email:
        return []
    from newsreader.comments.comment_rules import email_problem

    if not (reason := email_problem(email)):
        return []
    keyed: list[KeyedProblem] = [
        (("comments", "email"), f"{reason} The form starts with it all the same.")
    ]
    return _problem_lines(setup, keyed)


def _problem_lines(setup: PersonalSetup, keyed: list[KeyedProblem]) -> list[str]:
    path = setup.config_path or Path("config")
    return [
        ConfigProblem(where_in(path, setup.config_lines, *key), reason, ".".join(key)).line()
        for key, reason in keyed
    ]


def apply_setup(app: App[Any], setup: PersonalSetup) -> tuple[dict[str, str], list[str]]:
    """Register the config's themes and put its keymap in force; returns the keymap in
    force and a line for each part of the file that could not be used (the file's own
    problems, a wrong type or an unknown key, first)."""
    keymap, themes, problems = check_setup(setup)
    for theme in themes:
        app.register_theme(theme)
    if setup.keymap:
        app.set_keymap(keymap)
    return keymap, [*setup.config_problems, *problems]


def config_notices(problems: list[str]) -> tuple[str, str]:
    """What the screen says of the file's problems: a toast with the first few lines, and
    a short status note. Each line goes to stderr at exit as well."""
    shown = problems[:4]
    more = len(problems) - len(shown)
    toast = "\n".join(
        [
            f"The config file has {count_of(len(problems), 'problem')}; defaults are used there:",
            *shown,
            *([f"… and {more} more"] if more else []),
        ]
    )
    note = f"Config: {count_of(len(problems), 'problem')} (newsreader config show lists them)"
    return toast, note


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


def keep_theme_choices(app: App[Any], data_dir: Path, asked: str | None) -> None:
    """From now on, a theme chosen (the palette) is kept for the next launch; where the
    config file or --theme names one (`asked`), that one wins then, and the person is told."""

    def chosen(theme: Theme) -> None:
        save_theme(data_dir, theme.name)
        if asked and theme.name != asked:
            app.notify(
                f"{one_line(theme.name)} for now: reader.theme (the config file or --theme) "
                f"names {one_line(asked)}, which the next launch uses.",
                markup=False,
            )

    app.theme_changed_signal.subscribe(app, chosen)
