"""The parts of a saved news page that are the page, not the article: the furniture table.

Copying an article out of a browser brings along skip links, cookie banners, menus, share
rows, adverts, "Read more" links, related and most-read lists, newsletter sign-ups, the
comment form and the footer. Each kind is one row of `FURNITURE` below: a new site's
furniture is a new word in a pattern or a new row, not new code.

A row has
- `anchor`: a whole line that is this furniture wherever it stands ("Accept all cookies");
- `notice`: words that make a longer neighbouring line part of the same furniture (the
  banner's blurb, the moderation notice) — only next to an anchor, never alone;
- `labels`: short lines that belong to it only next to an anchor ("Name", "Email");
- `follow`: how it continues after its anchor: "one" title ("Read more" + a headline),
  a "list" of titles (related stories, most read) or nothing.

Text is hidden only when an anchor says so: real text that merely mentions comments or
cookies stays. Everything hidden is kept as a `HiddenPart`, so the reader can say what it
left out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from newsreader.library.article import HiddenPart
from newsreader.library.formats.line_dispatch import LineDispatch

Follow = Literal["", "one", "list"]


@dataclass(frozen=True, slots=True)
class Furniture:
    kind: str  # singular, as the reading pane names it
    plural: str
    anchor: str  # regex, matched against a whole short line, case-insensitively
    notice: str = ""  # regex searched in a line below an anchor, up to NOTICE_MAX characters
    above: str = ""  # the same for a line above it (stricter: article text comes first)
    labels: str = ""  # regex matched against a whole neighbouring line up to LABEL_MAX
    follow: Follow = ""
    count_lines: bool = False  # "3 share lines" rather than "share row"
    # Anchors that may be long (a copyright line, "Read more: <a headline>"): tried on lines
    # of any length up to ANCHOR_MAX, while `anchor` is tried on short lines only. Most
    # body lines are long, so this keeps the big pattern off them.
    long_anchor: str = ""


_SHARE_TARGETS = (
    r"whatsapp|facebook|x|twitter|linkedin|email|e-mail|reddit|bluesky|threads|telegram"
    r"|messenger|pinterest|mastodon|flipboard|sms"
)
_SECTIONS = (
    r"home|news|sport|sports|business|money|weather|politics|world|uk|us|local|culture"
    r"|arts|opinion|lifestyle|travel|video|videos|audio|podcasts|live|science|health"
    r"|tech|technology|entertainment|education|environment|climate|food|books|music"
    r"|film|tv|puzzles|games|obituaries|jobs|property|motors|notícias|desporto|cultura"
    r"|economia|mundo|política"
)

# The section label a page prints just above its title ("Opinion", "Live").
KICKER = re.compile(
    rf"(?:{_SECTIONS}|opinion|analysis|exclusive|explainer|interview|review|comment|breaking"
    r"|breaking\s+news|live|feature|features|profile|obituary|letters|editorial|long\s+read"
    r"|fact\s+check|special\s+report|watch|listen|podcast|opini[aã]o|análise|exclusivo)",
    re.IGNORECASE,
)
# The heading of a box of key points under the title: it and its lines are article text.
SUMMARY_BOX = re.compile(
    r"summary|key\s+points|at\s+a\s+glance|in\s+short|key\s+facts|what\s+we\s+know"
    r"|resumo|em\s+resumo|pontos[- ]chave",
    re.IGNORECASE,
)
_COOKIE_WORDS = (
    r"cookie|consent|our\s+partners|personalis|personaliz|your\s+privacy|privacy\s+choices"
    r"|tracking|legitimate\s+interest"
)
# What a comment form's notice says about comments: moderation, terms, the form itself.
_MODERATION = (
    r"moderat|approved\s+by|(?:will\s+not|won't|may\s+not|do\s+not)\s+appear|real\s+time"
    r"|terms\s+of\s+(?:use|service)|house\s+rules|community\s+(?:guidelines|standards)"
    r"|form\s+below|plain\s+text|will\s+not\s+be\s+published|required\s+fields"
    r"|pre-?moderat|aprovad|moderad|tempo\s+real"
)

FURNITURE: tuple[Furniture, ...] = (
    Furniture(
        "skip link",
        "skip links",
        r"(?:skip|jump)\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|search|footer"
        r"|article|story)|skip\s+navigation|back\s+to\s+top|ir\s+para\s+o\s+conte[uú]do",
        count_lines=True,
    ),
    Furniture(
        "menu line",
        "menu lines",
        r"(?:main\s+|open\s+|close\s+|site\s+)?menu|search(?:\s+(?:news|the\s+site|site|articles))?|sign\s+in|log\s+in"
        r"|register|sign\s+in\s*/\s*register|my\s+account|account|toggle\s+navigation"
        r"|navigation|sections|more\s+sections|subscribe\s*/\s*sign\s+in|iniciar\s+sess[aã]o"
        r"|pesquisar|entrar"
        rf"|(?:(?:{_SECTIONS})\s*[|·•/]?\s*){{3,}}",
        labels=rf"{_SECTIONS}|more|all\s+sections",
        count_lines=True,
    ),
    Furniture(
        "cookie banner",
        "cookie banners",
        r"accept(?:\s+all)?(?:\s+cookies)?(?:\s*(?:&|and)\s*(?:close|continue))?"
        r"|reject(?:\s+all)?(?:\s+cookies)?|allow\s+all(?:\s+cookies)?"
        r"|(?:manage|change|set)\s+(?:my\s+)?(?:cookie\s+)?(?:preferences|cookies|settings"
        r"|options|choices)|cookie\s+(?:settings|preferences)|(?:use\s+)?necessary\s+cookies"
        r"\s+only|continue\s+without\s+(?:accepting|agreeing)|agree\s+(?:and|&)\s+"
        r"(?:continue|close)|aceitar(?:\s+todos)?(?:\s+os)?(?:\s+cookies)?|rejeitar(?:\s+todos)?",
        long_anchor=r"we\s+use\s+cookies.{0,300}|cookies\s+on\s+(?:the\s+)?\S.{0,60}",
        notice=_COOKIE_WORDS,
        above=_COOKIE_WORDS,
        labels=r"accept|reject|agree|i\s+agree|ok|got\s+it|options|settings|more\s+options"
        r"|privacy\s+policy|cookie\s+policy|cookies\s+policy",
    ),
    Furniture(
        "share line",
        "share lines",
        rf"(?:share(?:\s+(?:on|via|to|with)\s+(?:{_SHARE_TARGETS}))?"
        r"|share\s+this\s+(?:article|story|page|post)|share\s+(?:article|story|page)"
        r"|copy\s+(?:the\s+)?link|link\s+copied|save(?:\s+(?:article|story|for\s+later"
        r"|to\s+(?:my\s+)?(?:list|reading\s+list)))?|saved|print(?:\s+this\s+(?:article|page))?"
        r"|gift\s+(?:this\s+)?article|bookmark|reuse\s+this\s+content|partilhar|compartilhar"
        r"|purchase\s+licensing\s+rights.{0,30})\W*",
        # One target a line, or a row of them ("Facebook  X  Email").
        labels=rf"(?:{_SHARE_TARGETS})(?:[\s,|·•/]+(?:{_SHARE_TARGETS}))*",
        count_lines=True,
    ),
    Furniture(
        "page tool line",
        "page tool lines",
        r"listen(?:\s+to\s+this\s+(?:article|story))?(?:\s*[,·(-]?\s*\d+\s*(?:min|mins"
        r"|minutes)\)?)?|play(?:\s+(?:audio|video))?|\d+\s*(?:min|mins|minute|minutes)\s+read"
        r"|font\s+size|text\s+size|follow(?:\s+us)?(?:\s+on\s+\w+)?|watch\s+live"
        r"|a\s*-?\s*a\s*\+|live(?:\s+(?:reporting|updates|coverage|blog|now))?|view\s+(?:image\s+)?in\s+full\s*screen|enlarge(?:\s+image)?"
        r"|\d(?:[.,]\d)?\s*(?:out\s+of\s+5\s*)?\(?\d[\d,]*\s+(?:ratings?|reviews?|votes?)\)?"
        r"|for\s+immediate\s+release|-?\s*ends\s*-?|#{3}"
        r"|expand|close|next\s+image|previous\s+image|\d+\s*/\s*\d+",
        count_lines=True,
    ),
    Furniture(
        "advertisement",
        "advertisements",
        r"(?:advertisement|advert|ad)(?:\s*[·|-]\s*scroll\s+to\s+continue)?|ads|sponsored(?:\s+content)?|promoted(?:\s+stories)?"
        r"|paid\s+(?:post|content|partnership)|(?:story|article)\s+continues\s+(?:below|after)"
        r"(?:\s+(?:this\s+)?(?:advertisement|advert|ad))?|scroll\s+to\s+continue(?:\s+with"
        r"\s+content)?|continue\s+reading\s+(?:below|the\s+main\s+story)|publicidade"
        r"|anúncio|anuncio",
        count_lines=True,
    ),
    Furniture(
        "“Read more” link",
        "“Read more” links",
        "",
        long_anchor=r"(?:read\s+more|also\s+read|read\s+also|see\s+also|more\s+on\s+this"
        r"|related|recommended|leia\s+tamb[eé]m|leia\s+mais|saiba\s+mais)\s*[:\-–—]\s*\S.{0,200}",
    ),
    Furniture(
        "“Read more” link",
        "“Read more” links",
        r"read\s+more|also\s+read|read\s+also|see\s+also|leia\s+tamb[eé]m|leia\s+mais",
        follow="one",
    ),
    Furniture(
        "related-stories list",
        "related-stories lists",
        r"related(?:\s+(?:stories|topics|articles|content|links|coverage|reading|news"
        r"|internet\s+links))?|more\s+on\s+this\s+story|more\s+from\s+\S+(?:\s+\S+)?"
        r"|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)|recommended(?:\s+for"
        r"\s+you)?|more\s+stories|top\s+stories|latest\s+(?:news|stories|headlines)"
        r"|around\s+the\s+web|elsewhere\s+on\s+\S+|not\s+to\s+be\s+missed|explore\s+more"
        r"|topics|tags|explore\s+more\s+on\s+th(?:ese|is)\s+topics?|suggested\s+topics"
        r"|more\s+about\s+this\s+story|mais\s+lidas\s+hoje|relacionad[oa]s|not[ií]cias\s+relacionadas",
        follow="list",
    ),
    Furniture(
        "most-read list",
        "most-read lists",
        r"most\s+(?:read|popular|viewed|shared|watched|commented)(?:\s+(?:stories|articles"
        r"|today|now))?|trending(?:\s+(?:now|stories))?|popular\s+now|what\s+(?:others|people)"
        r"\s+are\s+reading|mais\s+lidas|mais\s+lidos",
        follow="list",
    ),
    Furniture(
        "newsletter sign-up",
        "newsletter sign-ups",
        r"enter\s+your\s+e-?mail(?:\s+address)?(?:\s+here)?|sign\s+up(?:\s+(?:now|today|here"
        r"|for\s+free|free))?|subscribe(?:\s+(?:now|today|for\s+free|here))?|sign\s+me\s+up"
        r"|get\s+the\s+newsletter|newsletter(?:\s+sign[- ]?up)?"
        r"|(?:free\s+)?(?:daily|weekly)\s+newsletter|after\s+newsletter\s+promotion"
        r"|inscreva-se|subscrever"
        r"|receba\s+a\s+newsletter",
        long_anchor=r"sign\s+up\s+(?:to|for)\s+\S.{0,60}|get\s+(?:our|the)\s+.{0,40}\s+"
        r"(?:newsletter|briefing|bulletin)",
        notice=r"newsletter|inbox|sign\s+up|subscri|unsubscribe|e-?mail|privacy\s+(?:policy"
        r"|notice)|briefing|delivered|every\s+(?:morning|week|day|weekday|\w+day)|recaptcha|spam"
        r"|marketing|third\s+part",
        above=r"newsletter|inbox|sign\s+up|subscri|e-?mail|briefing|straight\s+to\s+your"
        r"|recaptcha",
        labels=r"e-?mail(?:\s+address)?|your\s+e-?mail|submit|go|ok|thank\s+you.{0,40}"
        r"|no\s+thanks|not\s+now",
    ),
    Furniture(
        "comment form",
        "comment forms",
        r"comments?\s*\(\d+\)|\d+\s+comments?|comments|(?:leave|post|add|write|submit)\s+"
        r"(?:a|your)\s+(?:comment|reply)|post(?:\s+a)?\s+comment|submit\s+comment"
        r"|(?:show|view|load|read)(?:\s+all)?\s+(?:\d+\s+)?comments|join\s+the\s+(?:conversation"
        r"|discussion)|be\s+the\s+first\s+to\s+comment"
        r"|leave\s+a\s+reply|coment[aá]rios(?:\s*\(\d+\))?|deixe\s+o\s+seu\s+coment[aá]rio"
        r"|rate\s+this\s+(?:recipe|article)",
        long_anchor=r"comments\s+are\s+closed.{0,80}|(?:sign|log)\s+in\b.{0,80}\bto\s+(?:join\s+"
        r"the\s+(?:discussion|conversation)|post\s+a\s+comment|comment|reply)",
        notice=rf"comment|coment|have\s+your\s+say|{_MODERATION}",
        # Above the form's anchor only a line about comments that also reads like a form's
        # notice: "The council declined to comment." just before "Comments (3)" stays.
        above=rf"(?=.*(?:comment|coment))(?=.*(?:{_MODERATION}))",
        labels=r"name|your\s+name|e-?mail(?:\s+address)?|your\s+e-?mail|website|comment"
        r"|your\s+comment|message|submit|post|send|cancel|reply|required|\*\s*required"
        r"|(?:name|e-?mail|comment)\s*\*|notify\s+me.{0,80}|save\s+my\s+name.{0,120}"
        r"|\d+\s+characters?\s+(?:left|remaining)|have\s+your\s+say|nome|enviar|publicar",
    ),
    Furniture(
        "page footer",
        "page footers",
        r"terms\s+of\s+(?:use|service)|terms\s+(?:and|&)\s+conditions|privacy\s+(?:policy|notice)"
        r"|cookies?\s+policy|accessibility(?:\s+(?:statement|help))?|modern\s+slavery\s+statement"
        r"|do\s+not\s+sell(?:\s+or\s+share)?\s+my\s+(?:personal\s+)?information",
        long_anchor=r"(?:©|\(c\)|copyright\s*(?:©|\(c\))?)\s*(?:\d{4}|[a-z]).{0,200}"
        r"|all\s+rights\s+reserved\.?|our\s+standards:.{0,120}|todos\s+os\s+direitos\s+reservados\.?"
        # A row of links with a bar or dot between them, one of them terms, privacy or cookies.
        r"|(?=(?:[^|·•]{1,40}[|·•]){2})(?=.*\b(?:terms|privacy|cookies)\b)"
        r"(?:[^|·•]{1,40}[|·•]){2,}[^|·•]{1,40}",
        labels=r"contact(?:\s+us)?|about(?:\s+us)?|help|sitemap|site\s+map|careers|jobs"
        r"|work\s+for\s+us|advertise(?:\s+with\s+us)?|corrections|complaints|rss|cookies"
        r"|cookie\s+settings|privacy|terms|feedback|newsletters|apps|archive",
    ),
    # Found by the text reader (it knows the title), listed here to be named like the rest.
    Furniture("repeated headline", "repeated headlines", r"(?!)", count_lines=True),
    Furniture("site header line", "site header lines", r"(?!)", count_lines=True),
)

# A moderation notice is furniture wherever it stands, however long: it talks about
# comments and says several of these things about them. A single one is not enough:
# "comments must be approved by the committee" is article text.
_MODERATION_CUES = re.compile(_MODERATION, re.IGNORECASE)
_COMMENT_FORM = next(index for index, row in enumerate(FURNITURE) if row.kind == "comment form")

SHORT_ANCHOR_MAX = 64
ANCHOR_MAX = 320  # longer lines are never an anchor; the length test keeps them cheap
LABEL_MAX = 60
SHORT_NOTICE_MAX = 250
NOTICE_MAX = 600
TITLE_LIKE_MAX = 160  # an item of a related list: a headline, not a paragraph
LIST_MAX_ITEMS = 24
_BLANKS_CROSSED = 2  # furniture spreads over at most this many blank lines in a row

# Matched against the lower-cased line (quicker than IGNORECASE), by its first letters.
_ANCHORS = LineDispatch(
    ["|".join(part for part in (row.anchor, row.long_anchor) if part) for row in FURNITURE]
)
_LONG_ANCHORS = LineDispatch([row.long_anchor for row in FURNITURE])
_NOTICES = [re.compile(row.notice, re.IGNORECASE) if row.notice else None for row in FURNITURE]
_ABOVE = [re.compile(row.above, re.IGNORECASE) if row.above else None for row in FURNITURE]
_LABELS = [
    re.compile(f"(?:{row.labels})\\W*", re.IGNORECASE) if row.labels else None for row in FURNITURE
]
_SENTENCE_END = tuple(".;")


def anchor_kind(line: str) -> int | None:
    """The row of `FURNITURE` whose anchor `line` (stripped) is, if any."""
    if not line:
        return None
    lowered = line.lower()
    if len(line) <= ANCHOR_MAX:
        anchors = _ANCHORS if len(line) <= SHORT_ANCHOR_MAX else _LONG_ANCHORS
        kind = anchors.match(lowered.rstrip(" .:…!»›>→"))
        if kind is not None:
            return kind
    if ("comment" in lowered or "coment" in lowered) and _is_moderation_notice(line):
        return _COMMENT_FORM
    return None


def _is_moderation_notice(line: str) -> bool:
    cues = {match.group().casefold()[:6] for match in _MODERATION_CUES.finditer(line)}
    return len(cues) >= 3 or (len(cues) == 2 and len(line) <= SHORT_NOTICE_MAX)


def find_furniture(lines: list[str]) -> tuple[list[bool], list[HiddenPart]]:
    """Which of `lines` (stripped) are furniture, and the hidden parts in page order.

    Each anchor grows into its neighbours (up and down, across a blank line or two) while
    they are its notices, labels or anchors of the same kind; lines already taken are not
    looked at again, so the whole page costs a few passes, never one per pair of lines.
    """
    anchors = [anchor_kind(line) for line in lines]
    hidden = [False] * len(lines)
    parts: list[tuple[int, HiddenPart]] = []
    for index, kind in enumerate(anchors):
        if kind is None or hidden[index]:
            continue
        first = _grow(lines, anchors, hidden, index, kind, step=-1)
        last = _grow(lines, anchors, hidden, index, kind, step=1)
        last = _follow(lines, anchors, hidden, last, FURNITURE[kind].follow)
        taken = [at for at in range(first, last + 1) if lines[at] and not hidden[at]]
        for at in taken:
            hidden[at] = True
        row = FURNITURE[kind]
        text = "\n".join(lines[at] for at in taken)
        parts.append((first, HiddenPart(row.kind, text, len(taken))))
    parts.sort(key=lambda part: part[0])
    return hidden, [part for _, part in parts]


def _belongs(line: str, anchor: int | None, kind: int, step: int) -> bool:
    if anchor == kind:
        return True
    if anchor is not None:
        return False  # another kind's anchor starts its own part
    labels, notice = _LABELS[kind], (_NOTICES if step > 0 else _ABOVE)[kind]
    if labels is not None and len(line) <= LABEL_MAX and labels.fullmatch(line):
        return True
    return notice is not None and len(line) <= NOTICE_MAX and notice.search(line) is not None


def _grow(
    lines: list[str],
    anchors: list[int | None],
    hidden: list[bool],
    start: int,
    kind: int,
    step: int,
) -> int:
    """The farthest line from `start`, going `step` (±1), still part of this furniture."""
    reach = start
    at = start + step
    blanks = 0
    while 0 <= at < len(lines) and not hidden[at]:
        line = lines[at]
        if not line:
            blanks += 1
            if blanks > _BLANKS_CROSSED:
                break
        elif _belongs(line, anchors[at], kind, step):
            reach, blanks = at, 0
        else:
            break
        at += step
    return reach


def _follow(
    lines: list[str], anchors: list[int | None], hidden: list[bool], last: int, follow: Follow
) -> int:
    """Past `last`: the one title after "Read more", or the titles of a related list."""
    if not follow:
        return last
    wanted = 1 if follow == "one" else LIST_MAX_ITEMS
    at, blanks = last + 1, 0
    while at < len(lines) and wanted and not hidden[at]:
        line = lines[at]
        if not line:
            blanks += 1
            if blanks > 1:
                break
        elif anchors[at] is None and _is_title_like(line):
            last, blanks, wanted = at, 0, wanted - 1
        else:
            break
        at += 1
    return last


def _is_title_like(line: str) -> bool:
    """A headline or a list number: short, and not ending like a sentence."""
    return len(line) <= TITLE_LIKE_MAX and not line.endswith(_SENTENCE_END)


def hidden_summary(parts: tuple[HiddenPart, ...] | list[HiddenPart]) -> str:
    """ "cookie banner, 3 share lines, newsletter sign-up, comment form", in page order."""
    rows = {row.kind: row for row in FURNITURE}
    counts: Counter[str] = Counter()
    for part in parts:
        counts[part.kind] += part.lines if rows[part.kind].count_lines else 1
    words = []
    for kind, count in counts.items():
        row = rows[kind]
        words.append(kind if count == 1 else f"{count} {row.plural}")
    return ", ".join(words)
