"""A setting's value in its kind: checked, converted from text, and named in messages."""

from __future__ import annotations

from newsreader.config.schema import Setting


def convert(setting: Setting, raw: object, *, from_text: bool) -> tuple[object, str | None]:
    """The value in the setting's kind, or why it is not one."""
    kind = setting.kind
    if from_text and isinstance(raw, str):
        raw = read_from_text(kind, raw)
    if kind in ("text", "path"):
        if not isinstance(raw, str):
            return None, f"should be text in quotes, not {kind_of(raw)}"
        if "\x00" in raw:
            return None, "contains a NUL character"
        return raw, None
    if kind == "switch":
        if not isinstance(raw, bool):
            return None, f"should be true or false, not {kind_of(raw)}"
        return raw, None
    if kind in ("whole_number", "seconds"):
        allowed: tuple[type, ...] = (int,) if kind == "whole_number" else (int, float)
        if isinstance(raw, bool) or not isinstance(raw, allowed):
            wanted = "a whole number" if kind == "whole_number" else "a number of seconds"
            return None, f"should be {wanted}, not {kind_of(raw)}"
        assert isinstance(raw, int | float)
        if (setting.low is not None and raw < setting.low) or (
            setting.high is not None and raw > setting.high
        ):
            return None, f"should be from {setting.low:g} to {setting.high:g}, not {raw}"
        return raw, None
    if kind == "choice":
        if not isinstance(raw, str) or raw not in setting.choices:
            return None, f"should be one of {', '.join(setting.choices)}, not {shown(raw)}"
        return raw, None
    # "choices": a list drawn from setting.choices, each once, in the order given.
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        return None, f"should be a list of names in quotes, not {kind_of(raw)}"
    unknown = [item for item in raw if item not in setting.choices]
    if unknown:
        return None, f"unknown {shown(unknown[0])}; choose from {', '.join(setting.choices)}"
    return list(dict.fromkeys(raw)), None


def read_from_text(kind: str, raw: str) -> object:
    """An environment variable or flag is text; read it as the kind expects."""
    text = raw.strip()
    if kind == "switch":
        lowered = text.lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
    if kind in ("whole_number", "seconds"):
        try:
            return int(text)
        except ValueError:
            try:
                return float(text) if kind == "seconds" else raw
            except ValueError:
                return raw
    if kind == "choices":
        return [item.strip() for item in text.split(",") if item.strip()]
    return raw


def kind_of(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def shown(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"' if value else "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(f'"{item}"' for item in value) + "]"
    return str(value)
