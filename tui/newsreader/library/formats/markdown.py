"""Reader for `.md` / `.markdown` files: optional YAML front matter, then Markdown.

Every front-matter field is optional and checked on its own: a field of the wrong type is
dropped with a problem that names it, and the rest of the article is still shown.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsreader.library.article import Article
from newsreader.library.formats.dates import parse_date_text
from newsreader.library.formats.file_title import title_from_file_name
from newsreader.library.formats.front_matter import split_front_matter

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

TEXT_FIELDS = ("title", "author", "source", "url", "summary")
HEADING_SEARCH_CHARS = 64 * 1024

# ATX headings only, at most three spaces in (four is indented code). Bounded so a huge line
# cannot make the match slow.
_ATX_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
# What inline Markdown is made of (escapes, code, emphasis, links, images, HTML, entities,
# and NUL, which the parser replaces):
# a heading with none of these is its own plain text and needs no parser.
_INLINE_MARKS = re.compile(r"[\\`*_\[\]!<>&~\x00]")


@functools.cache
def _inline_parser() -> MarkdownIt:
    # Imported on first need: `newsreader comment` reads one article and most titles are
    # plain, so it does without markdown-it's import (a third of the command's time).
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def read_markdown(text: str, path: Path, article_id: str, problems: Sequence[str] = ()) -> Article:
    """Build the Article for one Markdown file's decoded `text`; never raises."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front = split_front_matter(text)
    found = list(problems) + list(front.problems)
    title, author, source, url, summary = (
        _text_field(front.fields, name, found) for name in TEXT_FIELDS
    )
    author = _author_list(front.fields, found) or author
    body = front.body
    if len(body) < len(text) and not body.strip():
        found.append("no article text after the front matter")
    heading = _first_heading(body)
    if title is None and heading is not None:
        title = heading.text
    if heading is not None and heading.is_first_line and _same(heading.text, title):
        # The reading pane shows the title in its header; a repeat just below looks broken.
        body = "\n".join(body.split("\n")[heading.line_index + 1 :])
    return Article(
        id=article_id,
        path=path,
        title=title or title_from_file_name(path),
        body=body.strip("\n") if body.strip() else "",
        author=author,
        date=_date_field(front.fields, found),
        source=source,
        url=url,
        tags=_tags_field(front.fields, found),
        summary=summary,
        problems=tuple(found),
    )


@dataclass(frozen=True, slots=True)
class _Heading:
    text: str
    line_index: int
    is_first_line: bool  # nothing but blank lines above it


def _first_heading(body: str) -> _Heading | None:
    """The first level-1 ATX heading, else the first heading of any level, outside code.

    Only the start of the body is searched: a heading 64 KB in is no title, and going
    through every line of a 2 MB body took 25 ms, most of a huge file's load time.
    """
    first_any: _Heading | None = None
    seen_text = False
    fence: str | None = None
    start = body if len(body) <= HEADING_SEARCH_CHARS else body[:HEADING_SEARCH_CHARS]
    lines = start.split("\n")
    if len(start) < len(body):
        lines.pop()  # cut mid-line: not a line of its own
    for index, line in enumerate(lines):
        opener = _FENCE.match(line)
        if fence is not None:
            if opener and opener[1][0] == fence[0] and len(opener[1]) >= len(fence):
                fence = None if not line[opener.end() :].strip() else fence
        elif opener:
            fence = opener[1]
        elif len(line) < 2000 and (match := _ATX_HEADING.fullmatch(line)):
            heading = _Heading(_plain(match[2] or ""), index, not seen_text)
            if heading.text and len(match[1]) == 1:
                return heading
            if heading.text and first_any is None:
                first_any = heading
        seen_text = seen_text or bool(line.strip())
    return first_any


def _plain(inline_markdown: str) -> str:
    """A heading's words without Markdown: `The *new* [jazz](x)` → "The new jazz"."""
    if not _INLINE_MARKS.search(inline_markdown):
        return " ".join(inline_markdown.split())
    tokens = _inline_parser().parseInline(inline_markdown)
    children = (tokens[0].children or []) if tokens else []
    words: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append(" ")
    return " ".join("".join(words).split())


def _same(heading: str, title: str | None) -> bool:
    return title is not None and heading.casefold() == " ".join(title.split()).casefold()


def _text_field(fields: dict[str, Any], name: str, problems: list[str]) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    if isinstance(value, str | dt.date):  # a date can only come from an explicit !!timestamp
        return str(value).strip() or None
    if name != "author" or not isinstance(value, list):  # author lists: see _author_list
        problems.append(f"front matter field '{name}' should be text, not {_describe(value)}")
    return None


def _author_list(fields: dict[str, Any], problems: list[str]) -> str | None:
    """`author: [Ana Pires, Tom Hale]` reads as "Ana Pires, Tom Hale"."""
    value = fields.get("author")
    if not isinstance(value, list):
        return None
    if not all(isinstance(name, str) for name in value):
        problems.append("front matter field 'author' should be text or a list of names")
        return None
    return ", ".join(name.strip() for name in value if name.strip()) or None


def _date_field(fields: dict[str, Any], problems: list[str]) -> dt.datetime | None:
    value = fields.get("date")
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str) and (moment := parse_date_text(value)) is not None:
        return moment
    shown = repr(value)[:60] if isinstance(value, str) else _describe(value)
    problems.append(f"front matter field 'date' is not a date ({shown}); ignored")
    return None


def _tags_field(fields: dict[str, Any], problems: list[str]) -> tuple[str, ...]:
    value = fields.get("tags")
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        problems.append("front matter field 'tags' should be a list of words or 'a, b, c'")
        return ()
    return tuple(dict.fromkeys(tag.strip() for tag in value if tag.strip()))


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return f"a {type(value).__name__}"
