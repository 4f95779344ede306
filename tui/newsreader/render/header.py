"""An article's header in the reading pane: title, byline, facts and the file's problems."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text

from newsreader.library.article import Article
from newsreader.render.styles import DEFAULT_STYLES, RenderStyles
from newsreader.safe_text import one_line

LONG_ARTICLE_WORDS = 20_000


def header_renderables(
    article: Article, styles: RenderStyles = DEFAULT_STYLES
) -> list[RenderableType]:
    """Title, byline, date, source, reading time, tags and the file's problems, made safe."""
    title = Text(one_line(article.title), style=styles.title)
    words = article.word_count  # counted once (Article caches it)
    from newsreader.library.formats.page_header import byline_words, date_words, hidden_words

    facts = []
    if byline := byline_words(article):
        facts.append(one_line(byline))
    if dates := date_words(article):
        facts.append(one_line(dates))
    if article.source:
        facts.append(one_line(article.source))
    facts.append(f"{article.reading_minutes} min read")
    blocks: list[RenderableType] = [title, Text(" · ".join(facts), style=styles.byline)]
    if article.tags:
        # What `tag:NAME` in search finds this article by.
        tags = ", ".join(one_line(tag) for tag in article.tags)
        blocks.append(Text(f"Tags: {tags}", style=styles.byline))
    if article.summary:
        blocks.append(Text(one_line(article.summary), style=styles.summary))
    if article.url:
        blocks.append(Text(one_line(article.url), style=styles.article_link))
    if words > LONG_ARTICLE_WORDS:
        blocks.append(Text(f"A long article: {words:,} words.", style=styles.note))
    if hidden := hidden_words(article):
        # Never silent: what the saved page held that is not shown (v shows the page whole).
        blocks.append(Text(one_line(hidden) + " — v shows the page as saved", style=styles.byline))
    if article.problems:
        # "file is 50 MB; only the first 2 MB are shown" and the like: said where it shows.
        notes = "\n".join(f"⚠ {one_line(problem)}" for problem in article.problems)
        blocks.append(Text(notes, style=styles.warning))
    blocks.append(Text("─" * 3, style=styles.rule))
    return blocks
