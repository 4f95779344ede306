"""Pilot tests of the list and the index together: a launch from the index, files that change
while the reader is open, the first indexing of a library, search, and a long article."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from library_samples import write_library
from newsreader import cli
from newsreader.library import index_sync
from newsreader.library.article import Article
from newsreader.library.index import LibraryIndex
from newsreader.library.index_sync import sync_index
from newsreader.library.sources import Library
from newsreader.ui import library_loader
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.comment import CommentScreen
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.widgets import index_progress
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.reading_pane import ReadingPane
from ui_helpers import make_app, settle, type_text, wait_until

SIZE = (110, 34)
START = dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)


def write_numbered(root: Path, count: int, *, body: str = "Plain words.") -> Path:
    """`count` dated articles, story-0000 the newest."""
    for number in range(count):
        path = root / f"part-{number % 7}" / f"story-{number:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        moment = START - dt.timedelta(hours=number)
        path.write_text(
            f"---\ntitle: Story {number:04d}\ndate: {moment.isoformat()}\n---\n{body}\n",
            encoding="utf-8",
        )
    return root


def reader_library(root: Path, data_dir: Path) -> Library:
    """The library as the reader sees it: the folder, and the feeds folder it makes."""
    (data_dir / "feeds").mkdir(parents=True, exist_ok=True)
    return Library.for_reader(root, data_dir / "feeds")


def shown_ids(app: NewsReaderApp) -> list[str]:
    article_list = app.screen.query_one(ArticleList)
    return [article_list._rows[i].id for i in range(article_list.row_count)]


@pytest.fixture
def held_sync(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Syncs with the disk wait until the test sets the event: the list is the index's."""
    go = threading.Event()
    real = index_sync.sync_index

    def waiting(*args: object, **kwargs: object) -> object:
        go.wait(timeout=30)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(index_sync, "sync_index", waiting)
    yield go
    go.set()


# --- the list ------------------------------------------------------------------------------


async def test_the_list_holds_no_widget_per_row(tmp_path: Path) -> None:
    counts = []
    for number in (3, 300):
        root = write_numbered(tmp_path / f"lib-{number}", number)
        app = make_app(root, tmp_path / f"data-{number}")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            article_list = app.screen.query_one(ArticleList)
            assert article_list.row_count == number
            assert list(article_list.children) == []
            counts.append(len(app.screen.query("*")))
            await pilot.press("G")  # the last row is drawn without a widget of its own
            assert article_list.highlighted_entry is not None
            assert article_list.highlighted_entry.id.endswith(f"story-{number - 1:04d}")
    assert counts[0] == counts[1]


async def test_launch_shows_the_index_then_the_disk_as_it_is_now(
    tmp_path: Path, held_sync: threading.Event
) -> None:
    root = write_numbered(tmp_path / "articles", 5)
    data_dir = tmp_path / "data"
    sync_index(
        LibraryIndex.open(data_dir / "cache", reader_library(root, data_dir)),
        reader_library(root, data_dir),
    )  # an earlier session
    (root / "part-1" / "story-0001.md").unlink()
    (root / "part-0" / "story-0000.md").write_text("# Retitled since\n", encoding="utf-8")
    (root / "late.md").write_text("---\ntitle: Late\ndate: 2027-01-01\n---\nx\n")

    app = make_app(root, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.main_screen.library_shown, "the list shown")
        await pilot.pause()
        indexed = shown_ids(app)
        assert indexed == [f"part-{n % 7}/story-{n:04d}" for n in range(5)]
        held_sync.set()
        await settle(pilot)
        assert shown_ids(app) == [
            "late",
            "part-2/story-0002",
            "part-3/story-0003",
            "part-4/story-0004",
            "part-0/story-0000",  # undated now: last
        ]
        assert app.screen.query_one(ArticleList).border_title == "Articles (5)"


