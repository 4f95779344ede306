"""CommentDraft validation: which rule, which field, and a message that says where."""

from __future__ import annotations

import pytest

from newsreader.comments.comment_rules import BODY_LIMIT, EMAIL_LIMIT, NAME_LIMIT, CommentDraft


def draft(name: str = "Ada", email: str = "", body: str = "Well argued.") -> CommentDraft:
    return CommentDraft("a-1", "An article", name, email, body)


def messages(d: CommentDraft) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in d.problems():
        found.setdefault(problem.field, []).append(problem.message)
    return found


def test_a_plain_draft_has_no_problems() -> None:
    assert draft().problems() == []
    assert draft(email="ada@example.org").problems() == []


@pytest.mark.parametrize("name", ["", "   ", "\t", "\n"])
def test_name_is_required(name: str) -> None:
    assert messages(draft(name=name)) == {"name": ["Name is required."]}


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\u3164", "\u3164\u3164 ", "\u200e", "\u200f\u200e", "\u2060\ufeff", "\u115f\u1160"],
)
def test_name_and_comment_of_only_invisible_characters_are_refused(invisible: str) -> None:
    found = messages(draft(name=invisible, body=invisible))
    assert found == {
        "name": ["Name holds only invisible characters; type something people can see."],
        "body": ["Comment holds only invisible characters; type something people can see."],
    }


def test_a_visible_character_among_invisible_ones_is_enough() -> None:
    assert draft(name="\u3164Ana\u200b", body="\u200fok").problems() == []


def test_lengths_count_what_a_person_sees() -> None:
    decomposed_e = "e\u0301"
    assert draft(name=decomposed_e * NAME_LIMIT).problems() == []
    assert messages(draft(name=decomposed_e * (NAME_LIMIT + 1))) == {
        "name": ["Name is 81 characters; the limit is 80."]
    }
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert draft(name=family * NAME_LIMIT).problems() == []
    assert draft(body=family * BODY_LIMIT).problems() == []


def test_name_length_limit_counts_characters_as_typed() -> None:
    assert draft(name="x" * NAME_LIMIT).problems() == []
    assert messages(draft(name="x" * 93)) == {"name": ["Name is 93 characters; the limit is 80."]}
    # Emoji count as one character each, not as bytes.
    assert draft(name="🙂" * NAME_LIMIT).problems() == []


@pytest.mark.parametrize(
    "email",
    [
        "bob@",
        "@example.org",
        "bob@example",
        "bob@@example.org",
        "a@b@c.org",
        "bob@example.",
        "bob",
        "a@-.-",
        "a@b.c\u200b",
        "x@1.2",
    ],
)
def test_invalid_email_is_quoted_back_with_the_validators_reason(email: str) -> None:
    [message] = messages(draft(email=email))["email"]
    assert message.startswith(f"Email “{email}” is not a valid address: ")
    assert message.endswith(" (expected name@example.org).")


def test_a_zero_width_space_in_an_email_is_named() -> None:
    [message] = messages(draft(email="a@b.c\u200b"))["email"]
    assert "ZERO WIDTH SPACE" in message


def test_email_with_a_space_inside_is_refused() -> None:
    [message] = messages(draft(email="bob @example.org"))["email"]
    assert message.startswith("Email “bob @example.org” contains a space")


@pytest.mark.parametrize("email", [" bob@example.org", "bob@example.org\t", "  bob@example.org  "])
def test_spaces_around_an_email_are_trimmed_as_around_a_name(email: str) -> None:
    assert draft(email=email).problems() == []
    assert draft(email=email).as_sent().email == "bob@example.org"


def test_email_is_optional_and_real_addresses_pass() -> None:
    for email in ["", "o'brien+news@mail.example.co.uk", "josé@exämple.org", "a@b.c"]:
        assert draft(email=email).problems() == [], email


def test_email_length_limit_does_not_echo_the_address() -> None:
    email = "a" * 250 + "@x.org"
    assert messages(draft(email=email)) == {"email": ["Email is 256 characters; the limit is 254."]}
    assert draft(email="a" * (EMAIL_LIMIT - 6) + "@x.org").problems() == []


