"""Finding the feed a site's page links to: `<link rel="alternate" type="…rss+xml" …>`."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

# Preference when a page offers several kinds: Atom and RSS carry more than JSON Feed's
# minimum, and every reader in the world understands them.
FEED_TYPES = {
    "application/atom+xml": "Atom",
    "application/rss+xml": "RSS",
    "application/feed+json": "JSON Feed",
    "application/json": "JSON Feed",
    "application/rdf+xml": "RSS 1.0",
}


class _FeedLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []  # (href, kind, title)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("link", "a"):
            return
        values = {name.lower(): value or "" for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        kind = FEED_TYPES.get(values.get("type", "").lower().split(";")[0].strip())
        if "alternate" in rels and kind and values.get("href"):
            self.found.append((values["href"], kind, values.get("title", "")))


def looks_like_html(body: bytes, content_type: str) -> bool:
    if "html" in content_type.lower():
        return True
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def feed_links(page: str, base_url: str) -> list[tuple[str, str, str]]:
    """(absolute URL, kind, title) of each feed the page announces, in page order."""
    parser = _FeedLinks()
    parser.feed(page[:2_000_000])
    parser.close()
    return [(urljoin(base_url, href.strip()), kind, title) for href, kind, title in parser.found]
