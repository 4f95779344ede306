"""One web page, fetched or saved from a browser, as a Markdown article (`newsreader save`).

trafilatura finds the article in the page (text without menus, share buttons and footers)
and its metadata: title, byline, date.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from newsreader.feeds.entry_files import ArticleFile, entry_file_name, write_files
from newsreader.feeds.full_text import extract_markdown
from newsreader.feeds.page_html import (
    cleaned_page,
    make_links_whole,
    page_address,
    page_title,
    web_address,
)


class PageError(Exception):
    """The page gave no article; `str()` says why, one line."""


@dataclass(frozen=True, slots=True)
class SavedPage:
    path: Path
    article_id: str


def page_article(data: bytes | str, url: str | None, file: Path | None = None) -> ArticleFile:
    """The article in a page fetched from `url` or saved as `file` (bytes: the page's own
    charset is honoured)."""
    import trafilatura

    tree = cleaned_page(data)
    if tree is None:
        raise PageError("the file is not an HTML page")
    address = page_address(tree, url, file)
    make_links_whole(tree, address)
    # Only dates the page states (meta tags, <time>, JSON-LD): a wider search guesses one
    # from copyright lines and version numbers.
    metadata = trafilatura.extract_metadata(copy.deepcopy(tree), default_url=url, extensive=False)
    body = extract_markdown(tree, web_address(address) or "")
    if body is None:
        raise PageError("no article text found in the page")
    title = page_title(tree, metadata.sitename) or metadata.title or "Saved page"
    date = None
    if metadata.date:
        try:
            date = dt.datetime.fromisoformat(metadata.date)
        except ValueError:
            date = None
    if date is not None and date.tzinfo is None:
        date = date.replace(tzinfo=dt.UTC)
    return ArticleFile(
        title=title,
        body=body,
        author=metadata.author or None,
        date=date,
        source=metadata.sitename or None,
        url=address,
        summary=metadata.description or None,
    )


def save_page(article: ArticleFile, library: Path, folder: str) -> SavedPage:
    from newsreader.feeds.entry_files import safe_stem

    target = library / safe_stem(folder, "saved")
    name = entry_file_name(article.title, article.url or article.body[:1000])
    write_files(target, [(name, article.text())])
    path = target / name
    return SavedPage(path, path.relative_to(library).with_suffix("").as_posix())
