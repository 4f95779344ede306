"""Reader for `.txt` files: an article copied out of a news web page and saved as text.

Such a page reads top to bottom as: furniture (skip links, a cookie banner, the menu), the
title, the standfirst (the one-sentence summary), the byline ("By Ana Pires" or a name
over "BBC News, Belfast"), dates, pictures with captions, the article in paragraphs with
short section headings and lists, perhaps a "Translated by …" credit, then more furniture.
The furniture is found by the table in `page_chrome`, hidden and listed; the body is
rebuilt as Markdown in which the article's own words are escaped, so nothing in them is
ever taken for Markdown syntax.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.library.article import Article, HiddenPart
from newsreader.library.formats.dates import parse_date_line, parse_date_text
from newsreader.library.formats.escape import escape_markdown
from newsreader.library.formats.file_title import title_from_file_name
from newsreader.library.formats.page_blocks import Block, caption_line, credit_line, read_blocks
from newsreader.library.formats.page_chrome import KICKER, SUMMARY_BOX, find_furniture

TITLE_MAX = 200  # a longer first line is a paragraph of an untitled text, not a title
STANDFIRST_MAX = 280
BYLINE_MAX = 120
ROLE_LINE_MAX = 80
NAME_LINE_MAX = 50
HEADER_MAX_LINES = 14  # past this many lines after the title the article has begun
TITLE_SEARCH_LINES = 24  # the byline or date that places the title is this near the top
SITE_LINES_MAX = 10  # lines above the title that may be the site's (a tagline, a menu)
SITE_LINE_MAX = 120
TITLE_MIN_WORDS = 4  # under a menu, fewer words are the menu's

_BYLINE = re.compile(
    r"(?P<edited>(?:edited|compiled|curated)\s+)?(?:(?:written|words|reported)\s+)?"
    r"(?P<by>by|por|de|von|par)\s+(?P<name>\S.*)",
    re.IGNORECASE,
)
# The byline's description: "Local Democracy Reporter", "BBC News, Belfast", "Reuters".
_ROLE_TITLES = (
    r"reporter|correspondent|editor|writer|columnist|critic|staff|contributor|journalist"
    r"|producer|analyst|presenter|jornalista|repórter|correspondente|editora"
)
_ROLE_TITLE_WORDS = re.compile(rf"\b(?:{_ROLE_TITLES})s?\b", re.IGNORECASE)
_ROLE_WORDS = re.compile(
    rf"\b(?:{_ROLE_TITLES}|news|times|post|press|herald|courier|gazette|guardian|telegraph"
    r"|journal|reuters|agency|agence|associated|tribune|chronicle|mail|express|echo|standard"
    r"|observer|independent|bbc|itv|rtp|lusa|efe|afp|desk|team|redação|redacção)s?\b",
    re.IGNORECASE,
)
# "By Ana Pires, Staff Reporter" or "By Ana Pires | BBC News": the part after the last comma
# or bar is a role when it holds a role word ("By Ana Pires, Tom Hale and Rui Lopes" keeps
# all three as names).
_ROLE_SPLIT = re.compile(r"\s*(?:,|\||·|–|—|\s-\s)\s*(?P<role>[^,|·–—]*)$")
_NAME_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "van", "von", "der", "den", "le", "la", "del", "di", "du"}
    | {"bin", "al", "el", "e"}
)


@dataclass(slots=True)
class _Header:
    title: str | None = None
    summary: str | None = None
    author: str | None = None
    role: str | None = None
    date: dt.datetime | None = None
    updated: dt.datetime | None = None
    approximate: bool = False
    used: set[int] = field(default_factory=set)  # line indices the header took
    junk: list[int] = field(default_factory=list)  # the site's lines above the title


def read_text(text: str, path: Path, article_id: str, problems: Sequence[str] = ()) -> Article:
    """Build the Article for one saved page's decoded `text`; never raises."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.strip() for line in text.split("\n")]
    furniture, hidden = find_furniture(lines)
    kept = [
        "" if is_furniture else line for line, is_furniture in zip(lines, furniture, strict=True)
    ]
    header = _read_header(kept, furniture, _SavedAt(path))
    body_lines = ["" if index in header.used else line for index, line in enumerate(kept)]
    blocks = read_blocks(body_lines, header.title)
    credits = [block.text for block in blocks if block.kind == "credit"]
    captions = [_caption_words(block) for block in blocks if block.kind == "picture"]
    return Article(
        id=article_id,
        path=path,
        title=header.title or title_from_file_name(path),
        body="\n\n".join(_markdown(block) for block in blocks),
        author=header.author,
        date=header.date,
        summary=header.summary,
        credit="; ".join(credits) or None,
        problems=tuple(problems),
        role=header.role,
        updated=header.updated,
        date_approximate=header.approximate,
        captions=tuple(captions),
        hidden=_site_lines(kept, header) + tuple(hidden) + _repeated_titles(kept, header),
        saved_text=text,
    )


