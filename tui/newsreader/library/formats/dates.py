"""Dates as articles write them: ISO 8601, or the way a news page prints them.

Both readers use this: Markdown front matter usually holds `2026-11-14T09:12:00+01:00`, a
page saved as text holds `Published Friday 14 November 2026, 09:12 GMT`. Anything we cannot
read with certainty gives None rather than a guess (so `14/11/2026` is not read: day-first
or month-first depends on the country).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import NamedTuple

# Long lines are sentences, not dates; the limit also keeps the regexes cheap on huge lines.
_MAX_DATE_CHARS = 80

_MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
# Pages in Portuguese, Spanish, French and German print their months so.
_OTHER_MONTH_NAMES = [
    "janeiro enero janvier januar jänner",
    "fevereiro febrero février fevrier februar",
    "março marco marzo mars märz",
    "abril avril",
    "maio mayo mai",
    "junho junio juin juni",
    "julho julio juillet juli",
    "agosto août aout",
    "setembro septiembre setiembre septembre",
    "outubro octubre octobre oktober",
    "novembro noviembre novembre",
    "dezembro diciembre décembre decembre dezember",
]
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})
_MONTHS["sept"] = 9
for _number, _names in enumerate(_OTHER_MONTH_NAMES, start=1):
    _MONTHS.update(dict.fromkeys(_names.split(), _number))
# Zones news pages name; an unknown abbreviation makes the line not a date (no guessing).
_ZONES = {
    "gmt": 0, "utc": 0, "z": 0, "wet": 0, "bst": 1, "cet": 1, "wat": 1, "west": 1,
    "cest": 2, "eet": 2, "cat": 2, "sast": 2, "eest": 3, "msk": 3, "eat": 3,
    "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
    "jst": 9, "kst": 9, "aest": 10, "aedt": 11, "nzst": 12, "nzdt": 13,
}  # fmt: skip

_PUBLISHED_WORDS = (
    r"(?:first\s+|originally\s+)?published|posted|publicado|publicada|publié|veröffentlicht"
)
_UPDATED_WORDS = (
    r"(?:last\s+)?updated|last\s+modified|atualizado|actualizado|mis\s+à\s+jour|aktualisiert"
)
_LEAD_WORDS = re.compile(
    rf"(?:(?P<updated>{_UPDATED_WORDS})|{_PUBLISHED_WORDS})"
    r"(?:\s+(?:on|em|el|le|am|at))?\s*:?\s*",
    re.IGNORECASE,
)
# Where a line holding both moments starts its second: "12 March 2025 · Updated 2 hours ago".
_UPDATED_PART = re.compile(rf"\s*[·|•,-]?\s*(?=(?:{_UPDATED_WORDS})\b)", re.IGNORECASE)
_WEEKDAY = re.compile(
    r"(?:mon|tue|wed|thu|fri|sat|sun|segunda|terça|terca|quarta|quinta|sexta|sábado|sabado"
    r"|domingo|lunes|martes|miércoles|jueves|viernes|lundi|mardi|mercredi|jeudi|vendredi"
    r"|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)"
    r"[a-zç-]*\.?,?\s+",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"(?:about\s+|around\s+)?(?P<count>\d{1,3}|an?|one)\s*(?P<unit>s|sec|secs|seconds?|m|mins?"
    r"|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\s+ago"
    r"|h[aá]\s+(?:cerca\s+de\s+)?(?P<pt_count>\d{1,3}|um|uma)\s+(?P<pt_unit>segundos?|minutos?"
    r"|horas?|dias?|semanas?)",
    re.IGNORECASE,
)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_ORDINAL = r"(?:st|nd|rd|th)?"
_MONTH_WORD = r"(?P<month>[^\W\d_]{3,10})"
_DAY_FIRST = re.compile(
    rf"(?P<day>\d{{1,2}})(?:{_ORDINAL}|\.|º)\s*(?:of\s+|de\s+)?{_MONTH_WORD}\.?,?\s+(?:de\s+)?"
    r"(?P<year>\d{4})",
    re.IGNORECASE,
)
_MONTH_FIRST = re.compile(
    rf"{_MONTH_WORD}\.?\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>\d{{4}})",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"\s*,?\s*(?:at|-|–|—|·|\||às|as|à|a\s+las|um)?\s*(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})"
    r"\s*(?:(?P<half>[ap])\.?m\.?)?\s*(?:uhr\s*)?(?:(?P<zone>[a-z]{1,4})|(?:utc|gmt)?"
    r"(?P<offset>[+-]\d{1,2}(?::?\d{2})?))?\s*",
    re.IGNORECASE,
)


def parse_date_text(text: str) -> dt.datetime | None:
    """The moment `text` names, or None when it is not (only) a date.

    Accepts ISO 8601 dates and date-times (with or without a zone), and `14 November 2026`,
    `November 14, 2026`, `Fri, 14 Nov 2026 09:12 GMT`, optionally led by words such as
    `Published` or `Updated on:`. A named zone other than GMT/UTC/Z is not accepted; a date
    without a zone stays naive.
    """
    text = text.strip()
    if not text or len(text) > _MAX_DATE_CHARS:
        return None
    lead = _LEAD_WORDS.match(text)
    if lead:
        text = text[lead.end() :]
    return _parse_iso(text) or _parse_written(text)


def _offset_zone(offset: str) -> dt.tzinfo:
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


class PageDates(NamedTuple):
    """What a date line of a saved page says: published and/or updated, and how sure."""

    published: dt.datetime | None = None
    updated: dt.datetime | None = None
    approximate: bool = False


def parse_date_line(text: str, saved_at: Callable[[], dt.datetime | None]) -> PageDates | None:
    """A header line's dates: "Published 2 hours ago · Updated 12 March 2025, 23:41 GMT".

    Relative moments ("2 hours ago") are counted back from `saved_at()` (the file's
    modification time, asked only when needed) and marked approximate. None when the line
    is not (only) dates.
    """
    text = text.strip()
    if not text or len(text) > 2 * _MAX_DATE_CHARS:
        return None
    split = _UPDATED_PART.search(text, 1)
    if split is not None and text[: split.start()].strip(" ·|•,-").casefold() in ("", "last"):
        split = None  # "Last updated on …" is one moment, not two
    parts = [text[: split.start()], text[split.end() :]] if split else [text]
    dates = PageDates()
    for part in parts:
        lead = _LEAD_WORDS.match(part)
        is_update = bool(lead and lead["updated"])
        rest = part[lead.end() :] if lead else part
        moment = parse_date_text(rest)
        approximate = False
        if moment is None and (relative := _RELATIVE.fullmatch(rest.strip())):
            moment, approximate = _resolve(relative, saved_at()), True
        if moment is None:
            return None
        if is_update:
            dates = dates._replace(updated=moment)
        else:
            dates = dates._replace(published=moment, approximate=approximate)
        if approximate and is_update and dates.published is None:
            dates = dates._replace(approximate=True)
    return dates


def _resolve(relative: re.Match[str], saved_at: dt.datetime | None) -> dt.datetime | None:
    if saved_at is None:
        return None
    count_word = (relative["count"] or relative["pt_count"]).casefold()
    count = int(count_word) if count_word.isdigit() else 1
    unit = (relative["unit"] or relative["pt_unit"]).casefold()
    if unit.startswith(("min", "m")):
        unit = "m"
    elif unit.startswith("sem"):
        unit = "w"
    seconds = _UNIT_SECONDS[unit[0]]
    return (saved_at - dt.timedelta(seconds=count * seconds)).replace(second=0, microsecond=0)


def _parse_iso(text: str) -> dt.datetime | None:
    # fromisoformat alone accepts e.g. "2026" or "20261114" too eagerly for a page line.
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.,+\-Z]+)?", text):
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _parse_written(text: str) -> dt.datetime | None:
    weekday = _WEEKDAY.match(text)
    if weekday:
        text = text[weekday.end() :]
    match = _DAY_FIRST.match(text) or _MONTH_FIRST.match(text)
    if match is None:
        return None
    month = _MONTHS.get(match["month"].casefold())
    if month is None:
        return None
    rest = text[match.end() :]
    hour = minute = 0
    zone: dt.tzinfo | None = None
    if rest.strip():
        clock = _TIME.fullmatch(rest)
        if clock is None:
            return None
        hour, minute = int(clock["hour"]), int(clock["minute"])
        if clock["half"]:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if clock["half"].lower() == "p" else 0)
        if clock["zone"]:
            hours = _ZONES.get(clock["zone"].casefold())
            if hours is None:
                return None
            zone = dt.timezone(dt.timedelta(hours=hours))
        elif clock["offset"]:
            zone = _offset_zone(clock["offset"])
    try:
        return dt.datetime(int(match["year"]), month, int(match["day"]), hour, minute, tzinfo=zone)
    except ValueError:  # 31 November, 25:00 …
        return None
