"""A comment as typed into the form, and the rules it must meet before it is queued.

The text is stored exactly as typed (any script, emoji, right-to-left text, leading
spaces). The only things refused are characters that could act on a terminal or a
moderator's screen instead of being read: C0 and C1 controls, DEL, and - in the one-line
fields - bidi overrides that could make a name read as something else.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

NAME_LIMIT = 80
EMAIL_LIMIT = 254  # the longest address SMTP can carry (RFC 5321 path limit)
BODY_LIMIT = 5_000

FieldName = Literal["name", "email", "body"]

_FIELD_LABELS: dict[FieldName, str] = {"name": "Name", "email": "Email", "body": "Comment"}

# fmt: off
_C0_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
    "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
    "ESC", "FS", "GS", "RS", "US",
)
# fmt: on

# Embeddings, overrides and isolates reorder the text around them, so "Bob\u202eevil"
# could display as a different name. A comment body may legitimately use them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


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

    def problems(self) -> list[FieldProblem]:
        """Every rule the draft breaks, in form order (name, email, body); empty when valid."""
        return [
            *_name_problems(self.name),
            *_email_problems(self.email),
            *_body_problems(self.body),
        ]


def character_name(char: str) -> str:
    """A short name a user can look up: ESC, NUL, DEL, or U+009B for the rest."""
    code = ord(char)
    if code < 0x20:
        return _C0_NAMES[code]
    if code == 0x7F:
        return "DEL"
    if char in _BIDI_CONTROLS:
        return f"U+{code:04X} {unicodedata.name(char)}"
    return f"U+{code:04X}"


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
        bidi_refused = not multiline and char in _BIDI_CONTROLS
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
    if char in _BIDI_CONTROLS:
        return f"a bidirectional control character ({character_name(char)})"
    if _is_surrogate(char):
        return f"an invalid character ({character_name(char)})"
    return f"a control character ({character_name(char)})"


def _length_problem(field: FieldName, text: str, limit: int) -> list[FieldProblem]:
    if len(text) <= limit:
        return []
    label = _FIELD_LABELS[field]
    return [FieldProblem(field, f"{label} is {len(text):,} characters; the limit is {limit:,}.")]


def _name_problems(name: str) -> list[FieldProblem]:
    if not name.strip():
        return [FieldProblem("name", "Name is required.")]
    return [
        *_length_problem("name", name, NAME_LIMIT),
        *_character_problems("name", name, multiline=False),
    ]


def _email_problems(email: str) -> list[FieldProblem]:
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
    if not _is_plausible_address(email):
        return [
            FieldProblem(
                "email",
                f"Email “{email}” is not a valid address (expected name@example.org).",
            )
        ]
    return []


def _is_plausible_address(email: str) -> bool:
    # Deliberately loose: a moderator only needs something to reply to, and real
    # addresses (quoted locals, IDN domains) break stricter patterns.
    local, at, domain = email.partition("@")
    if not at or not local or "@" in domain:
        return False
    labels = domain.split(".")
    return len(labels) >= 2 and all(labels)


def _body_problems(body: str) -> list[FieldProblem]:
    if not body.strip():
        return [FieldProblem("body", "Comment is required.")]
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
