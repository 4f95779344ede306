"""Reader for `.txt` files: an article copied out of a news web page and saved as text.

Such a page reads top to bottom as: title, standfirst (the one-sentence summary), byline
("By Ana Pires"), date, the article in paragraphs with short section headings, perhaps a
"Translated by …" credit, then page furniture. The body is rebuilt as Markdown in which the
article's own words are escaped, so nothing in them is ever taken for Markdown syntax.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsreader.library.article import Article
from newsreader.library.formats.dates import parse_date_text
from newsreader.library.formats.escape import escape_markdown
from newsreader.library.formats.file_title import title_from_file_name
from newsreader.library.formats.page_chrome import drop_page_chrome

TITLE_MAX = 200  # a longer first line is a paragraph of an untitled text, not a title
STANDFIRST_MAX = 200
HEADING_MAX = 80
BYLINE_MAX = 120
CREDIT_MAX = 200
_HEADING_CLOSERS = tuple(".!?:;\"”'’…,")

_BYLINE = re.compile(r"by\s+(?P<name>\S.*)", re.IGNORECASE)
# "By Ana Pires, Staff Reporter": the part after the last comma is a role, not a co-author,
# when it holds one of these words ("By Ana Pires, Tom Hale and Rui Lopes" keeps all three).
_ROLE = re.compile(
    r",\s*[^,]*\b(?:reporter|correspondent|editor|writer|columnist|critic|staff|contributor"
    r"|journalist|producer)s?\b[^,]*$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"(?:translated|translation|edited|additional\s+reporting|reporting)\b.{0,120}?"
    r"\bby\s+(?P<name>\S.*)",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Header:
    title: str | None = None
    summary: str | None = None
    author: str | None = None
    date: dt.datetime | None = None


def read_text(text: str, path: Path, article_id: str, problems: Sequence[str] = ()) -> Article:
    """Build the Article for one saved page's decoded `text`; never raises."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = drop_page_chrome([line.strip() for line in text.split("\n")])
    header, rest = _read_header(lines)
    paragraphs = _paragraphs(rest)
    credits = _trailing_credits(paragraphs)
    body_paragraphs = paragraphs[: len(paragraphs) - len(credits)]
    body = [
        f"## {escape_markdown(words)}"
        if _is_heading(body_paragraphs, i)
        else escape_markdown(words)
        for i, (words, _) in enumerate(body_paragraphs)
    ]
    body += [f"*{escape_markdown(credit)}*" for credit in credits]  # kept, set apart
    return Article(
        id=article_id,
        path=path,
        title=header.title or title_from_file_name(path),
        body="\n\n".join(body),
        author=header.author,
        date=header.date,
        summary=header.summary,
        credit="; ".join(credits) or None,
        problems=tuple(problems),
    )


def _read_header(lines: list[str]) -> tuple[_Header, list[str]]:
    """Title, then an optional standfirst, then byline and date in either order."""
    header = _Header()
    at = _next_filled(lines, 0)
    if at is None or len(lines[at]) > TITLE_MAX:
        return header, lines
    header.title = lines[at]
    at = _next_filled(lines, at + 1)
    if at is not None and _is_standfirst(lines, at):
        header.summary = lines[at]
        at = _next_filled(lines, at + 1)
    while at is not None:
        if header.author is None and (name := byline_name(lines[at])):
            header.author = name
        elif header.date is None and (moment := parse_date_text(lines[at])):
            header.date = moment
        else:
            break
        at = _next_filled(lines, at + 1)
    return header, lines[at:] if at is not None else []


def _next_filled(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index]:
            return index
    return None


def _is_standfirst(lines: list[str], at: int) -> bool:
    """A short one-line paragraph right after the title that is not a byline or a date.

    It must stand alone (blank line or byline/date after it): the first line of a
    hard-wrapped paragraph is body text. And something must follow it: the only paragraph
    of a short note is its body, not a summary of an empty article.
    """
    line = lines[at]
    if len(line) > STANDFIRST_MAX or byline_name(line) or parse_date_text(line):
        return False
    if _next_filled(lines, at + 1) is None:
        return False
    after = lines[at + 1] if at + 1 < len(lines) else ""
    return not after or bool(byline_name(after) or parse_date_text(after))


def byline_name(line: str) -> str | None:
    """The name in a byline: `By Ana Pires, Staff Reporter` → "Ana Pires"; else None."""
    if len(line) > BYLINE_MAX:
        return None
    match = _BYLINE.fullmatch(line)
    if match is None:
        return None
    name = _ROLE.sub("", match["name"]).strip()
    # "By the time we arrived…" and "By 2030, …" are sentences, not bylines.
    if not name or not name[0].isupper() or name.endswith(("!", "?", ":", ";")):
        return None
    return name if len(name.split()) <= 12 else None


# A paragraph: its lines joined with spaces, and how many lines it had in the file.
_Paragraph = tuple[str, int]


def _paragraphs(lines: list[str]) -> list[_Paragraph]:
    """Blank-line separated paragraphs; hard-wrapped lines join into one."""
    paragraphs: list[_Paragraph] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append((" ".join(current), len(current)))
            current = []
    return paragraphs


def _trailing_credits(paragraphs: list[_Paragraph]) -> list[str]:
    """The "Translated by …" / "Edited by …" paragraphs that close the article, in order."""
    credits: list[str] = []
    for text, _ in reversed(paragraphs):
        match = _CREDIT.fullmatch(text) if len(text) <= CREDIT_MAX else None
        if match is None or not match["name"][0].isupper():  # "edited by hand" is prose
            break
        credits.insert(0, text)
    return credits


def _is_heading(paragraphs: list[_Paragraph], index: int) -> bool:
    """A short unpunctuated line standing alone between two real paragraphs."""
    if index == 0 or index == len(paragraphs) - 1:
        return False
    return (
        _looks_like_heading(paragraphs[index])
        and not _looks_like_heading(paragraphs[index - 1])
        and not _looks_like_heading(paragraphs[index + 1])
    )


def _looks_like_heading(paragraph: _Paragraph) -> bool:
    text, line_count = paragraph
    return (
        line_count == 1
        and len(text) <= HEADING_MAX
        and not text.endswith(_HEADING_CLOSERS)
        and any(char.isalpha() for char in text)
    )
