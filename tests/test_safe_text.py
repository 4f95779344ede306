from hypothesis import given, settings
from hypothesis import strategies as st

from examples import EXAMPLES, unsafe_in
from newsreader.safe_text import one_line, visible


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


def test_undecodable_file_name_bytes_become_replacement_characters() -> None:
    # os.fsdecode(b"caf\xe9.md"): the byte that is not UTF-8 arrives as a lone surrogate,
    # which cannot be written to a UTF-8 terminal at all.
    name = b"caf\xe9\x1b.md".decode("utf-8", "surrogateescape")
    shown = one_line(name)
    assert shown == "caf\ufffd␛.md"
    shown.encode("utf-8")  # would raise UnicodeEncodeError with the surrogate left in


def test_unicode_line_separators_become_newlines() -> None:
    assert visible("one\u2028two\u2029three") == "one\ntwo\nthree"
    assert one_line("one\u2028two") == "one two"


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=())))
def test_no_control_character_survives(text: str) -> None:
    shown, single = visible(text), one_line(text)
    assert unsafe_in(shown) == []
    assert unsafe_in(single) == []
    assert "\n" not in single and "\t" not in single and "  " not in single
    assert visible(shown) == shown  # nothing left to replace
    shown.encode("utf-8")


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp", "Cf"))))
def test_text_without_controls_is_unchanged(text: str) -> None:
    assert visible(text) == text
