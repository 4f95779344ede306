"""`newsreader config path | show | init | edit`."""

from __future__ import annotations

import os
import sys

from newsreader.config import Config
from newsreader.config.default_file import default_file_text
from newsreader.config.load import ChosenValue, ConfigProblem
from newsreader.editor import editor_command, run_editor
from newsreader.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_REFUSED
from newsreader.safe_text import one_line


def show_path(config: Config) -> int:
    state = "" if config.file_found else "  (not there yet: `newsreader config init` writes it)"
    print(one_line(str(config.path)) + state)
    return EXIT_OK


def _origin(chosen: ChosenValue) -> str:
    if chosen.origin == "default":
        return "default"
    return f"{chosen.origin}, {chosen.source}"


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "(none)"
    text = str(value)
    return one_line(text) if text else "(empty)"


# Empty means "the usual place": say which place that is.
_FOLDERS_IN_USE = {"library.folder": "folder", "library.data_dir": "data dir"}


def _folder_in_use(name: str) -> str:
    from newsreader import paths

    folder = paths.articles_dir() if name == "library.folder" else paths.data_dir()
    return one_line(str(folder))


def show_settings(config: Config) -> int:
    origin = {"default": "default path", "flag": "--config", "environment": "$NEWSREADER_CONFIG"}
    unreadable = any(problem.key is None for problem in config.problems)
    found = ", cannot be read: defaults" if unreadable else ", not there: defaults"
    found = "" if config.file_found else found
    print(f"# {one_line(str(config.path))} ({origin[config.path_origin]}{found})")
    width = max(len(name) for name in config.values)
    for name, chosen in config.values.items():
        print(f"{name:<{width}}  {_shown(chosen.value):<24}  {_origin(chosen)}")
        if name in _FOLDERS_IN_USE and not chosen.value:
            print(f"{'':<{width}}  {_FOLDERS_IN_USE[name]} in use: {_folder_in_use(name)}")
    if not config.text("reader.editor"):
        command = editor_command("")
        in_use = one_line(" ".join(command)) if command else "none ($VISUAL and $EDITOR unset)"
        print(f"{'':<{width}}  editor in use: {in_use}")
    for binding_id, keys in config.keymap.items():
        print(f"keymap.{one_line(binding_id)} = {one_line(keys)}")
    for theme in config.themes:
        print(f"themes.{one_line(theme)}  (defined in the file)")
    problems = [problem.line() for problem in config.problems] + _problems_in_use(config)
    for line in problems:
        print(line, file=sys.stderr)
    return EXIT_FAILED if problems else EXIT_OK


def _problems_in_use(config: Config) -> list[str]:
    """What the reader finds wrong only when it uses the settings: a binding id or key name
    in the keymap, a theme's colour, a theme name no theme has, an email a comment would
    refuse. The same lines it shows."""
    theme = config.values["reader.theme"]
    email = config.text("comments.email")
    if not (config.keymap or config.themes or email) and theme.origin == "default":
        return []  # nothing to check: Textual is not imported
    from textual.theme import BUILTIN_THEMES

    from newsreader.ui.personal_setup import check_setup, email_setting_problems, setup_from_config

    setup = setup_from_config(config, None)
    _keymap, themes, problems = check_setup(setup)
    problems += email_setting_problems(setup)
    known = {*BUILTIN_THEMES, *(defined.name for defined in themes)}
    if theme.origin != "default" and theme.value not in known:
        reason = f"no theme is called “{one_line(str(theme.value))}” (ctrl+p, “theme” lists them)"
        problems.append(
            ConfigProblem(theme.source or str(config.path), reason, theme.setting.name).line()
        )
    return problems


def init_file(config: Config) -> int:
    path = config.path
    if path.exists() or path.is_symlink():
        print(
            f"newsreader: {one_line(str(path))} already exists; not overwritten "
            "(`newsreader config edit` opens it)",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # "x": a file that appeared since the check above is not overwritten either.
        with open(path, "x", encoding="utf-8") as file:
            file.write(default_file_text())
    except OSError as error:
        print(
            f"newsreader: cannot write {one_line(str(path))}: {error.strerror or error}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(f"Wrote {one_line(str(path))}")
    return EXIT_OK


def edit_file(config: Config) -> int:
    if not config.file_found and not config.path.exists():
        status = init_file(config)
        if status != EXIT_OK:
            return status
    command = editor_command(config.text("reader.editor"), os.environ)
    if command is None:
        print(
            f"newsreader: no editor: set $EDITOR, or reader.editor in {one_line(str(config.path))}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    problem = run_editor(command, config.path)
    if problem is not None:
        print(f"newsreader: {one_line(problem)}", file=sys.stderr)
        return EXIT_FAILED
    from newsreader.config import load_config

    checked = load_config(str(config.path))
    problems = [problem.line() for problem in checked.problems] + _problems_in_use(checked)
    for line in problems:
        print(line, file=sys.stderr)
    return EXIT_FAILED if problems else EXIT_OK
