"""`newsreader save URL|FILE.html [--folder NAME]`: one web page as an article; prints its id."""

from __future__ import annotations

import sys
from pathlib import Path

from newsreader.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_REFUSED
from newsreader.safe_text import one_line


def save(articles: Path, source: str, *, folder: str) -> int:
    from newsreader.feeds.http import FetchError, check_url, get_one
    from newsreader.feeds.page import PageError, page_article, save_page

    if not articles.is_dir():
        print(f"newsreader: the article folder {articles} is not a folder", file=sys.stderr)
        return EXIT_REFUSED
    url: str | None = None
    file: Path | None = None
    try:
        if "://" in source:
            url = check_url(source)
            answer = get_one(url)
            url = answer.url
            data = answer.body
        else:
            file = Path(source)
            data = _read(file)
        saved = save_page(page_article(data, url, file), articles, folder)
    except FetchError as error:
        print(f"newsreader: could not fetch {one_line(source)}: {error}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as error:
        reason = error.strerror or str(error)
        print(f"newsreader: could not save {one_line(source)}: {reason}", file=sys.stderr)
        return EXIT_FAILED
    except _Unreadable as error:
        print(f"newsreader: could not read {one_line(source)}: {error}", file=sys.stderr)
        return EXIT_FAILED
    except PageError as error:
        print(f"newsreader: {one_line(source)}: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(saved.article_id)
    return EXIT_OK


class _Unreadable(Exception):
    """The page's own file could not be read (not the library's, which is "save")."""


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as error:
        raise _Unreadable(error.strerror or str(error)) from error
