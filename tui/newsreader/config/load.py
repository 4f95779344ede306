"""Read config.toml and choose each setting: flag > environment > file > default.

Nothing here stops the reader from starting: a setting with a wrong value keeps its default and
becomes one problem line naming the file, line and key; a file that cannot be read or is not
TOML gives all defaults and one line saying why.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import platformdirs

from newsreader.config.key_lines import key_lines
from newsreader.config.schema import (
    FREE_TABLES,
    SERVER_KINDS,
    SERVER_TABLE,
    SETTINGS,
    SETTINGS_BY_NAME,
    Setting,
)
from newsreader.config.values import convert, kind_of, shown
from newsreader.safe_text import one_line

CONFIG_ENV = "NEWSREADER_CONFIG"
CONFIG_FILE_NAME = "config.toml"
# Above this a "config file" is something else put there by mistake.
_LARGEST_FILE = 1_000_000

Origin = Literal["default", "file", "environment", "flag"]


@dataclass(frozen=True)
class ConfigProblem:
    """One thing wrong in the file, worded for the person who will fix it."""

    where: str
    reason: str
    key: str | None = None

    def line(self) -> str:
        key = f"{self.key}: " if self.key else ""
        return one_line(f"{self.where}: {key}{self.reason}")


# A problem found where the file is used, not read (a binding id, a theme colour): the
# key path it is under ("keymap", "main.comment") and what is wrong there.
KeyedProblem = tuple[tuple[str, ...], str]


@dataclass(frozen=True)
class ChosenValue:
    setting: Setting
    value: object
    origin: Origin
    # Which file line, variable or flag it came from, for `config show`.
    source: str = ""


@dataclass(frozen=True)
class ServerSetting:
    """One `[[comments.server]]`: articles under `site` take comments at `url` (a `kind`)."""

    site: str
    kind: str
    url: str


@dataclass(frozen=True)
class Config:
    path: Path
    path_origin: Origin
    file_found: bool
    values: Mapping[str, ChosenValue]
    keymap: Mapping[str, str] = field(default_factory=dict)
    themes: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    servers: tuple[ServerSetting, ...] = ()
    problems: tuple[ConfigProblem, ...] = ()
    lines: Mapping[tuple[str, ...], int] = field(default_factory=dict)

    def __getitem__(self, name: str) -> object:
        return self.values[name].value

    def text(self, name: str) -> str:
        value = self[name]
        assert isinstance(value, str)
        return value

    def where(self, *key: str) -> str:
        """`config.toml:12` for a key path, or the file alone when its line is unknown."""
        return where_in(self.path, self.lines, *key)


def config_path(flag: str | None, environ: Mapping[str, str]) -> tuple[Path, Origin]:
    if flag:
        return Path(flag).expanduser(), "flag"
    from_env = environ.get(CONFIG_ENV)
    if from_env:
        return Path(from_env).expanduser(), "environment"
    folder = platformdirs.user_config_dir("newsreader", appauthor=False)
    return Path(folder) / CONFIG_FILE_NAME, "default"


def load_config(
    flag: str | None = None,
    *,
    flags: Mapping[str, str | None] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """The settings in force. `flags` maps a setting's name to the flag value given, if any."""
    environ = os.environ if environ is None else environ
    path, path_origin = config_path(flag, environ)
    document, lines, problems = _read(path, explicit=path_origin != "default")
    file_found = _exists(path)
    document = document or {}
    chosen: dict[str, ChosenValue] = {}
    for setting in SETTINGS:
        chosen[setting.name] = _choose(
            setting, document, path, lines, flags or {}, environ, problems
        )
    _check_unknown(document, path, lines, problems)
    keymap = _keymap(document.get("keymap", {}), path, lines, problems)
    themes = _themes(document.get("themes", {}), path, lines, problems)
    servers = _servers(document, path, lines, problems)
    return Config(
        path=path,
        path_origin=path_origin,
        file_found=file_found,
        values=chosen,
        keymap=keymap,
        themes=themes,
        servers=servers,
        problems=tuple(sorted(problems, key=_line_number)),
        lines=lines,
    )