class _SavedAt:
    """The file's modification time, looked up only when a relative date needs it."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def __call__(self) -> dt.datetime | None:
        try:
            return dt.datetime.fromtimestamp(self._path.stat().st_mtime, dt.UTC)
        except (OSError, ValueError, OverflowError):
            return None


def _read_header(lines: list[str], furniture: list[bool], saved_at: _SavedAt) -> _Header:
    """Title, then standfirst, byline, role and dates in any order; pictures may sit among
    them (they stay for the body)."""
    header = _Header()
    at, header.junk = _find_title(lines, furniture, saved_at)
    if at is None or len(lines[at]) > TITLE_MAX:
        return header
    header.title = lines[at]
    header.used.add(at)
    header.used.update(header.junk)
    seen = 0
    at = _next_filled(lines, at + 1)
    while at is not None and seen < HEADER_MAX_LINES:
        line = lines[at]
        seen += 1
        taken = 1
        if _is_picture_line(line, header.title):
            taken = 0  # left for the body, where it becomes a caption
        elif SUMMARY_BOX.fullmatch(line):
            taken = 0  # a live page's key points, left for the body with their lines
            while at + 1 < len(lines) and lines[at + 1]:
                at += 1
        elif header.author is None and _more_after(lines, at) and (byline := byline_parts(line)):
            header.author, header.role = byline
            taken += _take_role(lines, at, header)
        elif header.author is None and _is_name_line(line) and _fact_after(lines, at, saved_at):
            header.author = line
            taken += _take_role(lines, at, header)
        elif header.author is None and (name_and_role := _name_and_role(line)):
            header.author, header.role = name_and_role
        elif dates := parse_date_line(line, saved_at):
            if dates.published and header.date is None:
                header.date, header.approximate = dates.published, dates.approximate
            if dates.updated and header.updated is None:
                header.updated = dates.updated
                if header.date is None:  # the only moment the page gives; sorted by it
                    header.date, header.approximate = dates.updated, dates.approximate
        elif header.summary is None and not _header_started(header) and _is_standfirst(lines, at):
            header.summary = line
        else:
            break
        header.used.update(range(at, at + taken))
        at = _next_filled(lines, at + max(taken, 1))
    return header


def _find_title(
    lines: list[str], furniture: list[bool], saved_at: _SavedAt
) -> tuple[int | None, list[int]]:
    """The title's line, and the site's own lines above it (a tagline, a menu row).

    The title is just above the first byline or date, or above the standfirst that comes
    before them: of the lines of a few words up there, the last two when nothing but blank
    lines stands between them (title and standfirst), else the last one. What is above the
    title is the site. Without a byline or date near the top, or with more than a few
    lines above, the first line is the title.
    """
    filled = [index for index, line in enumerate(lines) if line][:TITLE_SEARCH_LINES]
    if not filled:
        return None, []
    position = next(
        (at for at, index in enumerate(filled) if _is_header_fact(lines, index, saved_at)), None
    )
    if position is None:
        return filled[0], []
    before = [index for index in filled[:position] if not _is_picture_line(lines[index], None)]
    if not before:
        return filled[0], []
    # "Search Northwind", "Opinion", "Français": a menu's or a section's, not a headline.
    worded = [
        index
        for index in before
        if len(lines[index].split()) >= TITLE_MIN_WORDS and not KICKER.fullmatch(lines[index])
    ] or before
    title_at = worded[-1]
    if len(worded) >= 2:
        previous, last = worded[-2], worded[-1]
        side_by_side = (
            not any(furniture[previous:last]) and previous == before[before.index(last) - 1]
        )
        if side_by_side and len(lines[previous]) <= TITLE_MAX:
            title_at = previous
    junk = [index for index in before if index < title_at]
    if len(junk) > SITE_LINES_MAX or any(len(lines[index]) > SITE_LINE_MAX for index in junk):
        return filled[0], []
    return title_at, junk


def _fact_after(lines: list[str], at: int, saved_at: _SavedAt) -> bool:
    """Whether the line right after a name line is the byline's role or a date."""
    if at + 1 >= len(lines) or not lines[at + 1]:
        return False
    return _is_role_line(lines[at + 1]) or parse_date_line(lines[at + 1], saved_at) is not None


def _is_header_fact(lines: list[str], at: int, saved_at: _SavedAt) -> bool:
    line = lines[at]
    if SUMMARY_BOX.fullmatch(line):
        return True  # the key points of a live page come after its title
    return bool(
        byline_parts(line)
        or (_is_name_line(line) and _fact_after(lines, at, saved_at))
        or _name_and_role(line)
        or parse_date_line(line, saved_at)
    )


def _name_and_role(line: str) -> tuple[str, str] | None:
    """ "Ana Pires Political correspondent" (one line) → ("Ana Pires", "Political …")."""
    words = line.split()
    if not 3 <= len(words) <= 8 or len(line) > ROLE_LINE_MAX:
        return None
    name_words = 3 if words[1].casefold() in _NAME_PARTICLES else 2
    name, role = " ".join(words[:name_words]), " ".join(words[name_words:])
    if not _is_name_line(name) or not _is_role_line(role) or not _ROLE_TITLE_WORDS.search(role):
        return None
    return name, role


