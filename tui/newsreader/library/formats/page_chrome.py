"""The parts of a saved news page that are the page, not the article.

Copying an article out of a browser brings along share buttons ("Share on WhatsApp",
"Copy link") and, at the end, the comment form with its labels and terms-of-use notice.
Those lines are dropped before the text is read as an article.
"""

from __future__ import annotations

import re

_SHARE_TARGETS = (
    "whatsapp|facebook|x|twitter|linkedin|email|e-mail|reddit|bluesky|threads|telegram"
    "|messenger|pinterest|mastodon|flipboard"
)
SHARE_LINE = re.compile(
    rf"(?:share(?:\s+(?:on|via|to|with)\s+(?:{_SHARE_TARGETS}))?"
    r"|share\s+this\s+(?:article|story|page)|copy\s+link|link\s+copied)\W*",
    re.IGNORECASE,
)
COMMENT_FORM_START = re.compile(
    r"(?:(?:add|leave|post|write)\s+(?:a|your)\s+(?:comment|reply)"
    r"|comments?(?:\s*\(\d+\))?|\d+\s+comments?"
    r"|join\s+the\s+(?:conversation|discussion)|have\s+your\s+say"
    r"|comments\s+are\s+(?:approved|moderated|reviewed|checked)\b.*)\W*",
    re.IGNORECASE,
)
# Lines a comment form is made of: field labels and buttons are short; notices are longer
# but talk about comments, moderation or terms.
_FORM_WORDS = re.compile(
    r"comment|moderat|terms|privacy|submit|real\s+time|guidelines|required|characters",
    re.IGNORECASE,
)
_FORM_LABEL_MAX = 40
_FORM_LINE_MAX = 300
_FORM_MAX_LINES = 25
_LONG_LINE = 300  # longer lines are never chrome; checking their length first keeps it cheap


def drop_page_chrome(lines: list[str]) -> list[str]:
    """`lines` (stripped) with share lines blanked and a trailing comment form removed.

    Share lines become blank rather than vanish, so they still separate the paragraphs
    around them as the page's layout did.
    """
    kept = ["" if len(line) < _LONG_LINE and SHARE_LINE.fullmatch(line) else line for line in lines]
    start = _comment_form_start(kept)
    return kept if start is None else kept[:start]


def _comment_form_start(lines: list[str]) -> int | None:
    """Index of the line that opens a trailing comment form, if the page ends with one.

    Only a form at the very end counts: a "Comments" line followed by more article text is
    left alone. The first candidate that qualifies wins, so the whole form goes.
    """
    nonblank = [index for index, line in enumerate(lines) if line]
    tail = nonblank[-(_FORM_MAX_LINES + 1) :]
    for position, index in enumerate(tail):
        if index == nonblank[0]:
            continue  # the first line is the title, not a form
        line = lines[index]
        opens_form = len(line) < _LONG_LINE and COMMENT_FORM_START.fullmatch(line)
        if opens_form and all(_is_form_line(lines[later]) for later in tail[position + 1 :]):
            return index
    return None


def _is_form_line(line: str) -> bool:
    if len(line) <= _FORM_LABEL_MAX:
        return True
    return len(line) <= _FORM_LINE_MAX and _FORM_WORDS.search(line) is not None
