"""The saved-page corpus (tests/saved_pages/): for each page, what must be shown and what not.

Each page is original writing in the shape of a real kind of news site. A case names the
header fields, the headings, the captions and some sentences that must be in the body, the
furniture that must not be, and what the reader must say it hid.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from newsreader.library.article import Article
from newsreader.library.formats import load_article
from newsreader.library.formats.page_chrome import hidden_summary

PAGES = Path(__file__).parent / "saved_pages"
MARKDOWN = MarkdownIt("commonmark")
# Relative dates ("2 hours ago") count back from the file's modification time: fixed here.
SAVED_AT = dt.datetime(2025, 3, 13, 12, 0, tzinfo=dt.UTC)
GMT = dt.UTC
BST = dt.timezone(dt.timedelta(hours=1))


@dataclass(frozen=True)
class Page:
    name: str
    title: str
    author: str | None = None
    role: str | None = None
    date: dt.datetime | None = None
    updated: dt.datetime | None = None
    approximate: bool = False
    summary: str | None = None
    credit: str | None = None
    headings: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    lists: tuple[tuple[str, ...], ...] = ()
    shown: tuple[str, ...] = ()  # sentences that must be in the body, as paragraphs or items
    not_shown: tuple[str, ...] = ()  # furniture words that must not be anywhere in the body
    hidden: tuple[str, ...] = ()  # what the header must say was hidden
    first_paragraph: str | None = None
    last_paragraph: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


CASES = [
    Page(
        "public-broadcaster",
        title="Belfast market hall to reopen after fire repairs",
        author="Sarah Jones",
        role="Northwind News, Belfast",
        date=dt.datetime(2025, 3, 12, 23, 41, tzinfo=GMT),
        updated=dt.datetime(2025, 3, 13, 8, 10, tzinfo=GMT),
        headings=("What caused the fire?",),
        captions=(
            "People walk past the boarded-up front of the market hall on Tuesday"
            " — Image source: PA Media",
            "The new roof was lifted into place by crane in January — Image source: Northwind",
        ),
        first_paragraph="The Victorian market hall in east Belfast will reopen in May, eighteen "
        "months after a fire destroyed its roof.",
        last_paragraph="The repair bill came to £4.2m, most of it covered by insurance.",
        not_shown=("cookies", "Skip", "iPlayer", "Share", "Save", "Related topics",
                   "More on this story", "Copyright", "Terms of Use", "Menu"),
        hidden=("cookie banner", "2 share lines", "2 related-stories lists", "page footer"),
    ),
    Page(
        "national-daily",
        title="Ministers to scrap plan for river toll after backlash",
        summary="Transport secretary says charge on Harwell crossing 'will not go ahead' "
        "after 40,000 objections",
        author="Ana Pires",
        role="Political correspondent",
        date=dt.datetime(2025, 3, 12, 23, 41, tzinfo=GMT),
        updated=dt.datetime(2025, 3, 13, 8, 10, tzinfo=BST),
        headings=("A question of fairness",),
        captions=(
            "Cars queue on the approach to the Harwell crossing during the morning rush."
            " — Photograph: Jo Hale/The Daily Ledger",
        ),
        shown=(
            "The decision leaves a hole of about £18m a year in the bridge's maintenance plans.",
        ),
        last_paragraph='"The people who objected were not asking for something for nothing," she '
        'said. "They were asking not to be charged twice."',
        not_shown=("Sign up", "newsletter", "reCaptcha", "Enter your email", "Most viewed",
                   "Comments (214)", "join the discussion", "All rights reserved", "Explore more",
                   "Reuse this content", "Print subscriptions"),
        hidden=("newsletter sign-up", "most-read list", "comment form", "page footer"),
    ),
    Page(
        "wire-service",
        title="Portugal's cork exporters brace for second poor harvest",
        author="Tom Hale and Rui Lopes",
        date=dt.datetime(2025, 3, 12, 23, 41, tzinfo=GMT),
        updated=dt.datetime(2025, 3, 13, 10, 0, tzinfo=GMT),
        credit="(Reporting by Tom Hale and Rui Lopes; Editing by Mira Okafor)",
        captions=(
            "A worker strips bark from a cork oak near Coruche, Portugal, May 20, 2024."
            " — REUTERS/Rui Lopes/File Photo",
        ),
        first_paragraph="LISBON, March 12 (Wirehouse) - Portugal's cork producers expect a second "
        "weak harvest in a row after a dry winter left trees stressed, industry groups said on "
        "Wednesday, raising costs for wine makers who rely on natural stoppers.",
        shown=("Exports were worth 1.2 billion euros last year.",),
        not_shown=("Advertisement", "Scroll to continue", "Licensing", "Our Standards",
                   "Suggested Topics", "Sign In", "Exclusive news"),
        hidden=("advertisement", "page footer", "related-stories list"),
    ),
    Page(
        "local-paper-cookies",
        title="Harbour car park charges to double from April",
        summary="Councillors approve higher fees despite warnings from seafront traders",
        author="Sarah Jones",
        role="Local Democracy Reporter",
        date=dt.datetime(2025, 3, 28, 7, 15),
        first_paragraph="Parking charges at Kestleigh harbour will double from April after the "
        "district council's cabinet approved new fees on Thursday.",
        last_paragraph="Opposition councillors proposed keeping the first hour at £1, but the "
        "amendment was defeated by six votes to three.",
        shown=('"People will drive on to Marlow Bay instead," said café owner Petra Lind. '
               '"They can park there for nothing."',),
        not_shown=("cookies", "partners", "Manage preferences", "Advertisement", "Read more",
                   "Harbour wall repairs finish", "Most read", "Tide clock", "Courier Briefing",
                   "inbox", "Subscribe", "Comments (14)", "moderator", "real time", "Name",
                   "Post comment", "All rights reserved", "Terms and conditions", "Contact us"),
        hidden=("cookie banner", "3 share lines", "advertisement", "“Read more” link",
                "most-read list", "newsletter sign-up", "comment form", "page footer"),
    ),
    Page(
        "international-translated",
        title="Brazil's river dolphins return to the Tapajós after drought",
        summary="Scientists counted more than 200 animals in stretches of river that were "
        "almost dry a year ago",
        author="Lúcia Barreto",
        date=dt.datetime(2025, 2, 9, 14, 20, tzinfo=GMT),
        credit="Translated and edited by Marco Ferreira",
        headings=("What comes next",),
        shown=("Researchers from a local institute counted 214 pink and grey dolphins along a "
               "90-kilometre stretch, close to the numbers seen before the drought.",),
        not_shown=("Français", "Share", "Copy link", "Related stories", "Amazon drought",
                   "Newsletter", "briefing"),
        hidden=("3 share lines", "related-stories list", "newsletter sign-up"),
    ),
    Page(
        "live-page",
        title="Storm Hollis: Schools shut and ferries cancelled as gales hit the coast",
        author="Mira Okafor",
        role="Editor",
        date=dt.datetime(2025, 3, 13, 10, 0, tzinfo=GMT),
        approximate=True,
        headings=("Summary", "11:02", "Schools closed", "10:41",
                  "Ferry operator cancels all sailings", "10:15", "Trees down on the coast road"),
        lists=(
            ("Winds of up to 80mph are forecast for exposed coasts until Friday evening",
             "More than 40 schools are closed across the county",
             "All ferry sailings from Kestleigh are cancelled"),
            ("St Mary's Primary, Kestleigh", "Holyrood Academy", "Marlow Bay Infants",
             "Brackwith High School", "Averley Church of England Primary"),
        ),
        shown=("These schools have told parents they will not open today:",
               "Drivers are being asked to avoid the area."),
        not_shown=("Live Reporting", "Edited by", "hours ago", "Share", "Related topics",
                   "Copyright"),
    ),
    Page(
        "opinion-piece",
        title="The night bus is not a luxury. It is how this city goes to work",
        summary="Cutting the route would save a little money and cost a great deal more in lost "
        "shifts, missed care visits and people stranded at 3am",
        author="Oluwaseun Threlkeld",
        date=dt.datetime(2025, 3, 14, 6, 0, tzinfo=GMT),
        headings=("Who pays for the saving?",),
        captions=("Image: Getty Images",),
        last_paragraph="Oluwaseun Threlkeld is a writer and night-shift porter",
        not_shown=("Opinion", "Subscribe", "Share", "Comments are closed", "Most popular"),
        hidden=("3 share lines", "comment form", "most-read list"),
    ),
    Page(
        "recipe-page",
        title="Rhubarb and ginger crumble",
        summary="An easy pudding for the first forced rhubarb of the year, with a crunchy oat "
        "topping and a little stem ginger",
        author="Rhiannon Ashdown",
        date=dt.datetime(2025, 2, 3),
        credit="Recipe from Kestleigh Kitchen, photography by Jo Hale",
        headings=("Ingredients", "Method"),
        lists=(
            ("500g forced rhubarb, cut into 3cm lengths", "2 balls of stem ginger, finely chopped",
             "3 tbsp ginger syrup from the jar", "75g caster sugar", "150g plain flour",
             "100g cold butter, diced", "50g rolled oats", "50g demerara sugar"),
        ),
        shown=("Serve warm with custard or cold cream.",),
        not_shown=("Jump to recipe", "Print recipe", "ratings", "Advertisement", "Rate this",
                   "Post comment", "Newsletter", "inbox", "Sign up"),
        hidden=("advertisement", "comment form", "newsletter sign-up"),
    ),
    Page(
        "press-release",
        title="Hensby council opens its spending data to the public",
        date=dt.datetime(2026, 11, 20),
        headings=("Notes to editors",),
        first_paragraph="Hensby District Council has published every payment over £250 from the "
        "last five years on a new open data portal, the council announced today.",
        shown=("Payments to individuals are not published, to protect their privacy.",),
        not_shown=("FOR IMMEDIATE RELEASE", "ENDS", "Share", "LinkedIn", "Accessibility",
                   "Privacy notice", "Newsroom"),
    ),
    Page(
        "other-language",
        title="Padaria de Alfama reabre como cooperativa de moradores",
        summary="Mais de 300 vizinhos juntaram dinheiro para salvar o forno a lenha com cem anos",
        author="Ana Sousa",
        date=dt.datetime(2025, 3, 12, 14, 30),
        updated=dt.datetime(2025, 3, 13, 9, 0, tzinfo=GMT),
        headings=("Como foi possível",),
        last_paragraph="O padeiro, Rui Gaspar, trabalhou no forno durante vinte anos antes de "
        "este fechar.",
        not_shown=("cookies", "Rejeitar", "Pesquisar", "Partilhar", "Leia também", "Publicidade",
                   "Comentários", "moderados", "Enviar", "direitos reservados"),
        hidden=("cookie banner", "“Read more” link", "advertisement", "comment form"),
    ),
    Page(
        "no-byline",
        title="Averley river footbridge closes for six weeks of repairs",
        date=dt.datetime(2025, 4, 4),
        first_paragraph="The footbridge over the river Averley at Mill Lane will close on Monday "
        "for six weeks while its deck is replaced.",
        last_paragraph="The county council apologised for the disruption and said the bridge "
        "would reopen before the summer holidays.",
        not_shown=("Share", "WhatsApp", "Copy link", "Related topics", "Advertisement", "Menu"),
        hidden=("3 share lines", "related-stories list", "advertisement"),
    ),
    Page(
        "commenting-section",
        title="Plans for 400 homes on Brackwith farmland go out to consultation",
        summary="Residents have eight weeks to respond to the developer's proposals for the "
        "edge of the town",
        author="Tom Hale",
        date=dt.datetime(2025, 4, 2),
        headings=("Have your say",),
        shown=(
            "The consultation runs from 7 April to 2 June. Comments can be made online on the "
            "district council's planning portal, by email or by letter to the planning department.",
        ),
        last_paragraph="Every comment received will be published with the application, without "
        "the sender's address, and considered by the planning committee before a decision is "
        "made in the autumn.",
        not_shown=("Comments (2)", "Leave a reply", "will not be published", "Required fields",
                   "Post Comment", "Name *"),
        hidden=("2 share lines", "comment form"),
    ),
]  # fmt: skip


# Written before the rules were tuned and only read against them at the end (see the
# README): the first run found the misses these cases now pin down.
HELD_OUT = [
    Page(
        "regional-tv",
        title="Lifeboat crew rescue three from cut-off sandbank",
        author="Mira Okafor",
        role="Northcoast Television Reporter",
        date=dt.datetime(2025, 4, 3, 18, 12),
        captions=(
            "The volunteer crew reached the sandbank within 12 minutes of the call."
            " — Photo: Kestleigh RNLI",
        ),
        last_paragraph="Coastguards said the tide in the estuary could come in faster than a "
        "person could walk, and urged visitors to check tide times before setting out.",
        not_shown=("cookies", "Watch live", "Share", "Most watched", "moderated", "house rules",
                   "Submit", "Privacy policy", "Northcoast Television 2025"),
        hidden=("cookie banner", "most-read list", "comment form", "page footer"),
    ),
    Page(
        "magazine-feature",
        title="The lantern choir that sings the winter in",
        summary="In a valley village, forty voices and a hundred paper lanterns mark the "
        "longest night",
        author="Élodie Martin",
        date=dt.datetime(2024, 12, 14),
        headings=("A choir of forty voices",),
        captions=(
            "Photographs by Jo Hale",
            "Singers climb the lane to the chapel at dusk. — Photograph: Jo Hale",
        ),
        last_paragraph="The songs themselves are simple, and many have only two or three "
        "verses. What matters, the singers say, is that they are sung together.",
        not_shown=("Subscribe", "Listen to this article", "newsletter", "every Friday",
                   "You might also like", "logged in", "Leave a comment"),
        hidden=("related-stories list", "comment form"),
    ),
    Page(
        "sports-report",
        title="Kestleigh Town 2-1 Averley Rovers: late header sends Town top",
        summary="Captain Sam Okoro scores in the 89th minute to win the derby",
        author="Rui Lopes",
        role="Sport reporter",
        date=dt.datetime(2025, 3, 15, 17, 5, tzinfo=GMT),
        updated=dt.datetime(2025, 3, 15, 17, 5, tzinfo=GMT),
        lists=(("Referee: Nadia Holt", "Attendance: 4,812"),),
        first_paragraph="Kestleigh Town went top of the league after captain Sam Okoro headed "
        "in a corner in the 89th minute to beat local rivals Averley Rovers.",
        not_shown=("Scores & Fixtures", "Tables", "Share page", "Related topics", "Top stories",
                   "Cup draw"),
    ),
]  # fmt: skip


def load(name: str, folder: Path = PAGES) -> Article:
    path = folder / f"{name}.txt"
    stamp = SAVED_AT.timestamp()
    os.utime(path, (stamp, stamp))
    return load_article(path, folder)


def body_blocks(markdown: str) -> list[tuple[str, str]]:
    """(kind, text) per block: "p", "h2"/"h3", "li" (list items), "quote" (pictures)."""
    found: list[tuple[str, str]] = []
    tokens = MARKDOWN.parse(markdown)
    containers: list[str] = []
    for token, following in itertools.pairwise([*tokens, Token("end", "", 0)]):
        if token.type in ("bullet_list_open", "blockquote_open"):
            containers.append(token.type)
        elif token.type in ("bullet_list_close", "blockquote_close"):
            containers.pop()
        elif token.type == "heading_open":
            found.append((token.tag, text_of(following)))
        elif token.type == "paragraph_open":
            kind = "p"
            if containers:
                kind = "li" if containers[-1] == "bullet_list_open" else "quote"
            found.append((kind, text_of(following)))
    return found


def text_of(inline: Token) -> str:
    return "".join(child.content for child in inline.children or [] if child.type == "text")


def test_the_corpus_has_every_case() -> None:
    names = {path.stem for path in PAGES.glob("*.txt")}

    assert names == {case.name for case in CASES}
    assert len(names) >= 12


@pytest.mark.parametrize(
    ("case", "folder"),
    [(case, PAGES) for case in CASES] + [(case, PAGES / "held_out") for case in HELD_OUT],
    ids=[case.name for case in CASES] + [f"held-out-{case.name}" for case in HELD_OUT],
)
def test_saved_page(case: Page, folder: Path) -> None:
    article = load(case.name, folder)
    blocks = body_blocks(article.body)
    paragraphs = [text for kind, text in blocks if kind == "p"]
    items = [text for kind, text in blocks if kind == "li"]

    assert article.title == case.title
    assert article.summary == case.summary
    assert (article.author, article.role) == (case.author, case.role)
    assert (article.date, article.updated) == (case.date, case.updated)
    assert article.date_approximate is case.approximate
    assert article.credit == case.credit
    assert [text for kind, text in blocks if kind in ("h2", "h3")] == list(case.headings)
    assert article.captions == case.captions
    for expected in case.lists:
        start = items.index(expected[0])
        assert items[start : start + len(expected)] == list(expected)
    for sentence in case.shown:
        assert sentence in paragraphs or sentence in items, sentence
    if case.first_paragraph:
        assert paragraphs[0] == case.first_paragraph
    if case.last_paragraph:
        assert paragraphs[-1] == case.last_paragraph
    for furniture in case.not_shown:
        assert furniture.casefold() not in article.body.casefold(), furniture
    said = hidden_summary(article.hidden)
    for part in case.hidden:
        assert part in said.split(", "), (part, said)
    # Nothing hidden is lost: every hidden line is in the saved text, kept for `v`.
    assert article.saved_text is not None
    for hidden_part in article.hidden:
        for line in hidden_part.text.splitlines():
            assert line in article.saved_text


def test_caption_glued_to_the_first_paragraph_is_set_apart() -> None:
    article = load("public-broadcaster")
    blocks = body_blocks(article.body)

    assert blocks[0] == (
        "quote",
        "People walk past the boarded-up front of the market hall on Tuesday — Image source: "
        "PA Media",
    )
    assert blocks[1][0] == "p"
    assert article.body.startswith("> *People walk past")  # caption in italics, credit after


def test_moderation_notice_of_any_length_is_hidden_wherever_it_stands(tmp_path: Path) -> None:
    notice = (
        "Add your comment by filling out the form below in plain text. Comments are approved "
        "by a moderator and will not appear in real time. We ask that you keep to the subject "
        "of the article and that you are polite to other readers at all times, even when you "
        "disagree with them strongly, and that you do not post the same comment twice."
    )
    assert len(notice) > 300
    page = f"Title\n\nBy Ana Pires\n\nOne.\n\n{notice}\n\nTwo.\n"
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")

    article = load_article(path, tmp_path)

    assert body_blocks(article.body) == [("p", "One."), ("p", "Two.")]
    assert [part.kind for part in article.hidden] == ["comment form"]


def test_a_paragraph_that_only_mentions_comments_stays(tmp_path: Path) -> None:
    page = (
        "Title\n\nBy Ana Pires\n\nThe plan must be approved by the full council, which will "
        "read every comment from residents before it votes in July.\n\nThe council declined "
        "to comment.\n\nComments (3)\nName\nEmail\nPost comment\n"
    )
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")

    article = load_article(path, tmp_path)

    assert [text for _, text in body_blocks(article.body)][-1] == "The council declined to comment."
    assert hidden_summary(article.hidden) == "comment form"
