"""One web page, fetched or saved from a browser, as a Markdown article (`newsreader save`).

trafilatura finds the article in the page (text without menus, share buttons and footers)
and its metadata: title, byline, date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from newsreader.feeds.entry_files import ArticleFile, entry_file_name, write_files
from newsreader.feeds.full_text import extract_markdown


class PageError(Exception):
    """The page gave no article; `str()` says why, one line."""


@dataclass(frozen=True, slots=True)
class SavedPage:
    path: Path
    article_id: str


def page_article(html: str, url: str | None) -> ArticleFile:
    import trafilatura

    body = extract_markdown(html, url or "")
    if body is None:
        raise PageError("no article text found in the page")
    metadata = trafilatura.extract_metadata(html, default_url=url)
    title = (metadata.title if metadata else None) or "Saved page"
    date = None
    if metadata and metadata.date:
        try:
            date = dt.datetime.fromisoformat(metadata.date)
        except ValueError:
            date = None
    if date is not None and date.tzinfo is None:
        date = date.replace(tzinfo=dt.UTC)
    return ArticleFile(
        title=" ".join(title.split()),
        body=body,
        author=(metadata.author if metadata else None) or None,
        date=date,
        source=(metadata.sitename if metadata else None) or None,
        url=url or (metadata.url if metadata else None) or None,
        summary=(metadata.description if metadata else None) or None,
    )


def save_page(article: ArticleFile, library: Path, folder: str) -> SavedPage:
    from newsreader.feeds.entry_files import safe_stem

    target = library / safe_stem(folder, "saved")
    name = entry_file_name(article.title, article.url or article.body[:1000])
    write_files(target, [(name, article.text())])
    path = target / name
    return SavedPage(path, path.relative_to(library).with_suffix("").as_posix())
