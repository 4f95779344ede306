"""config.toml: precedence, one clear line per problem, and the default file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from newsreader.config import load_config
from newsreader.config.default_file import default_file_text
from newsreader.config.key_lines import key_lines
from newsreader.config.schema import SETTINGS


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "config.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_file_means_every_default_and_no_problem(tmp_path: Path) -> None:
    config = load_config(environ={"XDG_CONFIG_HOME": str(tmp_path)})
    assert config.problems == ()
    assert not config.file_found
    for setting in SETTINGS:
        assert config[setting.name] == setting.default
        assert config.values[setting.name].origin == "default"


def test_the_default_path_is_in_the_platform_config_dir() -> None:
    config = load_config(environ={})
    assert config.path.name == "config.toml"
    assert config.path.parent.name == "newsreader"
    assert config.path_origin == "default"


def test_an_explicit_missing_file_is_named(tmp_path: Path) -> None:
    config = load_config(str(tmp_path / "nope.toml"), environ={})
    assert [problem.line() for problem in config.problems] == [
        f"{tmp_path / 'nope.toml'}: no such file; using all defaults"
    ]


def test_precedence_flag_then_environment_then_file_then_default(tmp_path: Path) -> None:
    path = write(tmp_path, '[library]\nfolder = "/from/file"\ndata_dir = "/data/file"\n')
    environ = {"NEWSREADER_ARTICLES": "/from/env"}
    file_only = load_config(str(path), environ={})
    assert file_only["library.folder"] == "/from/file"
    assert file_only.values["library.folder"].source == f"{path}:2"
    env_wins = load_config(str(path), environ=environ)
    assert env_wins["library.folder"] == "/from/env"
    assert env_wins.values["library.folder"].origin == "environment"
    assert env_wins.values["library.folder"].source == "$NEWSREADER_ARTICLES"
    flag_wins = load_config(str(path), flags={"library.folder": "/from/flag"}, environ=environ)
    assert flag_wins["library.folder"] == "/from/flag"
    assert flag_wins.values["library.folder"].origin == "flag"
    # A setting the flag and environment left alone still comes from the file.
    assert flag_wins["library.data_dir"] == "/data/file"
    assert flag_wins["reader.theme"] == "textual-dark"
    assert flag_wins.values["reader.theme"].origin == "default"


def test_the_config_path_itself_flag_then_environment(tmp_path: Path) -> None:
    one = write(tmp_path, '[reader]\ntheme = "nord"\n')
    other = tmp_path / "other.toml"
    other.write_text('[reader]\ntheme = "gruvbox"\n')
    environ = {"NEWSREADER_CONFIG": str(other)}
    assert load_config(environ=environ)["reader.theme"] == "gruvbox"
    assert load_config(str(one), environ=environ)["reader.theme"] == "nord"


def test_a_relative_path_in_the_file_is_relative_to_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[library]\nfolder = "news"\n')
    assert load_config(str(path), environ={})["library.folder"] == str(tmp_path / "news")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[reader]\ntheme = 3\n", ":2: reader.theme: should be text in quotes, not the number 3"),
        ("[reader]\nmeasure = 12.5\n", ":2: reader.measure: should be a whole number"),
        ("[reader]\nmeasure = 10\n", ":2: reader.measure: should be from 30 to 500, not 10"),
        ("[reader]\nread_after_seconds = true\n", ":2: reader.read_after_seconds: should be"),
        ('\n[list]\nsort = "size"\n', ":3: list.sort: should be one of date, title, source"),
        ('[list]\ncolumns = ["date", "votes"]\n', ':2: list.columns: unknown "votes"'),
        ('[list]\nshow_read = "yes"\n', ":2: list.show_read: should be true or false"),
        ("[reader]\nmesure = 80\n", ":2: reader.mesure: unknown setting (did you mean measure?)"),
        ("[raeder]\n", ":1: [raeder]: unknown section (did you mean reader?)"),
        ('[keymap]\n"main.comment" = 5\n', ":2: keymap.main.comment: should be a key in quotes"),
        ("reader = 1\n", ":1: reader: should be a [reader] table"),
    ],
)
def test_each_bad_setting_is_one_line_with_file_line_and_key(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path, text)
    config = load_config(str(path), environ={})
    lines = [problem.line() for problem in config.problems]
    assert len(lines) == 1, lines
    assert lines[0].startswith(str(path) + expected), lines
    # The bad setting falls back to its default; the others are untouched.
    for setting in SETTINGS:
        assert config[setting.name] == setting.default


def test_good_settings_survive_a_bad_neighbour(tmp_path: Path) -> None:
    path = write(tmp_path, '[reader]\ntheme = "nord"\nmeasure = "wide"\nread_after_seconds = 1.5\n')
    config = load_config(str(path), environ={})
    assert config["reader.theme"] == "nord"
    assert config["reader.measure"] == 90
    assert config["reader.read_after_seconds"] == 1.5
    assert len(config.problems) == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("a = \n", ":1: not TOML: Invalid value (column 5); using all defaults"),
        ('[reader]\ntheme = "nord"\n[reader]\n', ":3: not TOML"),
        (b"[reader]\ntheme = '\xff'\n", ":2: not UTF-8 text; using all defaults"),
    ],
)
def test_a_file_that_is_not_toml_gives_all_defaults(
    tmp_path: Path, content: str | bytes, expected: str
) -> None:
    path = write(tmp_path, content)
    config = load_config(str(path), environ={})
    assert config.problems[0].line().startswith(str(path) + expected)
    assert config["reader.theme"] == "textual-dark"


def test_a_byte_order_mark_first_is_no_error(tmp_path: Path) -> None:
    path = write(tmp_path, b'\xef\xbb\xbf[reader]\ntheme = "gruvbox"\nmeasure = "wide"\n')
    config = load_config(str(path), environ={})
    assert config["reader.theme"] == "gruvbox"
    [problem] = config.problems
    assert problem.line().startswith(f"{path}:3: reader.measure:")


def test_a_folder_where_the_file_should_be(tmp_path: Path) -> None:
    folder = tmp_path / "config.toml"
    folder.mkdir()
    config = load_config(str(folder), environ={})
    assert "is a folder, not a file" in config.problems[0].line()


def test_control_characters_in_a_key_are_shown_not_sent(tmp_path: Path) -> None:
    path = write(tmp_path, '[reader]\n"the\\u001b]0;owned\\u0007" = 1\n')
    (line,) = [problem.line() for problem in load_config(str(path), environ={}).problems]
    assert "\x1b" not in line and "\x07" not in line
    assert "␛" in line


def test_environment_text_is_read_as_the_setting_kind(tmp_path: Path) -> None:
    config = load_config(
        str(tmp_path / "none.toml"),
        flags={"reader.theme": "nord"},
        environ={"NEWSREADER_DATA_DIR": "~/elsewhere"},
    )
    assert config["reader.theme"] == "nord"
    assert config["library.data_dir"] == "~/elsewhere"


def test_keymap_and_themes_are_kept_for_the_ui(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[keymap]\n"main.comment" = "w"\nmain.search = ["slash", "ctrl+f"]\n'
        '[themes.harbour]\nprimary = "#3a7ca5"\ndark = true\n',
    )
    config = load_config(str(path), environ={})
    assert config.problems == ()
    assert config.keymap == {"main.comment": "w", "main.search": "slash,ctrl+f"}
    assert config.themes == {"harbour": {"primary": "#3a7ca5", "dark": True}}
    assert config.where("keymap", "main.comment") == f"{path}:2"
    assert config.where("themes", "harbour") == f"{path}:4"


def test_the_default_file_is_toml_and_sets_every_default(tmp_path: Path) -> None:
    text = default_file_text()
    tomllib.loads(text)
    for setting in SETTINGS:
        assert setting.meaning.split()[0] in text
    config = load_config(str(write(tmp_path, text)), environ={})
    assert config.problems == ()
    for setting in SETTINGS:
        assert config[setting.name] == setting.default


def test_key_lines_follow_tables_and_skip_multiline_strings() -> None:
    text = (
        "top = 1\n"
        "[reader]\n"
        'note = """\n'
        "fake = 2\n"
        '"""\n'
        "theme = 'x'\n"
        "[[comments.server]]\n"
        'site = "a"\n'
    )
    lines = key_lines(text)
    assert lines[("top",)] == 1
    assert lines[("reader",)] == 2
    assert ("reader", "fake") not in lines
    assert lines[("reader", "theme")] == 6
    assert lines[("comments", "server", "#1", "site")] == 8


