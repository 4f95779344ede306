"""A web page's HTML made ready for the article extractor: what a browser would not show
taken out, links made whole, and the page's own title found.

Real pages carry things that fool an extractor: a hidden help dialog whose heading looks
like the title (mdbook), a "Copy item path" button inside the h1 (rustdoc), "¶" and "§"
permalinks after every heading (Sphinx, rustdoc), links relative to a folder the saved
article no longer sits in.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Not shown by a browser, or not part of the text (controls, templates, hidden blocks).
# Scripts stay: JSON-LD in one names the author and the date.
_HIDDEN = (
    "//button | //dialog | //template | //noscript"
    " | //*[@hidden] | //*[@aria-hidden='true']"
    " | //*[contains(translate(@style, ' ', ''), 'display:none')]"
)
# Text of a link that only points at its own heading.
_PERMALINK_MARKS = {"¶", "§", "#", "🔗", "⚓", "link"}
# How sites join the page's title and their own name in <title>.
_TITLE_SEPARATORS = re.compile(r"\s+(?:[-|–—·»:]|::)\s+")


def cleaned_page(data: bytes | str) -> HtmlElement | None:
    """The page parsed (its encoding found from the bytes and its own meta tags), without
    what is hidden; None when it is not HTML at all."""
    import trafilatura

    tree = trafilatura.load_html(data)
    if tree is None:
        return None
    for element in tree.xpath(_HIDDEN):
        element.drop_tree()  # keeps the text after it (its tail)
    for anchor in tree.xpath("//a[starts-with(@href, '#')]"):
        if anchor.text_content().strip() in _PERMALINK_MARKS:
            anchor.drop_tree()
    return tree


def page_address(tree: HtmlElement, url: str | None, file: Path | None) -> str | None:
    """Where the page lives, for the article's `url`: the address it was fetched from, or
    the one it names for itself (canonical link, og:url), else the file it was saved as."""
    if url:
        return url
    for found in tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
        if str(found).startswith(("http://", "https://")):
            return str(found)
    return file.resolve().as_uri() if file is not None else None


def web_address(address: str | None) -> str | None:
    """`address` when links may be made whole against it: a `file:` one may not, since
    Markdown takes no `file:` link (it would show as raw text); they stay relative, and
    the reader's `l` makes them whole from the article's `url`."""
    return address if address and address.startswith(("http://", "https://")) else None


def make_links_whole(tree: HtmlElement, address: str | None) -> None:
    """Relative links and images made absolute, against <base href> or a web `address`."""
    if base := web_address(address):
        tree.make_links_absolute(base, resolve_base_href=True, handle_failures="discard")


def page_title(tree: HtmlElement, sitename: str | None) -> str | None:
    """The page's own title: what it tells other sites (og:title), else its <title> less
    the site's name, else its first heading."""
    for found in tree.xpath(
        "//meta[@property='og:title']/@content | //meta[@name='twitter:title']/@content"
    ):
        if title := " ".join(str(found).split()):
            return title
    if (element := tree.find(".//title")) is not None:
        whole = " ".join(element.text_content().split())
        parts = [part for part in _TITLE_SEPARATORS.split(whole) if part]
        site = (sitename or "").casefold()
        named = [part for part in parts if part.casefold() != site] or parts
        if named:
            # "Headline - Site" is the common order; the site's own name goes.
            return named[0]
    for heading in tree.xpath("//h1 | //h2"):
        if text := " ".join(heading.text_content().split()):
            return text
    return None
