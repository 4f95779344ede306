"""Index a library onto a cache disk that fills up, then run the app on a cache too small
for anything; prints a JSON report.

usage: index_on_a_full_disk.py LIBRARY SMALL_CACHE APP_CACHE DATA_DIR"""

import asyncio
import json
import sqlite3
import sys
import time
from pathlib import Path

from newsreader.library import index_sync
from newsreader.library.index import LibraryIndex
from newsreader.library.sources import Library
from newsreader.sqlite_damage import is_damage
from newsreader.ui.app import NewsReaderApp

root, small_cache, app_cache = (Path(arg) for arg in sys.argv[1:4])
library = Library.of_folder(root)
found: dict[str, object] = {}
index = LibraryIndex.open(small_cache, library)
index_sync.BATCH_FILES = 5  # small commits: some get in before the disk is full
try:
    index_sync.sync_index(index, library)
except sqlite3.DatabaseError as error:
    found["error"] = error.sqlite_errorcode & 0xFF
    found["damage"] = is_damage(error)
found["readable_after"] = len(LibraryIndex.open(small_cache, library).entries())
index_sync.BATCH_FILES = 2_000


async def run_app() -> None:
    app = NewsReaderApp(root, Path(sys.argv[4]), app_cache)
    async with app.run_test(size=(100, 30)) as pilot:
        # Bounded by time, not by a count of pauses: on a loaded machine 500 pauses of
        # 20 ms ended before the fallback to memory had been shown.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            await pilot.pause(0.02)
            settled = not any(w.is_running for w in app.workers)
            if settled and app.main_screen.library_shown and app.main_screen.article_list.row_count:
                break
        found["rows"] = app.main_screen.article_list.row_count
        found["messages"] = app.messages_for_stderr
        assert app.library_index is not None
        found["location"] = app.library_index.location


asyncio.run(run_app())
print(json.dumps(found))
