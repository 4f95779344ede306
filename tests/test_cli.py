"""The command line: help, version, locations, and the queue commands that need no terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from library_samples import write_library
from newsreader import __version__, paths
from newsreader.cli import build_parser, main
from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue

REPO = Path(__file__).resolve().parents[1]
NEWSREADER = str(Path(sys.executable).with_name("newsreader"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NEWSREADER, *args], capture_output=True, text=True, timeout=60)


def test_help_and_version() -> None:
    helped = run("--help")
    assert helped.returncode == 0
    for word in ("--articles", "--data-dir", "queue", "check"):
        assert word in helped.stdout
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"newsreader {__version__}"


@pytest.mark.parametrize(
    "argv",
    [
        ["--articles", "A", "--data-dir", "D", "queue", "list"],
        ["queue", "--articles", "A", "--data-dir", "D", "list"],
        ["queue", "list", "--articles", "A", "--data-dir", "D"],
        ["--articles", "A", "queue", "list", "--data-dir", "D"],
    ],
)
def test_location_flags_work_before_or_after_the_subcommand(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert (args.articles, args.data_dir) == ("A", "D")


def test_library_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert paths.articles_dir("X") == Path("X")
    monkeypatch.setenv(paths.ARTICLES_ENV, str(tmp_path / "env"))
    assert paths.articles_dir(None) == tmp_path / "env"
    monkeypatch.delenv(paths.ARTICLES_ENV)
    (tmp_path / "articles").mkdir()
    assert paths.articles_dir(None, cwd=tmp_path) == tmp_path / "articles"
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    assert paths.articles_dir(None, cwd=empty) == paths.bundled_articles()
    assert any(paths.bundled_articles().glob("*.md"))


def test_data_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert paths.data_dir("D") == Path("D")
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "env"))
    assert paths.data_dir(None) == tmp_path / "env"
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    assert paths.data_dir(None).name == "newsreader"
    assert str(paths.data_dir(None)).startswith(str(Path.home()))


def test_missing_library_is_a_clear_error(tmp_path: Path) -> None:
    result = run("--articles", str(tmp_path / "nowhere"), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["frobnicate"])
    assert exited.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_queue_export_and_list(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    queue = PendingQueue.open(data_dir)
    added = queue.add(
        CommentDraft(
            "town/library-hours",
            "Library extends opening hours",
            "Zoë [red]",
            "",
            "Ça va ✓\nsecond line",
        )
    )
    exported = run("queue", "export", "--data-dir", str(data_dir))
    assert exported.returncode == 0
    [record] = [json.loads(line) for line in exported.stdout.splitlines()]
    delivery = {"state": "pending", "server": "", "server_id": "", "attempts": 0, "last_error": ""}
    assert record == {**added.as_json_dict(), **delivery}
    assert set(record) == {
        "id",
        "article_id",
        "article_title",
        "name",
        "email",
        "body",
        "created",
        "status",
        *delivery,
    }
    listed = run("--data-dir", str(data_dir), "queue", "list")
    assert listed.returncode == 0
    assert "Zoë [red]" in listed.stdout
    assert "Library extends" in listed.stdout


def test_empty_queue_list_says_so(tmp_path: Path) -> None:
    listed = run("queue", "list", "--data-dir", str(tmp_path / "data"))
    assert listed.returncode == 0
    assert "No pending comments" in listed.stdout
    assert run("queue", "export", "--data-dir", str(tmp_path / "data")).stdout == ""


def test_check_reports_problem_files(tmp_path: Path) -> None:
    root = write_library(tmp_path / "articles")
    assert run("check", "--articles", str(root)).returncode == 0
    (root / "broken.md").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    result = run("check", "--articles", str(root))
    assert result.returncode == 1
    assert "broken.md" in result.stdout


def test_wheel_carries_the_sample_articles(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    [wheel] = tmp_path.glob("newsreader-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    samples = [n for n in names if n.startswith("newsreader/sample_articles/")]
    shipped = sorted(
        p.relative_to(REPO / "articles").as_posix()
        for p in (REPO / "articles").rglob("*")
        if p.is_file()
    )
    assert sorted(n.removeprefix("newsreader/sample_articles/") for n in samples) == shipped
    assert "newsreader/ui/newsreader.tcss" in names

    # Installed from the wheel (not the source tree), the program finds its samples.
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    probe = subprocess.run(
        [sys.executable, str(REPO / "tests" / "programs" / "sample_library.py")],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(site)},
    )
    root, count = probe.stdout.split()
    assert Path(root) == site / "newsreader" / "sample_articles"
    assert int(count) == len([p for p in shipped if p.endswith((".md", ".txt"))])


def test_looking_at_the_queue_does_not_create_the_data_dir(tmp_path: Path) -> None:
    data_dir = tmp_path / "never-used"
    listed = run("queue", "list", "--data-dir", str(data_dir))
    exported = run("queue", "export", "--data-dir", str(data_dir))
    assert listed.returncode == 0 and "No pending comments" in listed.stdout
    assert exported.returncode == 0 and exported.stdout == ""
    assert not data_dir.exists()


@pytest.mark.parametrize("command", [["queue", "list"], ["queue", "export"], ["check"]])
def test_a_data_dir_that_is_a_file_gets_one_clear_line(tmp_path: Path, command: list[str]) -> None:
    a_file = tmp_path / "data"
    a_file.write_text("not a folder\n")
    done = run(*command, "--data-dir", str(a_file))
    assert done.returncode == 2
    assert done.stderr.strip().endswith("library.data_dir in the config file")
    assert "is a file, not a folder" in done.stderr and "Errno" not in done.stderr
    assert a_file.read_text() == "not a folder\n"


@pytest.mark.parametrize("command", [["config", "show"], ["queue", "export"], ["list"]])
def test_output_read_by_nobody_any_more_ends_quietly(
    command: list[str], articles: Path, data_dir: Path
) -> None:
    """`newsreader … | head`: the pipe closes early; no traceback, exit 1."""
    PendingQueue.open(data_dir).add(
        CommentDraft("harbour-wall", "Harbour wall repairs finish early", "Ana", "", "Kept.")
    )
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody reads: the first write fails with EPIPE
    try:
        finished = subprocess.run(
            [NEWSREADER, *command, "--articles", str(articles), "--data-dir", str(data_dir)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (finished.returncode, finished.stderr) == (1, "")