@pytest.mark.parametrize("body", ["", " ", "\n\n\t \n"])
def test_comment_body_is_required(body: str) -> None:
    assert messages(draft(body=body)) == {"body": ["Comment is required."]}


def test_comment_length_limit() -> None:
    assert draft(body="y" * BODY_LIMIT).problems() == []
    assert messages(draft(body="y" * 5_123)) == {
        "body": ["Comment is 5,123 characters; the limit is 5,000."]
    }


def test_escape_in_body_is_named_with_line_and_column() -> None:
    body = "First line\nabcd\x1b[2Jrest"
    assert messages(draft(body=body)) == {
        "body": ["Comment contains a control character (ESC) at line 2, column 5; remove it."]
    }


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        ("\x00", "NUL"),
        ("\x07", "BEL"),
        ("\x08", "BS"),
        ("\x0b", "VT"),
        ("\x0c", "FF"),
        ("\x7f", "DEL"),
        ("\x85", "U+0085"),
        ("\x9b", "U+009B"),
        ("\x9d", "U+009D"),
    ],
)
def test_each_kind_of_control_is_named(char: str, shown: str) -> None:
    for field in ("name", "email", "body"):
        fields = {"name": "Ada", "email": "ada@example.org", "body": "Fine."}
        fields[field] = f"ab{char}c"
        found = messages(CommentDraft("a-1", "T", **fields))
        label = {"name": "Name", "email": "Email", "body": "Comment"}[field]
        assert found == {
            field: [
                f"{label} contains a control character ({shown}) at line 1, column 3; remove it."
            ]
        }


def test_several_controls_are_counted_and_the_first_located() -> None:
    body = "ok\n\x1b]0;pwned\x07 and \x9b31m"
    assert messages(draft(body=body)) == {
        "body": [
            "Comment contains 3 characters that are not allowed; the first is a control "
            "character (ESC) at line 2, column 1; remove them."
        ]
    }


def test_line_break_is_refused_in_name_and_email_but_not_in_body() -> None:
    assert messages(draft(name="Ada\nLovelace")) == {
        "name": ["Name contains a line break (LF) at line 1, column 4; remove it."]
    }
    assert "email" in messages(draft(email="ada@example.org\n"))
    assert draft(body="one\ntwo\n\nthree\n").problems() == []


def test_tab_is_allowed_everywhere_it_is_not_a_space_rule() -> None:
    assert draft(name="Ada\tL.", body="\tindented").problems() == []


def test_lone_carriage_return_is_refused_but_crlf_is_a_line_break_in_body() -> None:
    assert draft(body="pasted\r\nfrom Windows\r\n").problems() == []
    assert messages(draft(body="abc\rdef")) == {
        "body": ["Comment contains a control character (CR) at line 1, column 4; remove it."]
    }
    # In a one-line field a CRLF is still a control followed by a line break.
    assert messages(draft(name="Ada\r\n"))["name"][0].startswith("Name contains 2 characters")


def test_bidi_overrides_are_refused_in_name_and_email_allowed_in_body() -> None:
    assert messages(draft(name="Ada\u202eevil")) == {
        "name": [
            "Name contains a bidirectional control character "
            "(U+202E RIGHT-TO-LEFT OVERRIDE) at line 1, column 4; remove it."
        ]
    }
    assert "email" in messages(draft(email="\u2066ada@example.org"))
    assert draft(body="quote: \u2067שלום\u2069 end").problems() == []


def test_lone_surrogate_is_refused_because_it_cannot_be_stored() -> None:
    assert messages(draft(body="bad \udcff byte")) == {
        "body": ["Comment contains an invalid character (U+DCFF) at line 1, column 5; remove it."]
    }


def test_problems_of_every_field_are_reported_together_in_form_order() -> None:
    found = draft(name="", email="bob@", body="").problems()
    assert [problem.field for problem in found] == ["name", "email", "body"]


def test_any_script_emoji_rtl_and_leading_spaces_are_acceptable() -> None:
    exotic = draft(
        name="  زينب 李 Ōtsuka",
        email="",
        body="   leading spaces\nمرحبا بالعالم\nשלום 👩‍👩‍👧 e\u0301 \u200f mark\n\u2028",
    )
    assert exotic.problems() == []
