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

# "Image caption, People walk past …" (the label is read aloud by screen readers).
_CAPTION_LINE = re.compile(
    r"(?:image\s+caption|photo\s+caption|caption|legenda(?:\s+da\s+(?:foto|imagem))?)"
    r"\s*[,:]\s*(?P<text>\S.*)",
    re.IGNORECASE,
)
# "Image source, PA Media", "Photograph: Ana Pires/The Courier", "Foto: Lusa".
_CREDIT_LINE = re.compile(
    r"(?P<label>image\s+source|images?|photograph(?:s|y)?|photos?|pictures?|photo\s+credit"
    r"|credit|illustration|video|foto(?:grafia)?|imagem|cr[eé]ditos?)\s*[,:]\s*(?P<text>\S.*)"
    r"|\(?(?P<by>(?:photo|picture|image)\s+by\s+\S.*?)\)?",
    re.IGNORECASE,
)
# A credit line that is only an agency, perhaps after a photographer: "Jo Hale/Getty Images".
_AGENCY_LINE = re.compile(
    r"(?:[^/\n]{1,60}\s*/\s*)?(?:getty\s+images|reuters|pa\s+media|pa\s+wire|afp|ap(?:\s+photo)?"
    r"|epa(?:-efe)?|alamy|shutterstock|lusa|efe|anadolu)(?:\s+via\s+getty\s+images)?",
    re.IGNORECASE,
)
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

Kind = Literal["p", "heading", "minor", "list", "picture", "credit"]


@dataclass(slots=True)
class Block:
    kind: Kind
    text: str = ""  # a paragraph's or heading's words; a picture's caption
    items: list[str] = field(default_factory=list)  # a list's items
    credit: str = ""  # a picture's credit
    line_count: int = 1
    glued_to_next: bool = False  # no blank line between its last line and the next block


def caption_line(line: str) -> str | None:
    match = _CAPTION_LINE.fullmatch(line)
    return match["text"] if match else None


def credit_line(line: str) -> str | None:
    """The credit a picture-credit line gives ("Image source, PA Media" → "Image source: …")."""
    if len(line) > CREDIT_LINE_MAX:
        return None
    match = _CREDIT_LINE.fullmatch(line)
    if match is not None:
        if match["by"]:
            return match["by"]
        return f"{match['label']}: {match['text']}"
    if _AGENCY_LINE.fullmatch(line):
        return line
    return None


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
    folded_title = title.casefold() if title else None
    out: list[tuple[Block, list[str]]] = []
    current: list[str] = []

    def close(glued: bool) -> None:
        if current:
            out.append((Block("p", line_count=len(current), glued_to_next=glued), current[:]))
            current.clear()

    for line in lines:
        if not line:
            close(False)
            continue
        if folded_title and line.casefold().startswith(folded_title):
            rest = line[len(folded_title) :].strip(" .,:;-–—|")
            if not rest or len(rest) >= 10:  # the headline again, alone or before a caption
                close(True)
                if rest:
                    out.append((Block("picture", text=rest), []))
                continue
        if _CLOCK_LINE.fullmatch(line):
            close(True)  # a live page's entry time stands alone, above the entry's title
            current.append(line)
            close(True)
        elif (caption := caption_line(line)) is not None:
            close(True)
            out.append((Block("picture", text=caption), []))
        elif (credit := credit_line(line)) is not None:
            close(True)
            out.append((Block("credit", credit=credit), []))
        elif (
            len(line) <= CAPTION_MAX
            and (inline := _INLINE_CREDIT.search(line))
            and inline.end() == len(line)
        ):
            close(True)
            out.append((Block("picture", text=line[: inline.start()], credit=inline["credit"]), []))
        else:
            current.append(line)
    close(False)
    for block, block_lines in out:
        if block.kind == "p":
            block.text = " ".join(block_lines)
    return out


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
