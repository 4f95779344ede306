"""The problem list: `newsreader check` and the `!` screen say the same thing, safely."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rich.text import Text
from textual.widgets import DataTable

from library_samples import write_library
from newsreader.library.problem_list import find_problems
from newsreader.library.sources import Library
from newsreader.safe_text import one_line
from newsreader.ui.binding_sections import sections
from newsreader.ui.screens.help import HelpScreen, help_table
from newsreader.ui.screens.problems import ProblemsScreen
from ui_helpers import make_app, settle, static_text

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
SIZE = (120, 34)


def troubled_library(root: Path) -> Path:
    write_library(root)
    (root / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    (root / "fields.md").write_text("---\ntitle: [1, 2]\ndate: yes\n---\nText.\n")
    (root / "[@click=app.quit]\x1b]0;pwned\x07.md").write_text("---\n- a list\n---\nHi\n")
    return root


def test_one_entry_per_file_with_every_reason(tmp_path: Path) -> None:
    root = troubled_library(tmp_path / "articles")

    found = {p.path.name: (p.reasons, p.listed) for p in find_problems(Library.of_folder(root))}

    assert found == {
        "image.md": (("binary file, not text",), False),
        "fields.md": (
            (
                "front matter field 'title' should be text, not a list",
                "front matter field 'date' is not a date (yes/no (true)); ignored",
            ),
            True,
        ),
        "[@click=app.quit]\x1b]0;pwned\x07.md": (
            ("front matter is a list, not a set of fields; ignored",),
            True,
        ),
    }


def test_check_prints_one_safe_line_per_file_and_exits_1(tmp_path: Path) -> None:
    root = troubled_library(tmp_path / "articles")

    result = subprocess.run(
        [NEWSREADER, "check", "--articles", str(root)], capture_output=True, text=True
    )

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [
        f"{root}/[@click=app.quit]␛]0;pwned␇.md: "
        "front matter is a list, not a set of fields; ignored",
        f"{root}/fields.md: front matter field 'title' should be text, not a list; "
        "front matter field 'date' is not a date (yes/no (true)); ignored",
        f"{root}/image.md: binary file, not text",
    ]
    assert "\x1b" not in result.stdout + result.stderr
    assert "3 files with problems" in result.stderr


def test_check_of_a_clean_library_exits_0(tmp_path: Path) -> None:
    root = write_library(tmp_path / "articles")

    result = subprocess.run(
        [NEWSREADER, "check", "--articles", str(root)], capture_output=True, text=True
    )

    assert (result.returncode, result.stdout) == (0, "")
    assert "No problems" in result.stderr


async def test_status_line_counts_files_and_bang_lists_them(tmp_path: Path) -> None:
    root = troubled_library(tmp_path / "articles")
    app = make_app(root, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert static_text(app, "#status") == "3 files had problems; press ! to list them"
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        table: DataTable[Text] = app.screen.query_one(DataTable)
        rows = [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows == [
            [
                "[@click=app.quit]␛]0;pwned␇.md",
                "listed",
                "front matter is a list, not a set of fields; ignored",
            ],
            [
                "fields.md",
                "listed",
                "front matter field 'title' should be text, not a list; "
                "front matter field 'date' is not a date (yes/no (true)); ignored",
            ],
            ["image.md", "not shown", "binary file, not text"],
        ]
        await pilot.click(DataTable, offset=(3, 1))  # right on the file name's markup
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProblemsScreen)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        await pilot.press("exclamation_mark")  # the same key closes it
        await pilot.pause()
        assert not isinstance(app.screen, ProblemsScreen)


def tangled_library(root: Path, outside: Path) -> Path:
    """Every kind of trouble a walk, a reader and the id rule can find."""
    troubled_library(root)
    (root / "story.md").write_text("# From Markdown\n")
    (root / "story.txt").write_text("From text\n")  # the same id: not shown
    (root / "empty.md").write_text("")
    (root / "latin1.md").write_bytes("# Café\n\nCrème.".encode("cp1252"))
    (root / "gone.md").symlink_to(root / "never-there.md")
    (root / "ring-a.md").symlink_to(root / "ring-b.md")
    (root / "ring-b.md").symlink_to(root / "ring-a.md")
    outside.mkdir()
    (outside / "diary.md").write_text("# Private\n")
    (root / "diary.md").symlink_to(outside / "diary.md")
    (root / "elsewhere").symlink_to(outside, target_is_directory=True)
    return root


async def test_check_and_the_bang_screen_list_the_same_files(tmp_path: Path) -> None:
    root = tangled_library(tmp_path / "articles", tmp_path / "outside")
    checked = subprocess.run(
        [NEWSREADER, "check", "--articles", str(root)], capture_output=True, text=True
    )
    app = make_app(root, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        on_screen = [one_line(f"{p.path}: {p.reason}") for p in app.screen.problems]

    assert checked.returncode == 1
    assert checked.stdout.splitlines() == on_screen
    assert len(on_screen) == 11  # every file above, none twice, none lost


async def test_bang_on_a_clean_library_says_so(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "articles"), tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "problems" not in static_text(app, "#status")
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert app.screen.query_one(DataTable).row_count == 0
        assert "could be read" in static_text(app, "#problems-empty")


async def test_help_and_footer_show_the_bang_key(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "articles"), tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer_keys = [binding.key_display for (_, binding, _, _) in app.active_bindings.values()]
        assert "!" in footer_keys
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
    table = help_table(sections(), {})
    keys = [str(cell) for cell in table.columns[0].cells]
    descriptions = [str(cell) for cell in table.columns[1].cells]
    assert "!" in keys
    assert "Files in the library that had problems, and why" in descriptions
    assert "Files with problems" in keys


async def test_a_library_folder_named_with_escapes_is_shown_safely(tmp_path: Path) -> None:
    from screen_check import raw_controls, screen_output, screen_text

    root = tmp_path / "notes \x1b]0;PWNED\x07\x1b[2J"
    root.mkdir()
    (root / "image.md").write_bytes(b"\x00\x01\x02\x03" * 100)
    app = make_app(root, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert raw_controls(screen_output(app)) == []
        assert "No articles in" in screen_text(app)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert raw_controls(screen_output(app)) == []
        assert "␛]0;PWNED␇␛[2J" in screen_text(app)


def test_check_on_a_latin1_terminal_prints_every_line(tmp_path: Path) -> None:
    root = troubled_library(tmp_path / "articles")

    result = subprocess.run(
        [NEWSREADER, "check", "--articles", str(root)],
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "latin-1"},
    )

    assert result.returncode == 1
    lines = result.stdout.decode("latin-1").splitlines()
    assert len(lines) == 3
    assert lines[0].endswith(
        "[@click=app.quit]?]0;pwned?.md: front matter is a list, not a set of fields; ignored"
    )
    assert b"Traceback" not in result.stderr