async def test_changes_while_open_show_up_at_the_next_look(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_loader, "RESCAN_SECONDS", 0.2)
    root = write_numbered(tmp_path / "articles", 4)
    app = make_app(root, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(shown_ids(app)) == 4
        (root / "part-3" / "story-0003.md").unlink()
        (root / "part-2" / "story-0002.md").rename(root / "renamed.md")
        (root / "new.md").write_text("---\ntitle: Brand new\ndate: 2027-01-01\n---\nx\n")
        first = root / "part-0" / "story-0000.md"
        first.write_text(first.read_text().replace("Story 0000", "Story zero, edited"))
        await wait_until(pilot, lambda: "new" in shown_ids(app), "the new article listed")
        await settle(pilot)
        assert shown_ids(app) == ["new", "part-0/story-0000", "part-1/story-0001", "renamed"]
        article_list = app.screen.query_one(ArticleList)
        assert article_list._rows[1].title == "Story zero, edited"


async def test_an_edit_of_the_article_shown_waits_until_it_is_shown_again(
    tmp_path: Path,
) -> None:
    # What is being read never changes by itself; moving off and back shows the edit.
    root = write_numbered(tmp_path / "articles", 2, body="The first version.")
    app = make_app(root, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(ReadingPane)
        assert any("The first version." in line for line in pane.plain_lines())
        path = root / "part-0" / "story-0000.md"
        path.write_text(path.read_text().replace("The first version.", "A second one."))
        app.refresh_library()
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.highlighted_entry is not None
        assert article_list.highlighted_entry.id == "part-0/story-0000"
        assert any("The first version." in line for line in pane.plain_lines())
        await pilot.press("j", "k")
        await settle(pilot)
        assert any("A second one." in line for line in pane.plain_lines())


async def test_a_file_gone_since_it_was_indexed_is_said_and_dropped(
    tmp_path: Path, held_sync: threading.Event
) -> None:
    root = write_numbered(tmp_path / "articles", 3)
    data_dir = tmp_path / "data"
    sync_index(
        LibraryIndex.open(data_dir / "cache", reader_library(root, data_dir)),
        reader_library(root, data_dir),
    )
    (root / "part-1" / "story-0001.md").unlink()
    app = make_app(root, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.main_screen.library_shown, "the list shown")
        await pilot.press("j")
        pane = app.screen.query_one(ReadingPane)
        await wait_until(
            pilot, lambda: "could not be read" in " ".join(pane.plain_lines()), "the note shown"
        )
        held_sync.set()
        await settle(pilot)
        assert shown_ids(app) == ["part-0/story-0000", "part-2/story-0002"]


# --- the first indexing ----------------------------------------------------------------------


async def test_first_indexing_shows_progress_while_rows_fill_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_sync, "BATCH_FILES", 40)
    monkeypatch.setattr(library_loader, "REFILL_SECONDS", 0.0)
    monkeypatch.setattr(index_progress, "SHOW_FROM_FILES", 10)
    root = write_numbered(tmp_path / "articles", 200)
    seen: list[tuple[int, int, bool, int]] = []
    real_show = index_progress.IndexProgress.show_progress

    def watching(self: index_progress.IndexProgress, done: int, total: int) -> None:
        real_show(self, done, total)
        rows = self.screen.query_one(ArticleList).row_count
        seen.append((done, total, self.has_class("shown"), rows))

    monkeypatch.setattr(index_progress.IndexProgress, "show_progress", watching)
    app = make_app(root, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown_ids(app)[0] == "part-0/story-0000"
        assert len(shown_ids(app)) == 200
        # Newer articles came in above the first rows; untouched, the cursor kept the top.
        highlighted = app.screen.query_one(ArticleList).highlighted_entry
        assert highlighted is not None and highlighted.id == "part-0/story-0000"
        assert not app.screen.query_one(index_progress.IndexProgress).has_class("shown")
    during = [s for s in seen if s[1] == 200 and s[0] < 200]
    assert during and all(shown for _, _, shown, _ in during)
    assert [done for done, *_ in during] == sorted(done for done, *_ in during)
    rows = [r for *_, r in seen]
    assert rows == sorted(rows) and rows[0] < 200 and rows[-1] == 200


@pytest.mark.parametrize("how", ["enter", "tab"])
async def test_an_article_opened_during_the_first_indexing_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """Newer articles arriving above do not swap out the one the person went to read."""
    monkeypatch.setattr(index_sync, "BATCH_FILES", 20)
    monkeypatch.setattr(library_loader, "REFILL_SECONDS", 0.0)
    go_on = threading.Event()
    real_read = index_sync._read_into
    reads = iter(range(1_000))

    def held_after_one_batch(*args: object, **kwargs: object) -> None:
        if next(reads) == 20:
            go_on.wait(20)  # the rest waits until the person has opened the article
        real_read(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(index_sync, "_read_into", held_after_one_batch)
    app = make_app(write_numbered(tmp_path / "articles", 120), tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        article_list = app.main_screen.query_one(ArticleList)
        pane = app.main_screen.query_one(ReadingPane)
        await wait_until(pilot, lambda: pane.article is not None, "the first article shown")
        assert pane.article is not None
        opened = pane.article.id
        await pilot.press("enter" if how == "enter" else "tab")
        assert isinstance(app.focused, ReadingPane)
        go_on.set()
        await settle(pilot)
        assert article_list.row_count == 120
        assert pane.article.id == opened
        highlighted = article_list.highlighted_entry
        assert highlighted is not None and highlighted.id == opened


async def test_an_unwritable_cache_dir_is_said_and_the_list_still_shows(tmp_path: Path) -> None:
    root = write_library(tmp_path / "articles")
    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("not a folder")
    app = NewsReaderApp(root, tmp_path / "data", blocked)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(shown_ids(app)) == 3
        assert any("cannot be kept on disk" in m for m in app.messages_for_stderr)


def test_the_index_lives_in_the_cache_dir_of_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[Path, Path, Path | None]] = []
    # The fourth argument, the config in force, is checked in test_cli_config.
    monkeypatch.setattr(cli, "run_reader", lambda *args: seen.append(args[:3]) or 0)
    articles = write_library(tmp_path / "articles")
    cli.main(["--articles", str(articles), "--data-dir", str(tmp_path / "data")])
    assert seen == [(articles, tmp_path / "data", tmp_path / "data" / "cache")]


async def test_the_app_keeps_its_index_under_the_cache_dir(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "articles"), tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert list((tmp_path / "data" / "cache" / "library-index").glob("*.sqlite3"))


# --- search ----------------------------------------------------------------------------------


async def test_search_counts_matches_and_takes_in_new_articles(tmp_path: Path) -> None:
    root = write_numbered(tmp_path / "articles", 30)
    (root / "kestrel.md").write_text("# Kestrels over the harbour\n\nBirds.\n")
    app = make_app(root, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        await pilot.press("slash")
        await type_text(pilot, "kest")
        await settle(pilot)
        assert article_list.border_title == "Articles (1 of 31)"
        assert "kest" in str(article_list.border_subtitle)
        (root / "kestrel-2.md").write_text("# More kestrels\n\nAgain.\n")
        app.refresh_library()
        await settle(pilot)
        assert article_list.border_title == "Articles (2 of 32)"
        await type_text(pilot, " agai")
        await settle(pilot)
        assert shown_ids(app) == ["kestrel-2"]
        await pilot.press("escape")
        await settle(pilot)
        assert article_list.border_title == "Articles (32)"
        assert article_list.border_subtitle is None


async def test_a_query_with_markup_is_shown_as_typed(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "articles"), tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        app.screen.query_one("#filter").value = "[lunar]"  # type: ignore[attr-defined]
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.border_title == "Articles (1 of 3)"
        # Read back as markup: the bracket is escaped, so it is shown, not parsed.
        assert article_list.border_subtitle == "matching “\\[lunar]”"


# --- the reading pane ------------------------------------------------------------------------


async def test_holding_j_never_shows_a_stale_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_numbered(tmp_path / "articles", 60)
    shows: list[tuple[str, str | None]] = []
    real_show = ReadingPane.show

    def recording(self: ReadingPane, article: Article | None) -> None:
        highlighted = self.screen.query_one(ArticleList).highlighted_entry
        if article is not None:
            shows.append((article.id, highlighted.id if highlighted else None))
        real_show(self, article)

    monkeypatch.setattr(ReadingPane, "show", recording)
    app = make_app(root, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shows.clear()
        article_list = app.screen.query_one(ArticleList)
        for _ in range(40):  # as a held key does: forty moves before any load is done
            article_list.action_cursor_down()
        await settle(pilot)
        highlighted = app.screen.query_one(ArticleList).highlighted_entry
        assert highlighted is not None and highlighted.id == "part-5/story-0040"
        pane = app.screen.query_one(ReadingPane)
        assert pane.article is not None and pane.article.id == highlighted.id
    assert shows and all(shown == current for shown, current in shows)
    assert len(shows) < 5  # not one per move


async def test_a_long_article_shows_its_beginning_before_the_whole_is_converted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    # 100 KB: over the size the pane converts on the spot, many times its first part.
    paragraphs = [f"Paragraph {n} of the long read, with some words." for n in range(2000)]
    (root / "long.md").write_text("# A long read\n\n" + "\n\n".join(paragraphs) + "\n")
    held: list[Article] = []
    monkeypatch.setattr(ReadingPane, "_convert_when_free", lambda self, a: held.append(a))
    app = make_app(root, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(ReadingPane)
        text = "\n".join(pane.plain_lines())
        assert "Paragraph 0 of the long read" in text
        assert any("Formatting the rest" in line for line in pane.plain_lines())
        assert "Paragraph 1999" not in text
        assert not pane.fully_rendered
        assert [a.id for a in held] == ["long"]
        monkeypatch.undo()
        pane._convert_when_free(held[0])
        await settle(pilot)
        await pilot.press("enter", "G")
        await settle(pilot)
        # G draws what one slice allows and follows the end as timer slices draw the rest.
        await wait_until(pilot, lambda: pane.fully_rendered, "the whole article drawn")
        lines = pane.plain_lines()
        assert any("Paragraph 1999 of the long read" in line for line in lines)
        assert not any("Formatting the rest" in line for line in lines)


async def test_c_right_after_a_move_comments_on_the_new_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_numbered(tmp_path / "articles", 3)
    held: list[object] = []
    real_loaded = MainScreen._article_loaded

    def held_back(self: MainScreen, entry: object, article: object) -> None:
        if getattr(entry, "id", "").endswith("0001"):
            held.append(entry)  # story 1 never finishes loading in this test
            return
        real_loaded(self, entry, article)  # type: ignore[arg-type]

    monkeypatch.setattr(MainScreen, "_article_loaded", held_back)
    app = make_app(root, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "c")
        await wait_until(pilot, lambda: isinstance(app.screen, CommentScreen), "the form open")
        assert app.screen.article_id == "part-1/story-0001"  # type: ignore[attr-defined]
        pane = app.main_screen.query_one(ReadingPane)
        # The form opened though story 1 was never shown.
        assert pane.article is None or pane.article.id != "part-1/story-0001"


async def test_an_index_damaged_past_its_first_page_is_rebuilt(tmp_path: Path) -> None:
    root = write_numbered(tmp_path / "articles", 300)
    data_dir = tmp_path / "data"
    index = LibraryIndex.open(data_dir / "cache", reader_library(root, data_dir))
    sync_index(index, reader_library(root, data_dir))
    path = Path(index.location)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        roots = [
            row[0]
            for row in connection.execute(
                "SELECT rootpage FROM sqlite_master WHERE name IN ('articles', 'articles_in_order')"
            )
        ]
    connection.close()
    with path.open("r+b") as damaged:  # the schema on page 1 stays readable
        for page in roots:
            damaged.seek((page - 1) * page_size)
            damaged.write(b"\xa5" * page_size)

    app = make_app(root, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(shown_ids(app)) == 300
        assert any("damaged" in message for message in app.messages_for_stderr)


async def test_fetched_feeds_are_listed_beside_the_library(tmp_path: Path) -> None:
    articles = write_library(tmp_path / "articles")
    data_dir = tmp_path / "data"
    feed = data_dir / "feeds" / "courier"
    feed.mkdir(parents=True)
    (feed / "ferry-timetable-1a2b.md").write_text(
        "---\ntitle: Ferry timetable changes\ndate: 2026-12-01\n---\n\nFrom the feed.\n"
    )
    app = NewsReaderApp(articles, data_dir, tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ids = shown_ids(app)
        assert "feeds/courier/ferry-timetable-1a2b" in ids
        assert len(ids) == 4