def test_comment_servers_are_read_in_order_and_bad_ones_named(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[comments]\nsend = "manual"\n'
        '[[comments.server]]\nsite = "https://www.example.org/"\n'
        'isso = "https://comments.example.org/"\n'
        '[[comments.server]]\nsite = "example.net"\nisso = "https://c.example.net/"\n'
        '[[comments.server]]\nsite = "https://b.example/"\nisso = "https://c.b.example/"\n'
        'colour = "red"\n',
    )
    config = load_config(str(path), environ={})
    assert config["comments.send"] == "manual"
    assert [(server.site, server.kind, server.url) for server in config.servers] == [
        ("https://www.example.org/", "isso", "https://comments.example.org/"),
        ("https://b.example/", "isso", "https://c.b.example/"),
    ]
    assert [problem.line() for problem in config.problems] == [
        f'{path}:6: comments.server: needs site = "https://…/" (the address its articles '
        "start with); this server is not used",
        f"{path}:12: comments.server: unknown field 'colour'; ignored",
    ]


def test_a_config_folder_we_may_not_enter_is_one_line_not_a_crash(
    shared_tmp: Path, request: pytest.FixtureRequest
) -> None:
    import os
    import shutil
    import subprocess

    folder = shared_tmp / "locked"
    folder.mkdir()
    (folder / "config.toml").write_text('[reader]\ntheme = "nord"\n')
    folder.chmod(0o000)
    try:
        if os.geteuid() == 0:  # root enters any folder: ask as nobody
            runner = request.getfixturevalue("unprivileged")
            # The program is copied where nobody can read it (a checkout may be 0700).
            probe = shared_tmp / "load_config.py"
            shutil.copy(Path(__file__).parent / "programs" / "load_config.py", probe)
            probe.chmod(0o644)
            done = subprocess.run(
                runner.python_command(str(probe), str(folder / "config.toml")),
                env=runner.env,
                capture_output=True,
                text=True,
                timeout=60,
                cwd="/",
            )
            assert done.returncode == 0, done.stderr
            theme, problem = done.stdout.strip().split("|")
        else:
            config = load_config(str(folder / "config.toml"), environ={})
            theme, problem = config.text("reader.theme"), config.problems[0].line()
        assert theme == "textual-dark"
        assert "cannot be read (Permission denied); using all defaults" in problem
    finally:
        folder.chmod(0o700)
