"""The library index: built from the disk, kept in step with it, and thrown away when bad.

Each test changes files the way a person (or a sync tool) would, runs a sync, and checks
what the list would show: entries from the index, newest first.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from newsreader.library import index_sync
from newsreader.library.article import Article
from newsreader.library.index import LibraryIndex, index_file_for
from newsreader.library.index_sync import SyncProgress, sync_index
from newsreader.library.sources import Library


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def write(root: Path, relative: str, content: str | bytes, *, mtime_ns: int | None = None) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))
    return path


def article(title: str, date: str | None = None, body: str = "Body text.") -> str:
    dated = f"date: {date}\n" if date else ""
    return f"---\ntitle: {title}\n{dated}---\n{body}\n"


def folder(root: Path) -> Library:
    return Library.of_folder(root)


def titles(index: LibraryIndex) -> list[str]:
    return [entry.title for entry in index.entries()]


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every file a sync reads (parses), by path relative to the library."""
    read: list[str] = []
    real = Library.load

    def counting(library: Library, path: str) -> Article | str:
        read.append(path)
        return real(library, path)

    monkeypatch.setattr(Library, "load", counting)
    return read


def synced(cache: Path, library: Path) -> LibraryIndex:
    index = LibraryIndex.open(cache, folder(library))
    sync_index(index, folder(library))
    return index


# --- building and keeping in step ------------------------------------------------------------


def test_first_sync_lists_every_article_newest_first_undated_last(
    library: Path, cache: Path
) -> None:
    write(library, "old.md", article("Old", "2020-01-01"))
    write(library, "town/new.txt", "New\n\nBy Ana\n14 November 2026\n\nBody.")
    write(library, "b.md", "# Beta\n")
    write(library, "a.md", "# Alpha\n")
    write(library, "aware.md", article("Aware", "2025-06-01T12:00:00+02:00"))
    write(library, "same-day-b.md", article("Same day B", "2025-06-01T10:00:00+00:00"))
    write(library, "same-day-a.md", article("Same day A", "2025-06-01T10:00:00+00:00"))

    index = synced(cache, library)

    # Aware and the same-day pair are one moment in UTC: the id decides.
    assert [entry.id for entry in index.entries()] == [
        "town/new",
        "aware",
        "same-day-a",
        "same-day-b",
        "old",
        "a",
        "b",
    ]
    [new] = [entry for entry in index.entries() if entry.id == "town/new"]
    assert (new.path, new.day) == ("town/new.txt", "2026-11-14")


