"""The article list's columns at every width, and its compact dates."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from library_samples import write
from newsreader.library.index import LibraryIndex
from newsreader.library.index_sync import sync_index
from newsreader.library.sources import Library
from newsreader.ui.widgets.list_columns import (
    MARK_WIDTH,
    TITLE_SHARE,
    columns_for,
    compact_day,
    date_width_for,
    saved_day,
)

TODAY = dt.date(2026, 12, 3)


def list_width(terminal: int) -> int:
    """The list's row width in a terminal this wide (tcss: 45%, at least 30; a border)."""
    return max(30, int(terminal * 0.45)) - 2


@pytest.mark.parametrize("date_width", [6, 11, 12])
def test_the_title_keeps_most_of_the_row_at_every_width(date_width: int) -> None:
    for terminal in range(60, 251):
        width = list_width(terminal)
        columns = columns_for(width, date_width)
        assert columns.title >= TITLE_SHARE * width, (terminal, columns)
        assert MARK_WIDTH + sum(columns) == width


def test_the_source_goes_first_then_the_date() -> None:
    widths = [columns_for(width, 11) for width in range(20, 120)]
    shown = [(c.date > 0, c.source > 0) for c in widths]
    # Narrow to wide: nothing, then the date, then date and source; never source alone.
    assert (False, True) not in shown
    assert shown[0] == (False, False) and shown[-1] == (True, True)
    assert shown == sorted(shown)
    wide = columns_for(110, 11)
    assert wide.source < wide.date + 8 and wide.source < wide.title


def test_dates_are_compact() -> None:
    assert compact_day("2026-11-21", TODAY) == "21 Nov"
    assert compact_day("2025-11-21", TODAY) == "21 Nov 2025"
    assert compact_day("", TODAY) == ""
    moment = dt.datetime(2026, 12, 2, 15, 0).timestamp()
    assert saved_day(int(moment * 1e9), TODAY) == "saved 2 Dec"
    assert date_width_for(["2026-01-01"], False, TODAY) == 6
    assert date_width_for(["2026-01-01", "2019-05-05"], False, TODAY) == 11
    assert date_width_for(["2026-01-01"], True, TODAY) == 12


def test_undated_saved_pages_sort_by_their_file_time(tmp_path: Path) -> None:
    root = tmp_path / "library"
    write(root, "dated-new.md", "---\ntitle: New\ndate: 2026-11-30\n---\nText.\n")
    write(root, "dated-old.md", "---\ntitle: Old\ndate: 2026-10-01\n---\nText.\n")
    page = write(root, "kept-page.txt", "Zebra crossing repainted\n\nThe crossing was done.\n")
    undated = write(root, "undated.md", "# Aardvark notes\n\nNo date here.\n")
    saved = dt.datetime(2026, 11, 2, 12, 0, tzinfo=dt.UTC).timestamp()
    os.utime(page, (saved, saved))
    os.utime(undated, (saved, saved))
    library = Library.of_folder(root)
    index = LibraryIndex.open(tmp_path / "cache", library)
    sync_index(index, library)
    ids = [entry.id for entry in index.entries()]
    # Between the two dated ones, by the time it was saved; the undated .md stays last.
    assert ids == ["dated-new", "kept-page", "dated-old", "undated"]
    assert saved_day(index.entries()[1].mtime_ns, TODAY) == "saved 2 Nov"


def test_list_columns_setting_leaves_a_column_out() -> None:
    both = columns_for(120, 6)
    assert both.date and both.source
    only_date = columns_for(120, 6, ("date",))
    assert only_date.date == both.date and only_date.source == 0
    assert only_date.title == both.title + both.source  # the title gets the room
    only_source = columns_for(120, 6, ("source",))
    assert only_source.date == 0 and only_source.source == both.source
    assert columns_for(120, 6, ()).title == 120 - 2  # the unread mark and its space
