"""Every hostile case, in the app and in `newsreader check`.

For each case (tests/hostile_corpus.py) the app starts on a library holding it, every
article is opened, scrolled to its end and clicked where markup would be, the `!` list is
shown — and at each step the screen holds no raw control sequence and no action has run.
`check` reports exactly the files the case says, with the reasons it says.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from hostile_corpus import (
    CASES,
    CONTROL_ARTICLE,
    GROUPS,
    Case,
    available,
    open_to_everyone,
    unlock,
    write_case,
    write_corpus,
)
from library_reading import read_library
from newsreader.cli import main
from newsreader.library.problem_list import find_problems, shown_path
from newsreader.library.sources import Library
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.problems import ProblemsScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.reading_pane import ReadingPane
from newsreader.wording import count_of
from screen_check import raw_controls, screen_output, screen_text
from ui_helpers import make_app, settle
from unprivileged import Unprivileged

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

    library = Library.of_folder(root)
    code = main(["check", "--articles", str(root)])

    assert sorted(read_library(root).ids) == sorted([*listed, CONTROL_ID])
    output = capsys.readouterr().out
    assert code == (1 if expected else 0)
    assert raw_controls(output) == []
    found = {shown_path(problem.path, root): problem.reason for problem in find_problems(library)}
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


class MarkupClicker:
    """Clicks every spot on screen where a `[@click=…]` from an article is drawn.

    A spot already clicked with the same text drawn there (the list's rows stay put while
    the walk moves from article to article) does the same again, so it is clicked once.
    """

    def __init__(self, pilot: Pilot[None], app: NewsReaderApp) -> None:
        self.pilot, self.app = pilot, app
        self.clicked: set[tuple[int, int, str]] = set()

    async def click_all(self) -> None:
        lines = screen_text(self.app).split("\n")[: self.app.size.height]
        for y, line in enumerate(lines):
            for found in re.finditer(re.escape("[@click="), line):
                spot = (found.start(), y, line[found.start() :])
                if spot in self.clicked:
                    continue
                self.clicked.add(spot)
                await self.pilot.click(offset=(found.start() + 2, y))
                await self.pilot.pause()


async def back_to_row(pilot: Pilot[None], article_list: ArticleList, index: int) -> None:
    """A click on the list moves its cursor: put it back on the article being visited."""
    if article_list.highlighted != index:
        article_list.focus()
        steps = index - (article_list.highlighted or 0)
        await pilot.press(*(["j"] * steps if steps > 0 else ["k"] * -steps))
        await settle(pilot)


async def visit_every_article(pilot: Pilot[None], app: NewsReaderApp) -> list[str]:
    """Open each article in turn, read to its end, and check the screen at every step.

    The list keeps the focus and the pane is sent to its end by the action its End key
    runs: moving the focus back and forth would rebuild the footer and re-wrap the whole
    article each time (seconds for the 2 MB one) and test nothing about the files.
    test_hostile_terminal.py presses the keys themselves, in a real terminal.
    """
    article_list = app.screen.query_one(ArticleList)
    pane = app.screen.query_one(ReadingPane)
    clicker = MarkupClicker(pilot, app)
    seen: list[str] = []
    for index in range(article_list.row_count):
        await settle(pilot)
        article = article_list.highlighted_entry
        # The list holds index entries; the pane, the article read from the file.
        assert article is not None and pane.article is not None
        assert pane.article.id == article.id
        seen.append(article.id)
        assert_screen_is_clean(app, f"{article.id}: top")
        await clicker.click_all()
        await back_to_row(pilot, article_list, index)
        await pane.run_action("scroll_end")
        await pilot.pause()
        for _ in range(5):  # let a few slices draw on towards the end, or all of them
            if pane.fully_rendered:
                break
            await pilot.pause(0.02)
        assert_screen_is_clean(app, f"{article.id}: end")
        assert all(not raw_controls(line) for line in pane.plain_lines())
        await clicker.click_all()
        await back_to_row(pilot, article_list, index)
        article_list.focus()
        if index + 1 < article_list.row_count:
            await pilot.press("j")
    return seen


@pytest.fixture
def group_library(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[list[Case], Path]]:
    """Every available case of one group, and the normal article, in one library."""
    root = tmp_path / "library"
    cases = write_corpus(root, request.param)
    (root / CONTROL_ARTICLE[0]).write_text(CONTROL_ARTICLE[1], encoding="utf-8")
    yield cases, root
    unlock(root)


@pytest.mark.parametrize(
    "group_library", [pytest.param(cases, id=name) for name, cases in GROUPS.items()], indirect=True
)
async def test_app_starts_shows_and_stays_harmless(group_library: tuple[list[Case], Path]) -> None:
    cases, root = group_library
    expected_by_case = {case.name: case.expected(AS_ROOT) for case in cases}
    problems = {path for _listed, expected in expected_by_case.values() for path in expected}
    app = make_app(root, root.parent / "data")
    async with app.run_test(size=SIZE) as pilot:
        wires = Tripwires(app)
        await settle(pilot)
        assert app.main_screen.library_shown
        assert_screen_is_clean(app, "start")

        seen = await visit_every_article(pilot, app)

        listed = [CONTROL_ID]
        for name, (case_listed, _expected) in expected_by_case.items():
            assert set(case_listed) <= set(seen), f"{name}: {sorted(set(case_listed) - set(seen))}"
            listed.extend(case_listed)
        assert sorted(seen) == sorted(listed)
        status = screen_text(app)
        if problems:
            assert f"{count_of(len(problems), 'file')} had problems; press ! to list them" in status
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert_screen_is_clean(app, "problems screen")
        await MarkupClicker(pilot, app).click_all()
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
def shared_corpus(shared_tmp: Path) -> tuple[Path, list[Case]]:
    """The whole corpus where another user can reach it."""
    root = shared_tmp / "library"
    cases = write_corpus(root)
    open_to_everyone(root)
    return root, cases


def test_check_as_an_ordinary_user_on_the_whole_corpus(
    shared_corpus: tuple[Path, list[Case]], request: pytest.FixtureRequest
) -> None:
    root, cases = shared_corpus
    arguments = ["check", "--articles", str(root)]
    command = [str(Path(sys.executable).with_name("newsreader")), *arguments]
    env = dict(os.environ)
    if AS_ROOT:  # root can read any file: drop to nobody
        runner: Unprivileged = request.getfixturevalue("unprivileged")
        command, env = runner.newsreader(*arguments), runner.env
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, cwd="/", timeout=120, check=False
    )

    assert done.returncode == 1 and done.stdout, done.stderr
    assert raw_controls(done.stdout + done.stderr) == []
    found: dict[str, str] = {}
    for line in done.stdout.splitlines():
        path, _, reason = line.partition(": ")
        found[Path(path).relative_to(root).as_posix()] = reason
    expected = {path: phrase for case in cases for path, phrase in case.problems.items()}
    # File names are printed made safe (one_line): compare them the same way.
    from newsreader.safe_text import one_line

    assert_problems(found, {one_line(path): phrase for path, phrase in expected.items()})