def _more_after(lines: list[str], at: int) -> bool:
    """A byline heads an article: as the page's last line it is a closing credit."""
    return _next_filled(lines, at + 1) is not None


def _header_started(header: _Header) -> bool:
    return bool(header.author or header.date or header.updated)


def _is_picture_line(line: str, title: str | None) -> bool:
    repeats_title = title is not None and line.casefold().startswith(title.casefold())
    return bool(caption_line(line) or credit_line(line) or repeats_title)


def _take_role(lines: list[str], at: int, header: _Header) -> int:
    """1 when the line right after the byline is its role or outlet line (taken too)."""
    if header.role is None and at + 1 < len(lines) and _is_role_line(lines[at + 1]):
        header.role = lines[at + 1]
        return 1
    return 0


def _is_role_line(line: str) -> bool:
    return (
        0 < len(line) <= ROLE_LINE_MAX
        and not line.endswith((".", "!", "?", ":", ";"))
        and len(line.split()) <= 8
        and _ROLE_WORDS.search(line) is not None
        and parse_date_text(line) is None
    )


def _is_name_line(line: str) -> bool:
    """ "Sarah Jones", "Ana de Sousa": two to five capitalised words and nothing else."""
    if len(line) > NAME_LINE_MAX or any(char.isdigit() for char in line):
        return False
    words = line.split()
    if not 2 <= len(words) <= 5:
        return False
    return all(
        word in _NAME_PARTICLES
        or (
            word[0].isupper()
            and not (len(word) > 2 and word.isupper())  # "FOR IMMEDIATE RELEASE"
            and all(char.isalpha() or char in "-'’." for char in word)
        )
        for word in words
    )


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
    return not after or bool(byline_name(after) or parse_date_text(after) or _is_name_line(after))


def byline_parts(line: str) -> tuple[str, str | None] | None:
    """`By Ana Pires, Staff Reporter` → ("Ana Pires", "Staff Reporter"); else None."""
    if len(line) > BYLINE_MAX:
        return None
    match = _BYLINE.fullmatch(line)
    if match is None:
        return None
    name, role = match["name"].strip(), None
    split = _ROLE_SPLIT.search(name)
    if split is not None and _ROLE_WORDS.search(split["role"]):
        name, role = name[: split.start()].strip(), split["role"].strip() or None
    # "By the time we arrived…" and "By 2030, …" are sentences, not bylines.
    if not name or not name[0].isupper() or name.endswith(("!", "?", ":", ";", ".")):
        return None
    if match["by"].casefold() != "by" and not _is_name_line(name):
        return None  # "De manhã, …" is a sentence; "Por Ana Sousa" is a byline
    if match["edited"] and role is None:
        role = "Editor"
    return (name, role) if len(name.split()) <= 12 else None


def byline_name(line: str) -> str | None:
    """The name in a byline: `By Ana Pires, Staff Reporter` → "Ana Pires"; else None."""
    parts = byline_parts(line)
    return parts[0] if parts else None


def _caption_words(block: Block) -> str:
    return " — ".join(part for part in (block.text, block.credit) if part)


def _markdown(block: Block) -> str:
    if block.kind == "heading":
        return f"## {escape_markdown(block.text)}"
    if block.kind == "minor":
        return f"### {escape_markdown(block.text)}"
    if block.kind == "list":
        items = "\n".join(f"- {escape_markdown(item)}" for item in block.items)
        if not block.text:
            return items
        lead = escape_markdown(block.text)
        return f"{lead}\n\n{items}" if block.text.endswith(":") else f"### {lead}\n\n{items}"
    if block.kind == "picture":
        # Set apart as a quote: the caption in italics, the credit after it.
        caption = f"*{escape_markdown(block.text)}*" if block.text else ""
        credit = escape_markdown(block.credit) if block.credit else ""
        return "> " + " — ".join(part for part in (caption, credit) if part)
    if block.kind == "credit":
        return f"*{escape_markdown(block.text)}*"  # kept, set apart
    return escape_markdown(block.text)


def _site_lines(lines: list[str], header: _Header) -> tuple[HiddenPart, ...]:
    if not header.junk:
        return ()
    text = "\n".join(lines[index] for index in header.junk)
    return (HiddenPart("site header line", text, len(header.junk)),)


def _repeated_titles(lines: list[str], header: _Header) -> tuple[HiddenPart, ...]:
    """The headline printed again under itself (an image's alt text) is not shown twice."""
    if header.title is None:
        return ()
    title = header.title.casefold()
    size = len(title)
    repeats = [
        index
        for index, line in enumerate(lines)
        if len(line) == size and line.casefold() == title and index not in header.used
    ]
    return tuple(HiddenPart("repeated headline", header.title) for _ in repeats)
