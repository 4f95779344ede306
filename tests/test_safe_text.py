from newsreader.safe_text import one_line, unsafe_characters, visible


def test_escape_sequences_become_visible() -> None:
    shown = visible("a\x1b[2Jb\x1b]52;c;aGk=\x07")
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown.startswith("a␛[2Jb␛]52;c;aGk=")


def test_newlines_and_tabs_are_kept_elsewhere_controls_replaced() -> None:
    assert visible("line\n\tindent") == "line\n\tindent"
    assert visible("x\ry") == "x␍y"
    assert visible("del\x7f") == "del␡"
    assert visible("c1\x9b31m") == "c1<U+009B>31m"
    assert visible("bidi\u202eevil") == "bidi<U+202E>evil"


def test_plain_text_of_any_script_is_untouched() -> None:
    text = "Ünïcödé — עברית العربية 日本語 🙂  leading"
    assert visible(text) == text


def test_one_line_collapses_whitespace() -> None:
    assert one_line("  Title\nwith\tbreaks  ") == "Title with breaks"


def test_unsafe_characters_reports_positions() -> None:
    assert unsafe_characters("ok\x1bx\x00") == [(2, "␛"), (4, "␀")]
