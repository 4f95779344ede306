"""`newsreader config path | show | init | edit`, and the reader using the file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from newsreader.cli import main

FAKE_EDITOR = Path(__file__).parent / "programs" / "fake_editor.py"


def test_path_names_the_platform_file_and_says_it_is_not_there(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["config", "path"]) == 0
    out = capsys.readouterr().out
    expected = Path(os.environ["XDG_CONFIG_HOME"]) / "newsreader" / "config.toml"
    assert out.startswith(str(expected))
    assert "config init" in out


def test_init_writes_the_commented_file_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep" / "config.toml"
    assert main(["--config", str(path), "config", "init"]) == 0
    written = path.read_text()
    assert written.startswith("# newsreader settings.")
    assert "read_after_seconds = 3" in written
    path.write_text(written + "# mine\n")
    capsys.readouterr()
    assert main(["config", "init", "--config", str(path)]) == 2
    assert "already exists; not overwritten" in capsys.readouterr().err
    assert path.read_text().endswith("# mine\n")


def test_show_says_where_each_setting_came_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[reader]\ntheme = "nord"\nmeasure = 70\n[list]\nsort = "title"\n')
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(tmp_path / "env-data"))
    assert main(["--config", str(path), "--articles", "/x", "config", "show"]) == 0
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[1:]}
    assert rows["reader.theme"].split()[1:] == ["nord", "file,", f"{path}:2"]
    assert rows["reader.measure"].endswith(f"{path}:3")
    assert rows["list.sort"].endswith(f"{path}:5")
    assert rows["library.folder"].split()[1:] == ["/x", "flag,", "--articles"]
    assert rows["library.data_dir"].endswith("environment, $NEWSREADER_DATA_DIR")
    assert rows["list.show_read"].split()[1:] == ["true", "default"]


def test_show_lists_problems_on_stderr_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[reader]\nmeasure = "wide"\n')
    assert main(["--config", str(path), "config", "show"]) == 1
    captured = capsys.readouterr()
    assert captured.err == (
        f'{path}:2: reader.measure: should be a whole number, not the text "wide"; '
        "using the default, 90\n"
    )
    assert "reader.measure             90" in captured.out


def test_show_names_the_line_of_each_keymap_and_theme_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[reader]\ntheme = "no-such-theme"\n'
        '[keymap]\nmain.nothing = "x"\n"main.pending" = "ctrl+nope"\nmain.comment = "w"\n'
        '[themes.harbour]\nprimary = "glitter"\n'
    )
    assert main(["--config", str(path), "config", "show"]) == 1
    said = capsys.readouterr().err.splitlines()
    assert sorted(said) == sorted(
        [
            f"{path}:2: reader.theme: no theme is called “no-such-theme” "
            "(ctrl+p, “theme” lists them)",
            f"{path}:4: keymap.main.nothing: no binding is called “main.nothing” (? lists them)",
            f"{path}:5: keymap.main.pending: “ctrl+nope” is not a key name "
            "(try “w”, “ctrl+w”, “f5”, “slash”); its usual key is kept",
            f"{path}:8: themes.harbour.primary: “glitter” is not a colour (a name or #rrggbb)",
            f"{path}:7: themes.harbour: needs a primary colour; the theme is left out",
        ]
    )


def test_show_accepts_a_theme_the_file_defines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[reader]\ntheme = "harbour"\n[themes.harbour]\nprimary = "#3a7ca5"\n')
    assert main(["--config", str(path), "config", "show"]) == 0
    assert capsys.readouterr().err == ""


def test_show_names_an_email_a_comment_would_refuse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[comments]\nname = "Ana"\nemail = "ana@@example.org"\n')
    assert main(["--config", str(path), "config", "show"]) == 1
    [said] = capsys.readouterr().err.splitlines()
    assert said.startswith(f"{path}:3: comments.email: Email “ana@@example.org” is not a valid")
    path.write_text('[comments]\nemail = "ana@example.org"\n')
    assert main(["--config", str(path), "config", "show"]) == 0


def test_edit_opens_the_file_in_the_editor_and_checks_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.toml"
    editor = f"{sys.executable} {FAKE_EDITOR} --line '[raeder]'"
    monkeypatch.setenv("EDITOR", editor)
    # No file yet: edit writes the default first, then opens it.
    assert main(["--config", str(path), "config", "edit"]) == 1
    assert path.read_text().startswith("# newsreader settings.")
    assert path.read_text().endswith("[raeder]\n")
    assert "unknown section (did you mean reader?)" in capsys.readouterr().err


def test_edit_with_a_failing_editor_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.toml"
    path.write_text("")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {FAKE_EDITOR} --fail 4")
    assert main(["--config", str(path), "config", "edit"]) == 1
    assert "the editor exited with status 4" in capsys.readouterr().err


def test_the_file_chooses_the_library_and_data_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "news"
    library.mkdir()
    (library / "one.md").write_text("# One\n\nBody.\n")
    data = tmp_path / "data"
    path = tmp_path / "config.toml"
    path.write_text(f'[library]\nfolder = "news"\ndata_dir = "{data}"\n')
    assert main(["--config", str(path), "check"]) == 0
    assert str(library) in capsys.readouterr().err
    assert main(["--config", str(path), "queue", "list"]) == 0