def test_unchanged_files_are_not_read_again(
    library: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(5):
        write(library, f"story-{number}.md", article(f"Story {number}"))
    synced(cache, library)
    read = count_reads(monkeypatch)

    result = sync_index(LibraryIndex.open(cache, folder(library)), folder(library))

    assert read == []
    assert not result.changed
    assert len(titles(LibraryIndex.open(cache, folder(library)))) == 5


def test_a_stale_entry_is_read_again_when_size_or_time_differs(
    library: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(library, "edited.md", article("Before"), mtime_ns=1_700_000_000_000_000_000)
    write(library, "same.md", article("Same"))
    index = synced(cache, library)
    read = count_reads(monkeypatch)
    # Same size, new time: an editor that rewrote one letter.
    write(library, "edited.md", article("Aft3r"), mtime_ns=1_700_000_001_000_000_000)

    result = sync_index(index, folder(library))

    assert read == ["edited.md"]
    assert result.read == 1
    assert sorted(titles(index)) == ["Aft3r", "Same"]


def test_deleted_renamed_and_new_files(library: Path, cache: Path) -> None:
    write(library, "gone.md", article("Gone", body="vanishing words"))
    write(library, "moved.md", article("Moved", body="travelling words"))
    write(library, "stays.md", article("Stays"))
    index = synced(cache, library)

    (library / "gone.md").unlink()
    (library / "archive").mkdir()
    (library / "moved.md").rename(library / "archive" / "moved.md")
    write(library, "fresh.md", article("Fresh", body="brand new words"))
    result = sync_index(index, folder(library))

    ids = sorted(entry.id for entry in index.entries())
    assert ids == ["archive/moved", "fresh", "stays"]
    assert (result.read, result.forgotten) == (2, 2)
    from newsreader.library.search import matching_rows

    rows = {entry.rowid: entry.id for entry in index.entries()}
    assert matching_rows(index, "vanishing") == set()
    assert [rows[r] for r in matching_rows(index, "travelling") or ()] == ["archive/moved"]
    assert [rows[r] for r in matching_rows(index, "brand") or ()] == ["fresh"]


def test_an_unreadable_file_is_remembered_until_it_changes(
    library: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(library, "binary.md", b"\x00\x01\x02\x03", mtime_ns=1_700_000_000_000_000_000)
    index = synced(cache, library)
    assert [(u.path, u.reason) for u in index.unreadable()] == [
        ("binary.md", "binary file, not text")
    ]
    read = count_reads(monkeypatch)

    sync_index(index, folder(library))
    assert read == []

    write(library, "binary.md", "# Fixed now\n", mtime_ns=1_700_000_002_000_000_000)
    sync_index(index, folder(library))
    assert read == ["binary.md"]
    assert titles(index) == ["Fixed now"]
    assert index.unreadable() == []


def test_of_two_files_with_one_id_the_first_is_shown_and_the_loser_wins_when_alone(
    library: Path, cache: Path
) -> None:
    write(library, "story.txt", "From text\n")
    index = synced(cache, library)
    assert titles(index) == ["From text"]

    write(library, "story.md", "# From Markdown\n")  # sorts first, so it is shown
    sync_index(index, folder(library))
    assert titles(index) == ["From Markdown"]
    assert [(u.path, u.reason) for u in index.unreadable()] == [
        ("story.txt", "same article id as story.md; rename one of them")
    ]

    (library / "story.md").unlink()
    sync_index(index, folder(library))
    assert titles(index) == ["From text"]
    assert index.unreadable() == []


def test_problems_of_shown_articles_are_kept(library: Path, cache: Path) -> None:
    write(library, "latin1.md", "# Café\n\nCrème brûlée.".encode("latin-1"))
    index = synced(cache, library)
    assert index.article_problems() == [("latin1.md", "not UTF-8: read as Latin-1 (Windows-1252)")]


def test_symlinks_out_round_and_back_in(tmp_path: Path, library: Path, cache: Path) -> None:
    outside = write(tmp_path, "secret/diary.md", "# Private diary\n")
    inside = write(library, "real/piece.md", "# A piece\n")
    (library / "diary.md").symlink_to(outside)
    (library / "alias.md").symlink_to(inside)  # the same article twice: listed once
    (library / "elsewhere.md").symlink_to(write(library, "notes/other.txt", "Other\n"))
    (library / "loop").symlink_to(library, target_is_directory=True)

    index = synced(cache, library)
    result = sync_index(index, folder(library))

    # The alias and the link to notes/other lead to files listed anyway: each once.
    assert sorted(e.id for e in index.entries()) == ["notes/other", "real/piece"]
    assert {p.path.name: p.reason for p in result.problems} == {
        "diary.md": "symlink leads outside the library"
    }


def test_a_missing_library_leaves_the_index_alone(library: Path, cache: Path) -> None:
    write(library, "kept.md", article("Kept"))
    index = synced(cache, library)
    moved = library.rename(library.parent / "unmounted")

    result = sync_index(index, folder(library))

    assert [p.reason for p in result.problems] == ["library folder not found"]
    assert titles(index) == ["Kept"]
    moved.rename(library)


# --- progress, stopping ------------------------------------------------------------------------


def test_progress_is_told_batch_by_batch_and_a_stopped_sync_resumes(
    library: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(30):
        write(library, f"n{number:02d}.md", article(f"Story {number:02d}"))
    monkeypatch.setattr(index_sync, "BATCH_FILES", 7)
    index = LibraryIndex.open(cache, folder(library))
    seen: list[SyncProgress] = []
    calls = 0

    def stop_after_twelve() -> bool:
        nonlocal calls
        calls += 1
        return calls > 12

    first = sync_index(index, folder(library), progress=seen.append, stop=stop_after_twelve)

    assert first.stopped
    assert [(p.done, p.total) for p in seen] == [(7, 30), (12, 30)]
    assert len(titles(index)) == 12  # what was read before the stop is kept
    seen.clear()
    second = sync_index(index, folder(library), progress=seen.append)
    assert not second.stopped
    assert second.read == 18
    assert [(p.done, p.total) for p in seen] == [(7, 18), (14, 18), (18, 18)]
    assert len(titles(index)) == 30


# --- a cache that can be thrown away ------------------------------------------------------------


def test_a_damaged_index_file_is_started_afresh(library: Path, cache: Path) -> None:
    write(library, "one.md", article("One"))
    synced(cache, library)
    path = index_file_for(cache, folder(library))
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"this is not a database" * 100)

    index = LibraryIndex.open(cache, folder(library))

    assert index.problem is None
    assert index.entries() == []
    sync_index(index, folder(library))
    assert titles(index) == ["One"]


def test_an_index_of_another_version_is_started_afresh(library: Path, cache: Path) -> None:
    write(library, "one.md", article("One"))
    synced(cache, library)
    with sqlite3.connect(index_file_for(cache, folder(library))) as connection:
        connection.execute("UPDATE meta SET value = 'older' WHERE key = 'schema'")
    connection.close()

    assert LibraryIndex.open(cache, folder(library)).entries() == []


def test_each_library_has_its_own_index(tmp_path: Path, cache: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    write(first, "a.md", article("In the first"))
    write(second, "b.md", article("In the second"))

    assert titles(synced(cache, first)) == ["In the first"]
    assert titles(synced(cache, second)) == ["In the second"]
    assert index_file_for(cache, folder(first)) != index_file_for(cache, folder(second))
    assert titles(LibraryIndex.open(cache, folder(first))) == ["In the first"]


def test_an_unwritable_cache_dir_falls_back_to_memory(tmp_path: Path, library: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache dir should be")
    write(library, "one.md", article("One", body="findable words"))

    index = LibraryIndex.open(blocked, folder(library))
    sync_index(index, folder(library))

    assert index.location == "memory"
    assert index.problem is not None and str(blocked) in index.problem
    assert titles(index) == ["One"]
    from newsreader.library.search import matching_rows

    assert matching_rows(index, "findable") == {index.entries()[0].rowid}


def test_memory_index_can_be_read_from_other_threads_during_a_write(library: Path) -> None:
    import threading

    for number in range(20):
        write(library, f"n{number:02d}.md", article(f"Story {number:02d}"))
    index = LibraryIndex.in_memory(folder(library))
    counts: list[int] = []

    def read_while_writing(progress: SyncProgress) -> None:
        reader = threading.Thread(target=lambda: counts.append(len(index.entries())))
        reader.start()
        reader.join(timeout=10)

    sync_index(index, folder(library), progress=read_while_writing)

    assert counts and counts[-1] == 20
