"""`[themes.NAME]` tables from the config file made into Textual themes.

Colours are given by name or #rrggbb for Textual's theme fields (primary, background, …);
`dark` is true or false. A colour Textual cannot read, or a field no theme has, is named in
a problem line and left out; a theme without `primary` cannot be made and is skipped.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.color import Color, ColorParseError
from textual.theme import Theme

from newsreader.config.load import KeyedProblem
from newsreader.safe_text import one_line

COLOUR_FIELDS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)


def themes_from_config(
    tables: Mapping[str, Mapping[str, object]],
) -> tuple[list[Theme], list[KeyedProblem]]:
    themes: list[Theme] = []
    problems: list[KeyedProblem] = []
    for name, table in tables.items():
        where = ("themes", name)
        colours: dict[str, str] = {}
        dark = True
        for field, value in table.items():
            if field == "dark":
                if isinstance(value, bool):
                    dark = value
                else:
                    problems.append(((*where, field), "should be true or false"))
            elif field not in COLOUR_FIELDS:
                fields = ", ".join(COLOUR_FIELDS)
                problems.append((where, f"“{one_line(field)}” is not a theme colour ({fields})"))
            elif not isinstance(value, str) or not _is_colour(value):
                problems.append(
                    (
                        (*where, field),
                        f"“{one_line(str(value))}” is not a colour (a name or #rrggbb)",
                    )
                )
            else:
                colours[field] = value
        if "primary" not in colours:
            problems.append((where, "needs a primary colour; the theme is left out"))
            continue
        themes.append(Theme(name=name, dark=dark, **colours))  # type: ignore[arg-type]
    return themes, problems


def _is_colour(value: str) -> bool:
    try:
        Color.parse(value)
    except ColorParseError:
        return False
    return True
