"""Dates as articles write them: ISO 8601, or the way a news page prints them.

Both readers use this: Markdown front matter usually holds `2026-11-14T09:12:00+01:00`, a
page saved as text holds `Published Friday 14 November 2026, 09:12 GMT`. Anything we cannot
read with certainty gives None rather than a guess (so `14/11/2026` is not read: day-first
or month-first depends on the country).
"""

from __future__ import annotations

import datetime as dt
import re

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
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})
_MONTHS["sept"] = 9

_LEAD_WORDS = re.compile(
    r"(?:(?:first\s+|originally\s+)?published|(?:last\s+)?updated|posted|last\s+modified)"
    r"(?:\s+on)?\s*:?\s*",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_ORDINAL = r"(?:st|nd|rd|th)?"
_DAY_FIRST = re.compile(
    rf"(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<month>[a-z]{{3,9}})\.?,?\s+(?P<year>\d{{4}})",
    re.IGNORECASE,
)
_MONTH_FIRST = re.compile(
    rf"(?P<month>[a-z]{{3,9}})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>\d{{4}})",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"\s*(?:,|at|-|–|—|·|\|)?\s*(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})"
    r"\s*(?:(?P<half>[ap])\.?m\.?)?\s*(?P<zone>gmt|utc|z)?\s*",
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
        zone = dt.UTC if clock["zone"] else None
    try:
        return dt.datetime(int(match["year"]), month, int(match["day"]), hour, minute, tzinfo=zone)
    except ValueError:  # 31 November, 25:00 …
        return None
