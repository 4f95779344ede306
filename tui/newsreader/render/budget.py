"""How much of an article is worth parsing as Markdown, and how to show the rest.

markdown-it's cost is not its input's length: plain prose parses at ~40 MB/s, but every
character an inline rule stops at (`[`, `*`, `|`, `<`, …) and every line of a list or quote
costs ~10–40 µs, so a 1 MB file of `[[[[…` takes 10 s and a 1 MB list 2 s. Rendering such a
block costs as much again. Only the start of a body, up to `FORMAT_BUDGET` cost units (one
unit ≈ 10 µs), is parsed; the rest is shown as plain text, cut into blocks small enough to
draw between two key presses.
"""

from __future__ import annotations

import re

from rich.text import Text

from newsreader.safe_text import visible

# What markdown-it's inline rules stop at; each costs about one unit.
_COSTLY_CHARACTERS = "[]!*_`<>&\\|~"
# A line costs about four units more in a list or quote (a paragraph's line costs less).
_LINE_COST = 4
# ~0.3 s of parsing at worst, done in a thread: any real article fits (a 10,000-word
# feature with links and lists costs ~5,000 units).
FORMAT_BUDGET = 30_000
FORMAT_MAX_CHARS = 1024 * 1024
# The body is costed window by window, the last few in small steps: the cut comes at most
# _FINE_WINDOW characters before the budget runs out.
_WINDOW = 4096
_FINE_WINDOW = 128
PLAIN_BLOCK_CHARS = 4096  # one plain-text block: ~2 ms to wrap and draw
PLAIN_TEXT_NOTE = (
    "… The rest of this article ({size}) is shown as plain text: "
    "it is too long or too intricate to format quickly."
)
# CommonMark's backslash escapes: `\*` is a literal star. Shown as plain text, the escape
# would be noise (and a saved `.txt` page's body is escaped Markdown throughout).
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def format_cost(text: str) -> int:
    """Roughly how long markdown-it takes over `text`, in units of ~10 µs."""
    return sum(map(text.count, _COSTLY_CHARACTERS)) + _LINE_COST * text.count("\n")


def split_for_formatting(
    text: str, budget: int = FORMAT_BUDGET, max_chars: int = FORMAT_MAX_CHARS
) -> tuple[str, str]:
    """`text` as (head, tail): the head fits `budget` and `max_chars`; tail is the rest.

    The cut is made at a blank line where there is one (a paragraph boundary, so nothing
    is split mid-paragraph), else at a line end, else mid-line.
    """
    if len(text) <= _WINDOW and format_cost(text) <= budget:
        return text, ""
    spent = 0
    end = 0
    step = _WINDOW
    while end < len(text):
        window_end = min(end + step, len(text))
        cost = format_cost(text[end:window_end])
        if spent + cost > budget or window_end > max_chars:
            if step == _FINE_WINDOW:
                break
            step = _FINE_WINDOW  # close to the limit: go on in small steps
            continue
        spent += cost
        end = window_end
    else:
        return text, ""
    cut = _cut_point(text, end)
    return text[:cut], text[cut:]


def _cut_point(text: str, end: int) -> int:
    """Where to end the head: after the last blank line, else line, before `end`."""
    if end == 0:
        return 0
    blank = text.rfind("\n\n", 0, end)
    if blank > 0:
        return blank + 2
    newline = text.rfind("\n", 0, end)
    return newline + 1 if newline > 0 else end


def plain_text_pieces(text: str) -> list[tuple[Text, int]]:
    """`text` (Markdown source) as plain `Text` pieces with the blank lines before each.

    Line breaks are kept as written; a paragraph longer than PLAIN_BLOCK_CHARS is split
    into pieces that follow each other without a gap.
    """
    pieces: list[tuple[Text, int]] = []
    for paragraph in _paragraphs(_BACKSLASH_ESCAPE.sub(r"\1", text)):
        for index, chunk in enumerate(_chunks(paragraph, PLAIN_BLOCK_CHARS)):
            gap = 0 if index else 1
            pieces.append((Text(visible(chunk), overflow="fold"), gap))
    return pieces


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, short neighbours joined so blocks stay few.

    A 2 MB body of one-line paragraphs would otherwise make a million blocks; joined up to
    PLAIN_BLOCK_CHARS they keep their blank lines inside the text.
    """
    joined: list[str] = []
    for paragraph in re.split(r"\n[ \t]*\n\s*", text.strip("\n")):
        if not paragraph.strip():
            continue
        if joined and len(joined[-1]) + len(paragraph) < PLAIN_BLOCK_CHARS:
            joined[-1] += "\n\n" + paragraph
        else:
            joined.append(paragraph)
    return joined


def _chunks(text: str, limit: int) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut after a newline or a space."""
    chunks: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n")
        if cut <= limit // 2:  # no line break in the second half: a space will do
            cut = window.rfind(" ")
        cut = start + (cut + 1 if cut > limit // 2 else limit)
        chunks.append(text[start:cut].rstrip("\n"))
        start = cut
    chunks.append(text[start:])
    return chunks


def text_pieces(text: Text, limit: int) -> list[Text]:
    """A long paragraph's `Text` in pieces of at most `limit` cells, cut after a space.

    Rich wraps a paragraph in one go (a 1 MB line: 0.35 s); pieces are drawn one at a time.
    Styles are kept across the cuts.
    """
    plain = text.plain
    if len(plain) <= limit:
        return [text]
    offsets: list[int] = []
    start = 0
    while len(plain) - start > limit:
        space = plain.rfind(" ", start + limit // 2, start + limit)
        start = space + 1 if space != -1 else start + limit
        offsets.append(start)
    return list(text.divide(offsets))


def describe_size(text: str) -> str:
    kilobytes = len(text.encode("utf-8", "replace")) / 1024
    return f"{kilobytes / 1024:.1f} MB" if kilobytes >= 1024 else f"{kilobytes:.0f} KB"


_FENCE_LINE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.MULTILINE)


def first_part_of(markdown: str, size: int) -> str:
    """The beginning of `markdown`, about `size` characters, cut where a block ends.

    The cut is made at a blank line outside any fenced code block, so the part converts
    as the same blocks the whole would begin with (bar links to definitions further on,
    which the whole conversion then fills in).
    """
    if len(markdown) <= size:
        return markdown
    # Past this, any cut will do: a single 400 KB paragraph must not be converted whole.
    limit = 4 * size
    cut = size
    while (cut := markdown.find("\n\n", cut, limit)) != -1:
        if len(_FENCE_LINE.findall(markdown, 0, cut)) % 2 == 0:
            return markdown[:cut]
        cut += 2
    newline = markdown.rfind("\n", size, limit)
    return markdown[: newline if newline != -1 else limit]
