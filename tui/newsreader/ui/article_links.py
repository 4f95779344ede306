"""`o` and `l` on the main screen: the article's own page, and its links."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from newsreader.library.article import Article
from newsreader.ui.browser import open_link


def open_in_browser(screen: Screen[Any], url: str) -> None:
    problem = open_link(screen.app, url)
    if problem is not None:
        screen.notify(problem, severity="warning", timeout=15, markup=False)


def open_article_page(screen: Screen[Any], article: Article | None) -> None:
    if article is None:
        screen.notify("Choose an article first.", severity="warning")
    elif not article.url:
        screen.notify("This article has no url (its file gives none).", severity="warning")
    else:
        open_in_browser(screen, article.url)


def show_links(screen: Screen[Any], article: Article | None) -> None:
    if article is None:
        screen.notify("Choose an article first.", severity="warning")
        return
    from newsreader.render.links import article_links
    from newsreader.ui.screens.links import LinksScreen

    links = article_links(article.body, article.url)
    screen.app.push_screen(
        LinksScreen(article.title, links, lambda url: open_in_browser(screen, url))
    )
