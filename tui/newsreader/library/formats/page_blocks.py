"""A saved page's body, line by line, into blocks: paragraphs, headings, lists, pictures.

What the lines are is decided by their shape and by the word lists at the top (caption and
credit labels, picture agencies, credit verbs), so a new site's caption style is a word,
not a function. Each decision looks at a line and its neighbours only: the page is read in
a few linear passes.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Literal

from newsreader.library.formats.page_chrome import SUMMARY_BOX

HEADING_MAX = 80
CAPTION_MAX = 300  # a line glued to a credit longer than this is a paragraph, not a caption
CREDIT_LINE_MAX = 160
CREDIT_MAX = 200
LIST_WIDTH_MIN = 60  # hard-wrapped text is wrapped at this width or more
LIST_MIN_SEPARATE_ITEMS = 3  # short one-line paragraphs in a row that make a list
_HEADING_CLOSERS = tuple(".!:;\"”'’…,")  # a question may be a heading

# The words that label a caption or a credit line, and the agencies a credit may name
# alone: "Image caption, People walk past …", "Image source, PA Media", "Jo Hale/Reuters".
CAPTION_LABELS = (
    "image caption",
    "photo caption",
    "caption",
    "legenda da foto",
    "legenda da imagem",
    "legenda",
)
CREDIT_LABELS = (
    "image source",
    "images",
    "image",
    "photographs",
    "photography",
    "photograph",
    "photos",
    "photo credit",
    "photo",
    "pictures",
    "picture",
    "credit",
    "illustration",
    "video",
    "fotografia",
    "foto",
    "imagem",
    "créditos",
    "crédito",
)
CREDITED_BY = (
    "photo by", "photos by", "photographs by", "picture by", "pictures by", "image by",
    "illustration by", "illustrations by",
)  # fmt: skip
AGENCIES = (
    "getty images", "reuters", "pa media", "pa wire", "afp", "ap photo", "ap", "epa-efe", "epa",
    "alamy", "shutterstock", "lusa", "efe", "anadolu",
)  # fmt: skip


def _words(options: tuple[str, ...]) -> str:
    longest_first = sorted(options, key=len, reverse=True)
    return "|".join(re.escape(option).replace("\\ ", r"\s+") for option in longest_first)


_CAPTION_LINE = re.compile(rf"(?:{_words(CAPTION_LABELS)})\s*[,:]\s*(?P<text>\S.*)", re.I)
_CREDIT_LINE = re.compile(
    rf"(?P<label>{_words(CREDIT_LABELS)})\s*[,:]\s*(?P<text>\S.*)"
    rf"|\(?(?P<by>(?:{_words(CREDITED_BY)})\s+\S.*?)\)?",
    re.IGNORECASE,
)
_AGENCY_LINE = re.compile(
    rf"(?:[^/\n]{{1,60}}\s*/\s*)?(?:{_words(AGENCIES)})(?:\s+via\s+getty\s+images)?", re.I
)
# A line's first word is looked up here before any regex: most lines start with none.
_LABEL_WORDS = frozenset(
    label.split()[0] for label in (*CAPTION_LABELS, *CREDIT_LABELS, *CREDITED_BY)
)


def _starts_with_label(line: str) -> bool:
    return line[:24].lower().lstrip("(").split(" ", 1)[0].rstrip(",:") in _LABEL_WORDS


# Closing credits: "Translated and edited by …", "(Reporting by …; Editing by …)".
_CLOSING_CREDIT = re.compile(
    r"\(?(?:translated|translation|edited|editing|additional\s+reporting|reporting|writing"
    r"|recipe|photography|photographs|styling|words|compiled|produced|with\s+reporting|tradu(?:zido|ção|cao)|editado|edição)\b.{0,160}?"
    r"\b(?:by|from|por|de)\s+(?P<name>\S.*?)\)?",
    re.IGNORECASE,
)
# A caption with its credit at the end: "Cars queue at the bridge. Photograph: Jo Hale/X".
_INLINE_CREDIT = re.compile(
    r"(?<=[.!?”\"')])\s+(?P<credit>(?:photograph|photo|image|illustration|picture|foto|fotografia"
    r"|imagem|credit)s?:\s+[^.:]{2,80}|[A-Z]{2,}(?:/[^/.]{2,40}){1,3})",
    re.IGNORECASE,
)
_CLOCK_LINE = re.compile(r"\d{1,2}[:.h]\d{2}(?:\s*(?:[ap]\.?m\.?|gmt|bst|utc|cet|cest))?", re.I)

Kind = Literal["p", "heading", "minor", "list", "picture", "credit", "skip"]


@dataclass(slots=True)
class Block:
    kind: Kind
    text: str = ""  # a paragraph's or heading's words; a picture's caption
    items: list[str] = field(default_factory=list)  # a list's items
    credit: str = ""  # a picture's credit
    line_count: int = 1
    glued_to_next: bool = False  # no blank line between its last line and the next block


def caption_line(line: str) -> str | None:
    if not _starts_with_label(line):
        return None
    match = _CAPTION_LINE.fullmatch(line)
    return match["text"] if match else None


def credit_line(line: str) -> str | None:
    """The credit a picture-credit line gives ("Image source, PA Media" → "Image source: …")."""
    if len(line) > CREDIT_LINE_MAX:
        return None
    if _starts_with_label(line):
        match = _CREDIT_LINE.fullmatch(line)
        if match is not None:
            return match["by"] or f"{match['label']}: {match['text']}"
    if line.lower().rstrip(" )").endswith(AGENCIES) and _AGENCY_LINE.fullmatch(line):
        return line
    return None


def inline_credit(line: str) -> re.Match[str] | None:
    """The credit ending a caption line ("… the rush. Photograph: Jo Hale/The Ledger")."""
    if len(line) > CAPTION_MAX or (": " not in line[-90:] and "/" not in line[-60:]):
        return None
    match = _INLINE_CREDIT.search(line, max(0, len(line) - 100))
    return match if match is not None and match.end() == len(line) else None


def closing_credit(text: str) -> bool:
    if len(text) > CREDIT_MAX:
        return False
    match = _CLOSING_CREDIT.fullmatch(text)
    return match is not None and match["name"][0].isupper()  # "edited by hand" is prose


def read_blocks(lines: list[str], title: str | None) -> list[Block]:
    """The blocks of the body `lines` (stripped; blanks separate paragraphs)."""
    raw = _pair_pictures(_raw_blocks(lines, title))
    blocks = _lists_of_short_paragraphs([_list_or_paragraph(block) for block in raw])
    _mark_headings(blocks)
    _mark_closing_credits(blocks)
    return blocks


def _raw_blocks(lines: list[str], title: str | None) -> list[tuple[Block, list[str]]]:
    """Paragraphs (with their lines), captions and credits, in order."""
    folded_title = title.casefold() if title else ""
    title_length = len(folded_title)
    out: list[tuple[Block, list[str]]] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if not line:
            if current:
                out.append((Block("p", line_count=len(current)), current))
                current = []
            elif out:
                out[-1][0].glued_to_next = False
            continue
        picture = _picture_line(line, folded_title, title_length)
        if picture is None:
            current.append(line)
            continue
        if current:
            out.append((Block("p", line_count=len(current), glued_to_next=True), current))
            current = []
        if picture.kind != "skip":
            picture.glued_to_next = True  # until a blank line says otherwise
            out.append((picture, [line] if picture.kind == "p" else []))
    for block, block_lines in out:
        if block.kind == "p":
            block.text = " ".join(block_lines)
    return out


def _picture_line(line: str, folded_title: str, title_length: int) -> Block | None:
    """The block a line makes on its own (a caption, a credit, a live entry's time), if any.

    Each test looks at a line's first or last few characters before any regex does.
    """
    if title_length and line[:title_length].casefold() == folded_title:
        rest = line[title_length:].strip(" .,:;-–—|")
        if not rest:
            return Block("skip")  # the headline again (an image's alt text)
        if len(rest) >= 10:
            return Block("picture", text=rest)  # the headline, then the caption
    if line[0].isdigit() and len(line) <= 12 and _CLOCK_LINE.fullmatch(line):
        return Block("p", text=line, glued_to_next=True)  # stands alone, above its entry
    if _starts_with_label(line) or line[-1].isalpha():  # a label first, or an agency last
        if (caption := caption_line(line)) is not None:
            return Block("picture", text=caption)
        if (credit := credit_line(line)) is not None:
            return Block("credit", credit=credit)
    if inline := inline_credit(line):
        return Block("picture", text=line[: inline.start()], credit=inline["credit"])
    return None


def _pair_pictures(raw: list[tuple[Block, list[str]]]) -> list[tuple[Block, list[str]]]:
    """Each credit joins its caption: the one before it, the one after it, or the short
    line it is glued to; a credit with no caption is a picture of its own."""
    out: list[tuple[Block, list[str]]] = []
    index = 0
    while index < len(raw):
        block, block_lines = raw[index]
        if block.kind != "credit":
            out.append((block, block_lines))
            index += 1
            continue
        before = out[-1][0] if out else None
        after = raw[index + 1][0] if index + 1 < len(raw) else None
        if before is not None and before.kind == "picture" and not before.credit:
            before.credit = block.credit
        elif after is not None and after.kind == "picture" and not after.credit:
            after.credit = block.credit
        elif _is_caption_text(after) and block.glued_to_next:
            assert after is not None
            after.kind, after.credit = "picture", block.credit  # "Photo: …" above its caption
        elif (
            before is not None
            and before.kind == "p"
            and before.glued_to_next
            and before.line_count == 1
            and len(before.text) <= CAPTION_MAX
        ):
            out[-1] = (Block("picture", text=before.text, credit=block.credit), [])
        else:
            out.append((Block("picture", credit=block.credit), []))
        index += 1
    return out


def _is_caption_text(block: Block | None) -> bool:
    """A one-line sentence standing alone: what a caption under its credit looks like."""
    return (
        block is not None
        and block.kind == "p"
        and block.line_count == 1
        and not block.glued_to_next
        and len(block.text) <= CAPTION_MAX
        and block.text.endswith(".")
    )


def _list_or_paragraph(raw: tuple[Block, list[str]]) -> Block:
    """A paragraph whose lines are not hard-wrapped (each next word would have fitted on the
    line before) is a list: ingredients, closed schools. A lead ending in ":" stays text."""
    block, lines = raw
    if block.kind != "p" or len(lines) < 2:
        return block
    width = max(LIST_WIDTH_MIN, *(len(line) for line in lines))
    fits = sum(
        len(line) + 1 + len(following.split(maxsplit=1)[0]) <= width
        for line, following in itertools.pairwise(lines)
    )
    if fits * 3 < (len(lines) - 1) * 2 or any(
        itertools.starmap(_continues, itertools.pairwise(lines))
    ):
        return block
    if len(lines) >= 3 and _is_list_lead(lines):
        return Block("list", text=lines[0], items=lines[1:], line_count=len(lines))
    return Block("list", items=lines, line_count=len(lines))


def _is_list_lead(lines: list[str]) -> bool:
    """ "Schools closed:", "Summary", or "Ingredients" over lines that start with numbers."""
    lead = lines[0]
    if lead.endswith(":") or SUMMARY_BOX.fullmatch(lead):
        return True
    numbered = sum(line[0].isdigit() for line in lines[1:])
    return not any(char.isdigit() for char in lead) and numbered * 2 >= len(lines) - 1


def _continues(line: str, following: str) -> bool:
    """A sentence running on: an unpunctuated line, then a lower-case word. Ingredients
    ("2 eggs" / "salt and pepper") start with a number and are items all the same."""
    return following[0].islower() and line[-1].isalnum() and not line[0].isdigit()


def _is_short_line(block: Block) -> bool:
    return (
        block.kind == "p"
        and block.line_count == 1
        and len(block.text) <= HEADING_MAX
        and not block.text.endswith(_HEADING_CLOSERS)
        and any(char.isalpha() for char in block.text)
    )


def _lists_of_short_paragraphs(blocks: list[Block]) -> list[Block]:
    """Three or more short unpunctuated one-line paragraphs in a row are one list."""
    out: list[Block] = []
    run: list[Block] = []
    for block in [*blocks, Block("p", text=".")]:
        if _is_short_line(block):
            run.append(block)
            continue
        if len(run) >= LIST_MIN_SEPARATE_ITEMS:
            out.append(Block("list", items=[item.text for item in run], line_count=len(run)))
        else:
            out.extend(run)
        run = []
        out.append(block)
    return out[:-1]


def _mark_headings(blocks: list[Block]) -> None:
    """A short unpunctuated line between two blocks that are not such lines is a heading;
    a clock time alone on a line (a live page's entry) is a minor heading."""
    shorts = [_is_short_line(block) for block in blocks]
    for index, block in enumerate(blocks):
        if block.kind == "p" and _CLOCK_LINE.fullmatch(block.text):
            block.kind = "minor"
        elif (
            shorts[index]
            and 0 < index < len(blocks) - 1
            and not shorts[index - 1]
            and not shorts[index + 1]
        ):
            block.kind = "heading"


def _mark_closing_credits(blocks: list[Block]) -> None:
    for block in reversed(blocks):
        if block.kind != "p" or not closing_credit(block.text):
            break
        block.kind = "credit"
