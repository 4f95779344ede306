"""How the article list shares its width: the title first, then the date, then the source.

Pure functions (no Textual), so the layout at every width is easy to check: the title
keeps at least `TITLE_SHARE` of the row at any terminal width; the source column is the
narrower one and the first to go, the date the second.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

TITLE_SHARE = 0.55
MARK_WIDTH = 2  # the unread mark and a space
SOURCE_SHARE = 0.2
SOURCE_MIN, SOURCE_MAX = 8, 18
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Columns(NamedTuple):
    title: int
    date: int  # 0: not shown
    source: int  # 0: not shown


def columns_for(
    width: int, date_width: int, wanted: tuple[str, ...] = ("date", "source")
) -> Columns:
    """The cells of each column in a row `width` cells wide (each shown column after the
    title is preceded by one space, counted in its width here). `wanted`: list.columns."""
    room = max(1, width - MARK_WIDTH)
    least_title = int(width * TITLE_SHARE + 0.999)
    date = date_width + 1 if "date" in wanted else 0
    source = (
        max(SOURCE_MIN, min(SOURCE_MAX, int(width * SOURCE_SHARE))) + 1 if "source" in wanted else 0
    )
    if room - date - source >= least_title:
        return Columns(room - date - source, date, source)
    if room - date >= least_title:
        return Columns(room - date, date, 0)
    return Columns(room, 0, 0)


def compact_day(day: str, today: dt.date) -> str:
    """ "2026-11-21" → "21 Nov" in this year, "21 Nov 2025" in another; "" stays ""."""
    try:
        date = dt.date.fromisoformat(day[:10])
    except ValueError:
        return day
    shown = f"{date.day} {MONTHS[date.month - 1]}"
    return shown if date.year == today.year else f"{shown} {date.year}"


def saved_day(mtime_ns: int, today: dt.date) -> str:
    """An undated saved page, by its file's time: "saved 2 Dec"."""
    if mtime_ns <= 0:
        return ""
    moment = dt.datetime.fromtimestamp(mtime_ns / 1e9)
    return "saved " + compact_day(moment.date().isoformat(), today)


def date_width_for(days: list[str], any_saved_undated: bool, today: dt.date) -> int:
    """Room for the widest date of these rows: a year only when one differs from today's."""
    year = str(today.year)
    width = len("21 Nov")
    if any(day and not day.startswith(year) for day in days):
        width = len("21 Nov 2025")
    if any_saved_undated:
        width = max(width, len("saved 21 Nov"))
    return width
