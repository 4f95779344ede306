"""OPML 2.0 in and out. Import reads with defusedxml: an OPML file is untrusted input too."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import format_datetime
from xml.etree.ElementTree import Element, SubElement, tostring

from newsreader.feeds.store import Subscription
from newsreader.feeds.times import now_text


class OpmlError(Exception):
    """The file is not OPML we can read; `str()` says why, one line."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str
    full_text: bool = False


def read_opml(data: bytes) -> list[OpmlFeed]:
    from xml.etree.ElementTree import ParseError

    import defusedxml
    import defusedxml.ElementTree

    try:
        root = defusedxml.ElementTree.fromstring(data)
    except defusedxml.DefusedXmlException:
        raise OpmlError("the file declares XML entities or a DTD; refused") from None
    except ParseError as error:
        raise OpmlError(f"not well-formed XML: {error}") from None
    if root.tag.lower() != "opml":
        raise OpmlError(f"not OPML (the root element is <{root.tag[:40]}>)")
    feeds: list[OpmlFeed] = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue  # a folder: its feeds are found by iter() anyway
        title = outline.get("title") or outline.get("text") or ""
        full_text = (outline.get("newsreaderFullText") or "").lower() == "true"
        feeds.append(OpmlFeed(url, title.strip(), full_text))
    return feeds


def write_opml(subscriptions: Sequence[Subscription]) -> str:
    import datetime as dt

    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = "newsreader subscriptions"
    SubElement(head, "dateCreated").text = format_datetime(dt.datetime.fromisoformat(now_text()))
    body = SubElement(root, "body")
    for subscription in subscriptions:
        attributes = {
            "type": "rss",
            "text": subscription.name,
            "title": subscription.name,
            "xmlUrl": subscription.url,
        }
        if subscription.full_text:
            attributes["newsreaderFullText"] = "true"
        SubElement(body, "outline", attributes)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"