def _exists(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a folder on the way we may not enter: said by _read
        return False


def _read(
    path: Path, *, explicit: bool
) -> tuple[dict[str, object] | None, dict[tuple[str, ...], int], list[ConfigProblem]]:
    """The parsed file, its key lines and what kept it from being read (all defaults then)."""
    problems: list[ConfigProblem] = []
    where = str(path)
    try:
        if path.is_dir():
            raise IsADirectoryError
        size = path.stat().st_size
        if size > _LARGEST_FILE:
            problems.append(
                ConfigProblem(where, f"{size:,} bytes is not a config file; using all defaults")
            )
            return None, {}, problems
        raw = path.read_bytes()
    except FileNotFoundError:
        if explicit:
            problems.append(ConfigProblem(where, "no such file; using all defaults"))
        return None, {}, problems
    except IsADirectoryError:
        problems.append(ConfigProblem(where, "is a folder, not a file; using all defaults"))
        return None, {}, problems
    except OSError as error:
        reason = error.strerror or type(error).__name__
        problems.append(ConfigProblem(where, f"cannot be read ({reason}); using all defaults"))
        return None, {}, problems
    try:
        # utf-8-sig: a byte-order mark some editors put first is not a TOML error.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(ConfigProblem(f"{where}:{line}", "not UTF-8 text; using all defaults"))
        return None, {}, problems
    import tomllib  # only when there is a file to read: launch without one stays light

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        at = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if at:
            where = f"{path}:{at.group(1)}"
            message = f"{message[: at.start()].strip()} (column {at.group(2)})"
        problems.append(ConfigProblem(where, f"not TOML: {message}; using all defaults"))
        return None, {}, problems
    return document, key_lines(text), problems


def _choose(
    setting: Setting,
    document: Mapping[str, object],
    path: Path,
    lines: Mapping[tuple[str, ...], int],
    flags: Mapping[str, str | None],
    environ: Mapping[str, str],
    problems: list[ConfigProblem],
) -> ChosenValue:
    flag_value = flags.get(setting.name)
    if setting.flag and flag_value:
        value, reason = convert(setting, flag_value, from_text=True)
        if reason is None:
            return ChosenValue(setting, value, "flag", setting.flag)
        problems.append(ConfigProblem(setting.flag, reason))
    for variable in setting.environment:
        env_value = environ.get(variable)
        if env_value:
            value, reason = convert(setting, env_value, from_text=True)
            if reason is None:
                return ChosenValue(setting, value, "environment", f"${variable}")
            problems.append(ConfigProblem(f"${variable}", reason))
    section = document.get(setting.section)
    if isinstance(section, dict) and setting.key in section:
        where = where_in(path, lines, setting.section, setting.key)
        value, reason = convert(setting, section[setting.key], from_text=False)
        if reason is None:
            if setting.kind == "path" and isinstance(value, str) and value:
                value = _relative_to(path, value)
            return ChosenValue(setting, value, "file", where)
        problems.append(
            ConfigProblem(
                where, f"{reason}; using the default, {shown(setting.default)}", setting.name
            )
        )
    return ChosenValue(setting, setting.default, "default")


def _relative_to(config_file: Path, value: str) -> str:
    """A relative path in the file means relative to the file, not to wherever one stands."""
    candidate = Path(value).expanduser()
    if candidate.is_absolute():
        return str(candidate)
    return str(config_file.parent / candidate)


def _check_unknown(
    document: Mapping[str, object],
    path: Path,
    lines: Mapping[tuple[str, ...], int],
    problems: list[ConfigProblem],
) -> None:
    known_sections = {setting.section for setting in SETTINGS} | {
        table.section for table in FREE_TABLES
    }
    for section, body in document.items():
        if section not in known_sections:
            hint = _did_you_mean(section, known_sections)
            problems.append(
                ConfigProblem(
                    where_in(path, lines, section),
                    f"unknown section{hint}; ignored",
                    f"[{section}]",
                )
            )
            continue
        if section in {table.section for table in FREE_TABLES}:
            continue
        if not isinstance(body, dict):
            problems.append(
                ConfigProblem(
                    where_in(path, lines, section),
                    f"should be a [{section}] table, not {kind_of(body)}",
                    section,
                )
            )
            continue
        keys = {setting.key for setting in SETTINGS if setting.section == section}
        for key in body:
            if (section, key) == SERVER_TABLE:
                continue
            if f"{section}.{key}" not in SETTINGS_BY_NAME:
                hint = _did_you_mean(key, keys)
                problems.append(
                    ConfigProblem(
                        where_in(path, lines, section, key),
                        f"unknown setting{hint}; ignored",
                        f"{section}.{key}",
                    )
                )


def _keymap(
    body: object,
    path: Path,
    lines: Mapping[tuple[str, ...], int],
    problems: list[ConfigProblem],
) -> dict[str, str]:
    if not isinstance(body, dict):
        problems.append(
            ConfigProblem(
                where_in(path, lines, "keymap"),
                f"should be a [keymap] table, not {kind_of(body)}",
                "keymap",
            )
        )
        return {}
    keymap: dict[str, str] = {}
    for binding_id, keys in body.items():
        # A dotted binding id written bare (main.comment = "w") arrives as a nested table.
        for flat_id, flat_keys in _flatten(binding_id, keys):
            where = where_in(path, lines, "keymap", flat_id)
            if isinstance(flat_keys, list) and all(isinstance(key, str) for key in flat_keys):
                flat_keys = ",".join(flat_keys)
            if not isinstance(flat_keys, str) or not flat_keys.strip():
                problems.append(
                    ConfigProblem(
                        where,
                        'should be a key in quotes, like "w" or "ctrl+w"',
                        f"keymap.{flat_id}",
                    )
                )
                continue
            keymap[flat_id] = flat_keys
    return keymap


def _servers(
    document: Mapping[str, object],
    path: Path,
    lines: Mapping[tuple[str, ...], int],
    problems: list[ConfigProblem],
) -> tuple[ServerSetting, ...]:
    section, key = SERVER_TABLE
    body = document.get(section)
    tables = body.get(key) if isinstance(body, dict) else None
    if tables is None:
        return ()
    name = f"{section}.{key}"
    if not isinstance(tables, list):
        problems.append(
            ConfigProblem(
                where_in(path, lines, section, key), "should be [[comments.server]] tables", name
            )
        )
        return ()
    servers: list[ServerSetting] = []
    for number, table in enumerate(tables, start=1):
        where = where_in(path, lines, section, key, f"#{number}")
        if not isinstance(table, dict):
            problems.append(ConfigProblem(where, "should be a table with site and isso", name))
            continue
        unknown = [field for field in table if field not in ("site", *SERVER_KINDS)]
        for field_name in unknown:
            problems.append(
                ConfigProblem(
                    where_in(path, lines, section, key, f"#{number}", field_name),
                    f"unknown field {field_name!r}; ignored",
                    name,
                )
            )
        site = table.get("site")
        kinds = [kind for kind in SERVER_KINDS if kind in table]
        reason = None
        if not _is_web_address(site):
            reason = 'needs site = "https://…/" (the address its articles start with)'
        elif len(kinds) != 1 or not _is_web_address(table[kinds[0]]):
            reason = 'needs isso = "https://…/" (the comment server\'s address)'
        if reason is not None:
            problems.append(ConfigProblem(where, f"{reason}; this server is not used", name))
            continue
        assert isinstance(site, str)
        servers.append(ServerSetting(site, kinds[0], str(table[kinds[0]])))
    return tuple(servers)


def _is_web_address(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://")) and len(value) > 8


def _flatten(prefix: str, value: object) -> list[tuple[str, object]]:
    if isinstance(value, dict):
        flat: list[tuple[str, object]] = []
        for key, inner in value.items():
            flat.extend(_flatten(f"{prefix}.{key}", inner))
        return flat
    return [(prefix, value)]


def _themes(
    body: object,
    path: Path,
    lines: Mapping[tuple[str, ...], int],
    problems: list[ConfigProblem],
) -> dict[str, dict[str, object]]:
    if not isinstance(body, dict):
        problems.append(
            ConfigProblem(
                where_in(path, lines, "themes"), "should hold [themes.NAME] tables", "themes"
            )
        )
        return {}
    themes: dict[str, dict[str, object]] = {}
    for name, colours in body.items():
        if not isinstance(colours, dict):
            problems.append(
                ConfigProblem(
                    where_in(path, lines, "themes", name),
                    "should be a [themes.NAME] table of colours",
                    f"themes.{name}",
                )
            )
            continue
        themes[name] = dict(colours)
    return themes


def _line_number(problem: ConfigProblem) -> int:
    """Problems in the order of the file; those without a line first."""
    number = problem.where.rpartition(":")[2]
    return int(number) if number.isdigit() else 0


def where_in(path: Path, lines: Mapping[tuple[str, ...], int], *key: str) -> str:
    """`config.toml:12` for a key path, or the file alone when its line is unknown. A dotted
    name under a table (the binding id "main.comment") may be written in quotes or bare."""
    number = lines.get(tuple(key))
    if number is None and len(key) > 1:
        number = lines.get((key[0], *".".join(key[1:]).split(".")))
    return f"{path}:{number}" if number else str(path)


def _did_you_mean(word: str, choices: set[str]) -> str:
    import difflib  # only for a mistake

    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean {close[0]}?)" if close else ""
