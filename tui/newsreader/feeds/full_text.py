"""The whole article behind an entry that carries only a summary, with trafilatura."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from newsreader.feeds.http import FetchError, HttpFetcher
from newsreader.feeds.page_html import cleaned_page, make_links_whole

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def extract_markdown(html: str | HtmlElement, url: str) -> str | None:
    """The article's text as Markdown, without the page's furniture; None if none found."""
    import trafilatura

    extracted = trafilatura.extract(
        html,
        url=url,
        output_format="markdown",
        include_links=True,
        include_images=False,
        include_comments=False,
        favor_precision=True,
    )
    return extracted.strip() if extracted and extracted.strip() else None


async def fetch_full_text(fetcher: HttpFetcher, url: str) -> tuple[str | None, str]:
    """(Markdown body, "") or (None, the note saying why the summary stands in)."""
    try:
        answer = await fetcher.get(url)
    except FetchError as error:
        return None, f"[Full text unavailable: {error}; this is the feed's summary.]"
    body = await asyncio.to_thread(_page_markdown, answer.body, answer.url)
    if body is None:
        return (
            None,
            "[Full text unavailable: no article found on the page; this is the feed's summary.]",
        )
    return body, ""


def _page_markdown(page: bytes, url: str) -> str | None:
    """The fetched page read as `save` reads one (its charset, without what is hidden)."""
    tree = cleaned_page(page)
    if tree is None:
        return None
    make_links_whole(tree, url)
    return extract_markdown(tree, url)
