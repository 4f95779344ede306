"""`newsreader comment` and `newsreader queue remove|list --drafts|export --drafts`, run as
real processes: exit status, the one line on stderr, and what ends up in the queue."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from library_reading import read_library
from library_samples import write_library
from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue
from newsreader.library.sources import Library, find_article

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
TITLE = "Harbour wall repairs finish early"


@pytest.fixture
def places(tmp_path: Path) -> tuple[Path, Path]:
    return write_library(tmp_path / "articles"), tmp_path / "data"


def newsreader(
    places: tuple[Path, Path], *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    articles, data_dir = places
    result = subprocess.run(
        [NEWSREADER, *args, "--articles", str(articles), "--data-dir", str(data_dir)],
        input=stdin,
        capture_output=True,
        timeout=60,
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


def comment(
    places: tuple[Path, Path], *args: str, **kwargs: bytes
) -> subprocess.CompletedProcess[str]:
    return newsreader(places, "comment", *args, **kwargs)


def one_line_refusal(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def stored(places: tuple[Path, Path]) -> list[tuple[str, str, str, str]]:
    return [(c.id, c.article_id, c.name, c.body) for c in PendingQueue.open(places[1]).pending()]


# --- adding ---------------------------------------------------------------------------------


def test_comment_prints_the_id_of_what_it_stored(places: tuple[Path, Path]) -> None:
    text = "  Leading spaces kept, RTL مرحبا, emoji 🙂\r\nand a CRLF line break"
    result = comment(
        places, "harbour-wall", "--name", "Zoë", "--email", "z@example.org", "--text", text
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    printed = result.stdout.strip()
    [saved] = PendingQueue.open(places[1]).pending()
    assert printed == saved.id
    assert (saved.article_id, saved.article_title) == ("harbour-wall", TITLE)
    assert (saved.name, saved.email, saved.body) == ("Zoë", "z@example.org", text)


def test_text_from_stdin_and_from_a_file(places: tuple[Path, Path], tmp_path: Path) -> None:
    piped = comment(
        places,
        "town/library-hours",
        "--name",
        "Ana",
        "--text-file",
        "-",
        stdin=b"from stdin\n\twith a tab\n",
    )
    assert piped.returncode == 0, piped.stderr
    written = tmp_path / "comment.txt"
    written.write_bytes("\ufeffA file saved with a BOM\n".encode())
    from_file = comment(places, "tide-clocks", "--name", "Ana", "--text-file", str(written))
    assert from_file.returncode == 0, from_file.stderr
    bodies = {article: body for _, article, _, body in stored(places)}
    assert bodies == {
        "town/library-hours": "from stdin\n\twith a tab\n",
        "tide-clocks": "A file saved with a BOM\n",
    }


def test_the_same_id_twice_stores_one_comment(places: tuple[Path, Path]) -> None:
    given = "0f0e0d0c-0b0a-4000-8000-000000000001"
    for _ in range(2):
        result = comment(places, "harbour-wall", "--name", "Ana", "--text", "once", "--id", given)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == given
    assert [row[0] for row in stored(places)] == [given]


@pytest.mark.parametrize(
    ("args", "stdin", "expected"),
    [
        (["harbour-wall", "--text", "hello"], None, "Name is required."),
        (["harbour-wall", "--name", "", "--text", "hello"], None, "Name is required."),
        (["harbour-wall", "--name", "A" * 81, "--text", "x"], None, "Name is 81 characters"),
        (["harbour-wall", "--name", "Ana", "--text", "   "], None, "Comment is required."),
        (["harbour-wall", "--name", "Ana"], None, "no comment text: give --text"),
        (
            ["harbour-wall", "--name", "Ana", "--text", "red \x1b[31m!"],
            None,
            "control character (ESC) at line 1, column 5",
        ),
        (
            ["harbour-wall", "--name", "Ana", "--text", "ok\nbell\x07 here"],
            None,
            "control character (BEL) at line 2, column 5",
        ),
        (
            ["harbour-wall", "--name", "Ana", "--email", "not an address", "--text", "x"],
            None,
            "contains a space",
        ),
        (["harbour-wall", "--name", "Ana", "--text", "x" * 5001], None, "limit is 5,000"),
        (["no/such-article", "--name", "Ana", "--text", "x"], None, "no article with id"),
        (["../articles/harbour-wall", "--name", "Ana", "--text", "x"], None, "no article"),
        (
            ["harbour-wall", "--name", "Ana", "--text-file", "-"],
            b"caf\xe9",
            "standard input is not UTF-8 text (byte 0xe9 at offset 3)",
        ),
        (
            ["harbour-wall", "--name", "Ana", "--text", "a", "--text-file", "-"],
            None,
            "not allowed with argument --text",
        ),
        (["harbour-wall", "--name", "Ana", "--text", "x", "--id", "42"], None, "not a UUID"),
    ],
)
def test_refused_input_is_one_line_and_exit_2(
    places: tuple[Path, Path], args: list[str], stdin: bytes | None, expected: str
) -> None:
    line = one_line_refusal(comment(places, *args, stdin=stdin or b""))
    assert expected in line
    assert not (places[1] / "queue.sqlite3").exists() or stored(places) == []


def test_a_refusal_quoting_hostile_input_stays_one_plain_line(places: tuple[Path, Path]) -> None:
    line = one_line_refusal(comment(places, "evil\n\x1b]0;pwned\x07", "--name", "A", "--text", "x"))
    assert "\x1b" not in line and "\x07" not in line
    assert "␛]0;pwned␇" in line


def test_a_missing_text_file_is_refused(places: tuple[Path, Path], tmp_path: Path) -> None:
    line = one_line_refusal(
        comment(places, "harbour-wall", "--name", "A", "--text-file", str(tmp_path / "nope"))
    )
    assert "cannot read" in line and "No such file" in line


def test_a_queue_that_cannot_be_opened_is_exit_1(tmp_path: Path) -> None:
    articles = write_library(tmp_path / "articles")
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    (data_dir / "queue.sqlite3").mkdir()  # a folder where the queue file goes
    result = comment((articles, data_dir), "harbour-wall", "--name", "A", "--text", "x")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("newsreader: Could not open the pending queue:")
    assert result.stderr.count("\n") == 1


def test_a_damaged_queue_is_set_aside_and_said_on_stderr(places: tuple[Path, Path]) -> None:
    data_dir = places[1]
    data_dir.mkdir(mode=0o700)
    damaged = b"this is not a database " * 200
    (data_dir / "queue.sqlite3").write_bytes(damaged)
    result = comment(places, "harbour-wall", "--name", "A", "--text", "after the damage")
    assert result.returncode == 0, result.stderr
    assert "moved aside, not deleted" in result.stderr
    [aside] = data_dir.glob("queue.sqlite3.corrupt-*")
    assert str(aside) in result.stderr
    assert aside.read_bytes() == damaged
    assert [row[3] for row in stored(places)] == ["after the damage"]


# --- looking articles up by id --------------------------------------------------------------


def test_find_article_agrees_with_the_index(tmp_path: Path) -> None:
    root = write_library(tmp_path / "articles")
    (root / "dupe.md").write_text("# From Markdown\n", encoding="utf-8")
    (root / "dupe.txt").write_text("From text\n", encoding="utf-8")
    (root / "LOUD.MD").write_text("# Upper-case suffix\n", encoding="utf-8")
    (root / ".hidden.md").write_text("# Hidden\n", encoding="utf-8")
    (root / ".secret").mkdir()
    (root / ".secret" / "inside.md").write_text("# Hidden folder\n", encoding="utf-8")
    outside = tmp_path / "outside.md"
    outside.write_text("# Outside\n", encoding="utf-8")
    (root / "escape.md").symlink_to(outside)
    (root / "linked-folder").symlink_to(root / "town")
    (root / "binary.md").write_bytes(b"\0\1\2" * 1000)
    (root / "alias.md").symlink_to(root / "dupe.md")  # listed once, under dupe
    (root / "draft.md").symlink_to(root / ".secret" / "inside.md")  # listed only by the link
    scanned = {article.id: article for article in read_library(root).articles}
    asked = [
        *scanned,
        "dupe",
        ".hidden",
        ".secret/inside",
        "escape",
        "linked-folder/library-hours",
        "binary",
        "alias",
        "town",
        "../outside",
        "",
        "town/",
    ]
    for article_id in asked:
        found = find_article(Library.of_folder(root), article_id)
        expected = scanned.get(article_id)
        assert (found and (found.id, found.path)) == (expected and (expected.id, expected.path)), (
            article_id
        )
    assert scanned["dupe"].path.name == "dupe.md"
    assert "draft" in scanned


# --- removing, and showing drafts -----------------------------------------------------------


def test_remove_withdraws_by_full_or_shortened_id(places: tuple[Path, Path]) -> None:
    queue = PendingQueue.open(places[1])
    first = queue.add(CommentDraft("harbour-wall", TITLE, "Ana", "", "first"))
    second = queue.add(CommentDraft("harbour-wall", TITLE, "Ben", "", "second"))
    removed = newsreader(places, "queue", "remove", first.id)
    assert (removed.returncode, removed.stdout) == (0, f"withdrawn {first.id}\n")
    removed = newsreader(places, "queue", "remove", second.id[:8])
    assert (removed.returncode, removed.stdout) == (0, f"withdrawn {second.id}\n")
    assert queue.pending() == []
    again = newsreader(places, "queue", "remove", first.id)
    assert "no single pending comment or draft" in one_line_refusal(again)
    assert "too short" in one_line_refusal(newsreader(places, "queue", "remove", "abc"))


def test_remove_refuses_an_id_that_matches_several(places: tuple[Path, Path]) -> None:
    queue = PendingQueue.open(places[1])
    for last in "12":
        queue.add(
            CommentDraft("harbour-wall", TITLE, "Ana", "", last),
            comment_id=f"abcdef01-0000-4000-8000-00000000000{last}",
        )
    line = one_line_refusal(newsreader(places, "queue", "remove", "abcdef01"))
    assert "matches 2" in line
    assert queue.count() == 2


def test_drafts_show_only_when_asked_and_remove_discards_them(
    places: tuple[Path, Path],
) -> None:
    queue = PendingQueue.open(places[1])
    queue.add(CommentDraft("harbour-wall", TITLE, "Ana", "", "sent"))
    draft_id = "d7af0000-0000-4000-8000-000000000001"
    queue.save_draft(
        draft_id, CommentDraft("tide-clocks", "[b]Tides[/b]", "[red]Eve", "", "still typing")
    )
    listed = newsreader(places, "queue", "list")
    assert "still typing" not in listed.stdout and "sent" in listed.stdout
    assert "1 draft not shown; add --drafts to see them." in listed.stdout
    exported = newsreader(places, "queue", "export")
    assert [json.loads(line)["status"] for line in exported.stdout.splitlines()] == ["pending"]

    listed = newsreader(places, "queue", "list", "--drafts")
    assert "1 pending comment, 1 draft" in listed.stdout
    assert "still typing" in listed.stdout
    assert "[red]Eve" in listed.stdout and "[b]Tides[/b]" in listed.stdout
    exported = newsreader(places, "queue", "export", "--drafts")
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [r["status"] for r in records] == ["pending", "draft"]
    assert records[1]["id"] == draft_id and records[1]["body"] == "still typing"

    removed = newsreader(places, "queue", "remove", draft_id[:8])
    assert (removed.returncode, removed.stdout) == (0, f"discarded draft {draft_id}\n")
    assert queue.drafts() == []
    assert queue.count() == 1


# --- many commands at once ------------------------------------------------------------------


def test_commands_writing_at_once_store_exactly_the_sum(places: tuple[Path, Path]) -> None:
    per_writer, writers = 12, 3
    articles, data_dir = places
    PendingQueue.open(data_dir)
    # Each writer is a shell loop of real `newsreader comment` processes; the loops overlap.
    loop = (
        'for i in $(seq 1 "$2"); do "$0" comment harbour-wall --name "$1" --text "n$i" '
        '--articles "$3" --data-dir "$4" || echo "exit $?" >&2; done'
    )
    children = [
        subprocess.Popen(
            [
                "sh",
                "-c",
                loop,
                NEWSREADER,
                f"w{w}",
                str(per_writer),
                str(articles),
                str(data_dir),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ},
        )
        for w in range(writers)
    ]
    outputs = [child.communicate(timeout=240) for child in children]
    printed = [line for out, _ in outputs for line in out.split()]
    errors = "".join(err for _, err in outputs)
    assert errors == ""  # no "database is locked", no other complaint, no failed exit
    rows = stored(places)
    assert len(rows) == per_writer * writers == len(printed)
    assert {row[0] for row in rows} == set(printed)
    for w in range(writers):
        assert sorted(row[3] for row in rows if row[2] == f"w{w}") == sorted(
            f"n{i}" for i in range(1, per_writer + 1)
        )


# --- one text per id (issue 8, item 1) and the forms an id may take (item 9) ------------------

GIVEN_ID = "0f0e0d0c-0b0a-4000-8000-0000000000aa"


def test_an_id_that_holds_different_text_is_exit_2_and_changes_nothing(
    places: tuple[Path, Path],
) -> None:
    first = comment(places, "harbour-wall", "--name", "Ana", "--text", "first", "--id", GIVEN_ID)
    assert (first.returncode, first.stdout.strip()) == (0, GIVEN_ID)
    before = stored(places)
    other = comment(places, "harbour-wall", "--name", "Ana", "--text", "other", "--id", GIVEN_ID)
    line = one_line_refusal(other)
    assert f"--id {GIVEN_ID} already holds a different comment" in line
    assert "nothing was changed" in line
    assert stored(places) == before


def test_re_adding_a_withdrawn_id_says_it_was_withdrawn(places: tuple[Path, Path]) -> None:
    args = ["harbour-wall", "--name", "Ana", "--text", "first", "--id", GIVEN_ID]
    assert comment(places, *args).returncode == 0
    removed = newsreader(places, "queue", "remove", GIVEN_ID)
    assert removed.returncode == 0, removed.stderr
    line = one_line_refusal(comment(places, *args))
    assert f"--id {GIVEN_ID} was withdrawn" in line
    assert PendingQueue.open(places[1]).count() == 0


@pytest.mark.parametrize(
    "written",
    [GIVEN_ID.upper(), "{" + GIVEN_ID + "}", "{" + GIVEN_ID.upper() + "}", f"urn:uuid:{GIVEN_ID}"],
)
def test_comment_and_queue_remove_accept_the_same_forms_of_an_id(
    places: tuple[Path, Path], written: str
) -> None:
    added = comment(places, "harbour-wall", "--name", "Ana", "--text", "x", "--id", written)
    assert (added.returncode, added.stdout.strip()) == (0, GIVEN_ID), added.stderr
    removed = newsreader(places, "queue", "remove", written)
    assert (removed.returncode, removed.stdout) == (0, f"withdrawn {GIVEN_ID}\n"), removed.stderr
    assert comment(places, "harbour-wall", "--name", "Ana", "--text", "y").returncode == 0
    fresh = PendingQueue.open(places[1]).pending()[0].id
    removed = newsreader(places, "queue", "remove", "{" + fresh[:8].upper())
    assert (removed.returncode, removed.stdout) == (0, f"withdrawn {fresh}\n"), removed.stderr


def test_an_email_with_spaces_around_is_stored_trimmed(places: tuple[Path, Path]) -> None:
    result = comment(
        places, "harbour-wall", "--name", "Ana", "--email", " ana@example.org ", "--text", "hi"
    )
    assert result.returncode == 0, result.stderr
    [queued] = PendingQueue.open(places[1]).pending()
    assert queued.email == "ana@example.org"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--name", "\u3164", "--text", "hi"], "Name holds only invisible characters"),
        (["--name", "Ana", "--text", "\u200b\u200e"], "Comment holds only invisible characters"),
        (["--name", "Ana", "--email", "a@b.c\u200b", "--text", "hi"], "ZERO WIDTH SPACE"),
        (["--name", "Ana", "--email", "a@-.-", "--text", "hi"], "is not a valid address"),
    ],
)
def test_input_judged_by_what_a_person_sees(
    places: tuple[Path, Path], args: list[str], expected: str
) -> None:
    assert expected in one_line_refusal(comment(places, "harbour-wall", *args))
    assert stored(places) == []


def test_a_jsonl_export_is_one_record_per_line_even_with_line_separators(
    places: tuple[Path, Path],
) -> None:
    queue = PendingQueue.open(places[1])
    queue.add(CommentDraft("harbour-wall", TITLE, "Ana", "", "one\u2028two\u2029three"))
    queue.add(CommentDraft("harbour-wall", TITLE, "Ben", "", "plain"))
    result = newsreader(places, "queue", "export")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["body"] == "one\u2028two\u2029three"
    assert "\\u2028" in lines[0] and "\\u2029" in lines[0]


def editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(0o755)
    return str(script)


def test_edit_writes_the_comment_in_the_editor(
    places: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", editor(tmp_path, 'printf " and the tide\\033[0m." >> "$1"\n'))
    result = comment(places, "harbour-wall", "--name", "Ana", "--text", "The wall", "--edit")
    assert result.returncode == 0, result.stderr
    [(_, _, name, body)] = stored(places)
    assert (name, body) == ("Ana", "The wall and the tide[0m.")
    assert "removed 1 control character" in result.stderr
    assert list((places[1] / "editing").iterdir()) == []


def test_edit_with_an_editor_that_fails_queues_nothing(
    places: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", editor(tmp_path, 'echo "half" >> "$1"\nexit 4\n'))
    result = comment(places, "harbour-wall", "--name", "Ana", "--edit")
    assert "not queued: the editor exited with status 4" in one_line_refusal(result)
    assert stored(places) == []
