"""Every hostile case, in the app and in `newsreader check`.

For each case (tests/hostile_corpus.py) the app starts on a library holding it, every
article is opened, scrolled to its end and clicked where markup would be, the `!` list is
shown — and at each step the screen holds no raw control sequence and no action has run.
`check` reports exactly the files the case says, with the reasons it says.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from hostile_corpus import CASES, CONTROL_ARTICLE, Case, available, unlock, write_case, write_corpus
from newsreader.cli import main
from newsreader.library.problem_list import problem_files, shown_path
from newsreader.library.scan import scan_library
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.problems import ProblemsScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.reading_pane import ReadingPane
from screen_check import raw_controls, screen_output, screen_text
from ui_helpers import make_app, settle

SIZE = (120, 40)
AS_ROOT = os.geteuid() == 0
TUI_DIR = Path(__file__).resolve().parent.parent / "tui"
CONTROL_ID = Path(CONTROL_ARTICLE[0]).stem


@pytest.fixture
def case_library(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Case, Path]]:
    case: Case = request.param
    if not available(case):
        pytest.skip(f"this system cannot make the files of {case.name!r}")
    root = write_case(case, tmp_path / "library")
    yield case, root
    unlock(root)


def _cases() -> list[object]:
    return [pytest.param(case, id=case.name) for case in CASES]


# --- check -----------------------------------------------------------------------------------


def assert_problems(found: dict[str, str], expected: dict[str, str]) -> None:
    assert sorted(found) == sorted(expected)
    for path, phrase in expected.items():
        assert phrase in found[path], (path, found[path])


@pytest.mark.parametrize("case_library", _cases(), indirect=True)
def test_check_reports_what_it_should(
    case_library: tuple[Case, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    case, root = case_library
    listed, expected = case.expected(AS_ROOT)

    scan = scan_library(root)
    code = main(["check", "--articles", str(root)])

    assert sorted(article.id for article in scan.articles) == sorted([*listed, CONTROL_ID])
    output = capsys.readouterr().out
    assert code == (1 if expected else 0)
    assert raw_controls(output) == []
    found = {shown_path(problem.path, root): problem.reason for problem in problem_files(scan)}
    assert_problems(found, expected)
    # One printed line per problem file, in the same order as the list.
    assert len(output.splitlines()) == len(expected)


# --- the app ---------------------------------------------------------------------------------


class Tripwires:
    """Records any action a piece of article text might have run."""

    def __init__(self, app: NewsReaderApp) -> None:
        self.rung = 0
        self.opened: list[str] = []
        app.bell = self._ring  # type: ignore[method-assign]
        app.open_url = self._open  # type: ignore[method-assign]

    def _ring(self) -> None:
        self.rung += 1

    def _open(self, url: str, *, new_tab: bool = True) -> None:
        self.opened.append(url)


def assert_screen_is_clean(app: NewsReaderApp, where: str) -> None:
    leftovers = raw_controls(screen_output(app))
    assert leftovers == [], f"raw control characters on screen ({where}): {leftovers!r}"


async def click_any_markup(pilot: Pilot[None], app: NewsReaderApp) -> None:
    """Click every spot on screen where a `[@click=…]` from an article is drawn."""
    for y, line in enumerate(screen_text(app).split("\n")[: app.size.height]):
        x = line.find("[@click=")
        if x != -1:
            await pilot.click(offset=(x + 2, y))
            await pilot.pause()


async def back_to_row(pilot: Pilot[None], article_list: ArticleList, index: int) -> None:
    """A click on the list moves its cursor: put it back on the article being visited."""
    if article_list.highlighted != index:
        article_list.focus()
        await pilot.press("g", *["j"] * index)
        await settle(pilot)


async def visit_every_article(pilot: Pilot[None], app: NewsReaderApp) -> list[str]:
    """Open each article in turn, read to its end, and check the screen at every step."""
    article_list = app.screen.query_one(ArticleList)
    pane = app.screen.query_one(ReadingPane)
    seen: list[str] = []
    for index in range(article_list.row_count):
        await settle(pilot)
        article = article_list.highlighted_entry
        # The list holds index entries; the pane, the article read from the file.
        assert article is not None and pane.article is not None
        assert pane.article.id == article.id
        seen.append(article.id)
        assert_screen_is_clean(app, f"{article.id}: top")
        await click_any_markup(pilot, app)
        await back_to_row(pilot, article_list, index)
        await pilot.press("enter", "G")
        for _ in range(5):  # let a few slices draw on towards the end
            await pilot.pause(0.02)
        assert_screen_is_clean(app, f"{article.id}: end")
        assert all(not raw_controls(line) for line in pane.plain_lines())
        await click_any_markup(pilot, app)
        await back_to_row(pilot, article_list, index)
        article_list.focus()
        if index + 1 < article_list.row_count:
            await pilot.press("j")
    return seen


@pytest.mark.parametrize("case_library", _cases(), indirect=True)
async def test_app_starts_shows_and_stays_harmless(case_library: tuple[Case, Path]) -> None:
    case, root = case_library
    listed, expected = case.expected(AS_ROOT)
    app = make_app(root, root.parent / "data")
    async with app.run_test(size=SIZE) as pilot:
        wires = Tripwires(app)
        await settle(pilot)
        assert app.main_screen.library_shown
        assert_screen_is_clean(app, "start")

        seen = await visit_every_article(pilot, app)

        assert sorted(seen) == sorted([*listed, CONTROL_ID])
        status = screen_text(app)
        if expected:
            assert f"{len(expected)} file(s) had problems; press ! to list them" in status
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert_screen_is_clean(app, "problems screen")
        await click_any_markup(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert (wires.rung, wires.opened) == (0, [])
        assert app.is_running and app.return_code is None
    assert not (root.parent / "PWNED-BY-YAML").exists()  # the !!python tag ran nothing


# --- files that change and vanish while the app reads them ------------------------------------


async def test_files_changing_and_vanishing_during_the_scan(tmp_path: Path) -> None:
    root = tmp_path / "library"
    root.mkdir()
    for n in range(50):
        (root / f"steady-{n:02}.md").write_text(f"# Steady {n}\n\nStays put.\n")
    stop = threading.Event()

    def churn() -> None:  # a sync client: files appear, grow, shrink and vanish
        n = 0
        while not stop.is_set():
            path = root / f"churn-{n % 40:02}.md"
            path.write_text("# Churning\n\n" + "text " * (n % 700))
            with path.open("a") as file:
                file.write("more\n" * (n % 5))
            if n % 3 == 0:
                path.unlink(missing_ok=True)
            if n % 7 == 0:
                path.write_bytes(b"")
            n += 1

    worker = threading.Thread(target=churn, daemon=True)
    worker.start()
    try:
        for _ in range(3):  # the scan runs while the files churn
            app = make_app(root, tmp_path / "data")
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                ids = {row for row in _listed_ids(app)}
                assert {f"steady-{n:02}" for n in range(50)} <= ids
                assert_screen_is_clean(app, "churning library")
                assert app.is_running
    finally:
        stop.set()
        worker.join()


def _listed_ids(app: NewsReaderApp) -> list[str]:
    article_list = app.screen.query_one(ArticleList)
    return [row.id for row in article_list._rows]


# --- as an ordinary user: unreadable files are reported -------------------------------------


@pytest.fixture
def shared_corpus() -> Iterator[tuple[Path, list[Case]]]:
    """The whole corpus where another user can reach it (pytest's temp dirs are root's)."""
    with tempfile.TemporaryDirectory(prefix="newsreader-hostile-") as folder:
        Path(folder).chmod(0o755)
        root = Path(folder) / "library"
        cases = write_corpus(root)
        for path in [root, *root.rglob("*")]:
            if not path.is_symlink() and "locked" not in path.name:
                path.chmod(0o755 if path.is_dir() else 0o644)
        yield root, cases
        unlock(root)


def test_check_as_an_ordinary_user_on_the_whole_corpus(
    shared_corpus: tuple[Path, list[Case]],
) -> None:
    root, cases = shared_corpus
    command = [str(Path(sys.executable).with_name("newsreader")), "check", "--articles", str(root)]
    if AS_ROOT:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: root can read any file")
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode not in (0, 1):
        pytest.skip(f"could not run check as another user: {done.stderr.strip()[-300:]}")

    assert done.returncode == 1
    assert raw_controls(done.stdout + done.stderr) == []
    found: dict[str, str] = {}
    for line in done.stdout.splitlines():
        path, _, reason = line.partition(": ")
        found[Path(path).relative_to(root).as_posix()] = reason
    expected = {path: phrase for case in cases for path, phrase in case.problems.items()}
    # File names are printed made safe (one_line): compare them the same way.
    from newsreader.safe_text import one_line

    assert_problems(found, {one_line(path): phrase for path, phrase in expected.items()})
