"""The commented config file `newsreader config init` writes: every setting at its default."""

from __future__ import annotations

import json
import textwrap

from newsreader.config.schema import (
    FREE_TABLES,
    SECTION_EXAMPLES,
    SECTIONS,
    SETTINGS,
    Setting,
)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    # JSON string escapes are valid TOML basic-string escapes.
    return json.dumps(str(value), ensure_ascii=False)


def _comment(text: str) -> list[str]:
    return ["# " + line for line in textwrap.wrap(text, width=94)]


def _setting_lines(setting: Setting) -> list[str]:
    lines = _comment(setting.meaning)
    sources = [f"${name}" for name in setting.environment]
    if setting.flag:
        sources.insert(0, setting.flag)
    if sources:
        lines += _comment("Overridden by " + ", then ".join(sources) + ".")
    if setting.default in ("", []) and setting.example is not None:
        # Left commented: an empty value written out would read as "set in the file".
        lines.append(f"# {setting.key} = {_toml_value(setting.example)}")
    else:
        lines.append(f"{setting.key} = {_toml_value(setting.default)}")
    return lines


def default_file_text() -> str:
    out = [
        "# newsreader settings. Every line below is the default; change what you like.",
        "# `newsreader config show` lists the settings in force and where each came from.",
        "# Precedence: a command-line flag, then the environment, then this file.",
        "",
    ]
    for section in SECTIONS:
        out.append(f"[{section}]")
        for setting in SETTINGS:
            if setting.section == section:
                out += _setting_lines(setting)
                out.append("")
        example = SECTION_EXAMPLES.get(section)
        if example:
            out += ["# " + line for line in example]
            out.append("")
    for table in FREE_TABLES:
        out += _comment(table.meaning)
        if not any(line.startswith("[") for line in table.example_lines):
            out.append(f"[{table.section}]")
        out += ["# " + line for line in table.example_lines]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
