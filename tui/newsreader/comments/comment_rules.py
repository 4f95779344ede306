"""A comment as typed into the form, and the rules it must meet before it is queued.

The text is stored exactly as typed (any script, emoji, right-to-left text, leading
spaces); only the spaces around an email address are dropped. What is refused is judged
by what a person sees: characters that could act on a terminal or a moderator's screen
(C0 and C1 controls, DEL, and - in the one-line fields - bidi overrides that could make a
name read as something else), fields that hold nothing visible (zero-width characters,
Hangul fillers, direction marks), and addresses `email-validator` rejects. Lengths count
user-perceived characters (grapheme clusters): "é" typed as e + accent is one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from newsreader.control_chars import BIDI_CONTROLS, character_name, has_nothing_visible

NAME_LIMIT = 80
EMAIL_LIMIT = 254  # the longest address SMTP can carry (RFC 5321 path limit)
BODY_LIMIT = 5_000

FieldName = Literal["name", "email", "body"]

_FIELD_LABELS: dict[FieldName, str] = {"name": "Name", "email": "Email", "body": "Comment"}


@dataclass(frozen=True)
class FieldProblem:
    """One reason a draft cannot be queued, phrased for the person who typed it."""

    field: FieldName
    message: str


@dataclass(frozen=True)
class CommentDraft:
    """What the comment form holds when the user presses send."""

    article_id: str
    article_title: str
    name: str
    email: str
    body: str

    def as_sent(self) -> CommentDraft:
        """The draft as the queue stores it: the email without the spaces around it."""
        return replace(self, email=trimmed_email(self.email))

    def problems(self) -> list[FieldProblem]:
        """Every rule the draft breaks, in form order (name, email, body); empty when valid."""
        return [
            *_name_problems(self.name),
            *_email_problems(self.email),
            *_body_problems(self.body),
        ]


def perceived_length(text: str) -> int:
    """How many characters a person counts: grapheme clusters, so an emoji family is one."""
    # Imported here: only text longer than a limit in code points needs counting, and the
    # module takes longer to load than a `newsreader comment` has to spare.
    import regex

    return len(regex.findall(r"\X", text))


def _is_control(char: str, *, multiline: bool) -> bool:
    code = ord(char)
    if char == "\t" or (multiline and char == "\n"):
        return False
    return code < 0x20 or 0x7F <= code <= 0x9F


def _is_surrogate(char: str) -> bool:
    # Only reachable through surrogateescape decoding; SQLite cannot store them as UTF-8.
    return 0xD800 <= ord(char) <= 0xDFFF


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _refused_characters(text: str, *, multiline: bool) -> list[int]:
    """Indexes of characters the field cannot hold."""
    refused = []
    for index, char in enumerate(text):
        if multiline and char == "\r" and text.startswith("\n", index + 1):
            continue  # CRLF from a pasted Windows text is a line break, not a control
        bidi_refused = not multiline and char in BIDI_CONTROLS
        if _is_control(char, multiline=multiline) or _is_surrogate(char) or bidi_refused:
            refused.append(index)
    return refused


def _character_problems(field: FieldName, text: str, *, multiline: bool) -> list[FieldProblem]:
    refused = _refused_characters(text, multiline=multiline)
    if not refused:
        return []
    first = refused[0]
    line, column = _line_and_column(text, first)
    what = f"{_describe(text[first])} at line {line}, column {column}"
    label = _FIELD_LABELS[field]
    if len(refused) == 1:
        return [FieldProblem(field, f"{label} contains {what}; remove it.")]
    message = (
        f"{label} contains {len(refused)} characters that are not allowed; "
        f"the first is {what}; remove them."
    )
    return [FieldProblem(field, message)]


def _describe(char: str) -> str:
    if char == "\n":
        return "a line break (LF)"
    if char in BIDI_CONTROLS:
        return f"a bidirectional control character ({character_name(char)})"
    if _is_surrogate(char):
        return f"an invalid character ({character_name(char)})"
    return f"a control character ({character_name(char)})"


def _length_problem(field: FieldName, text: str, limit: int) -> list[FieldProblem]:
    # Counting clusters is slower than len(): only needed when len() is over the limit,
    # since a text never has more clusters than code points.
    if len(text) <= limit or (length := perceived_length(text)) <= limit:
        return []
    label = _FIELD_LABELS[field]
    return [FieldProblem(field, f"{label} is {length:,} characters; the limit is {limit:,}.")]


def _required_problem(field: FieldName, text: str) -> list[FieldProblem]:
    label = _FIELD_LABELS[field]
    if not text.strip():
        return [FieldProblem(field, f"{label} is required.")]
    if has_nothing_visible(text):
        # Zero-width spaces, U+3164 fillers, direction marks: a blank field on screen.
        return [
            FieldProblem(
                field, f"{label} holds only invisible characters; type something people can see."
            )
        ]
    return []


def _name_problems(name: str) -> list[FieldProblem]:
    if required := _required_problem("name", name):
        return required
    return [
        *_length_problem("name", name, NAME_LIMIT),
        *_character_problems("name", name, multiline=False),
    ]


def trimmed_email(email: str) -> str:
    """The address without spaces and tabs around it; a line break stays, to be refused."""
    return email.strip(" \t")


def email_problem(email: str) -> str:
    """Why `email` would be refused in a comment, or "" (an empty one is fine)."""
    problems = _email_problems(email)
    return problems[0].message if problems else ""


def _email_problems(email: str) -> list[FieldProblem]:
    email = trimmed_email(email)
    if email == "":
        return []  # optional: the moderator may want to reply, the user may not want that
    too_long = _length_problem("email", email, EMAIL_LIMIT)
    bad_characters = _character_problems("email", email, multiline=False)
    if too_long or bad_characters:
        # Quoting the address back would repeat the very characters (or wall of text)
        # that made it unacceptable.
        return [*too_long, *bad_characters]
    if any(char.isspace() for char in email):
        return [
            FieldProblem(
                "email",
                f"Email “{email}” contains a space; an address has none "
                "(expected name@example.org).",
            )
        ]
    reason = _address_refusal(email)
    if reason:
        return [
            FieldProblem(
                "email",
                f"Email “{email}” is not a valid address: {reason} (expected name@example.org).",
            )
        ]
    return []


def _address_refusal(email: str) -> str:
    """Why `email-validator` refuses the address (syntax only, no DNS), or "" if it is fine."""
    # Imported here: only a form or a command with an email pays for loading it.
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(email, check_deliverability=False, allow_quoted_local=True)
    except EmailNotValidError as error:
        return str(error).rstrip(".")
    return ""


def _body_problems(body: str) -> list[FieldProblem]:
    if required := _required_problem("body", body):
        return required
    return [
        *_length_problem("body", body, BODY_LIMIT),
        *_character_problems("body", body, multiline=True),
    ]


def stored_article_id(article_id: str) -> str:
    """`article_id` as the queue keeps it.

    Ids are file paths; bytes of a file name that is not UTF-8 reach Python as lone
    surrogates, which SQLite refuses. Those bytes are kept as `\\xNN` escapes, the same
    way every time, so the comment still names its article and drafts still find it.
    """
    return article_id.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
