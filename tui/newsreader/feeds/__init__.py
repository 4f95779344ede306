"""News coming in: subscriptions, fetching, parsing, entries written as article files, OPML,
and saving one web page. Never imports textual: the reader and the commands both use it."""

from __future__ import annotations

from pathlib import Path

FEEDS_FOLDER_NAME = "feeds"


def feeds_folder(data_dir: Path) -> Path:
    """The folder fetched articles are written to; the library adds it as a source."""
    return data_dir / FEEDS_FOLDER_NAME
