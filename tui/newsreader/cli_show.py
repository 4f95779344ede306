"""`newsreader show ARTICLE_ID`: one article as the reading pane shows it, on stdout."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from newsreader.exit_codes import EXIT_OK, EXIT_REFUSED
from newsreader.library.article import Article
from newsreader.safe_text import one_line, visible

FORMATS = ("text", "markdown", "json")
TEXT_WIDTH = 100  # the reading pane's measure, when stdout is not a terminal


def show_article(
    articles: Path, article_id: str, output_format: str = "text", feeds: Path | None = None
) -> int:
    # find_article lives in cli_comment for now; it is moving into the library.
    from newsreader.library.sources import Library, find_article

    article = find_article(Library.for_reader(articles, feeds), article_id)
    if article is None:
        print(
            f"newsreader: no article with id {one_line(article_id)!r} in {one_line(str(articles))}"
            " (newsreader list shows the ids)",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    if output_format == "json":
        print(json.dumps(article_fields(article), ensure_ascii=True, indent=2))
    elif output_format == "markdown":
        sys.stdout.write(visible(markdown_document(article)) + "\n")
    else:
        _print_text(article)
    return EXIT_OK


def article_fields(article: Article) -> dict[str, Any]:
    """Everything `show --format json` gives, the body as Markdown."""

    def moment(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "id": article.id,
        "title": article.title,
        "author": article.author,
        "role": article.role,
        "date": moment(article.date),
        "updated": moment(article.updated),
        "date_approximate": article.date_approximate,
        "source": article.source,
        "summary": article.summary,
        "body": article.body,
        "captions": list(article.captions),
        "credit": article.credit,
        "tags": list(article.tags),
        "url": article.url,
        "hidden": [{"kind": part.kind, "text": part.text} for part in article.hidden],
        "problems": list(article.problems),
    }


def header_lines(article: Article) -> list[str]:
    """The reading pane's header facts as lines of plain (still untrusted) text."""
    from newsreader.library.formats.page_header import byline_words, date_words, hidden_words

    facts = [words for words in (byline_words(article), date_words(article)) if words]
    facts += [article.source] if article.source else []
    facts.append(f"{article.reading_minutes} min read")
    lines = [" · ".join(facts)]
    lines += [article.summary] if article.summary else []
    lines += [article.url] if article.url else []
    lines += [hidden] if (hidden := hidden_words(article)) else []
    lines += [f"⚠ {problem}" for problem in article.problems]
    return lines


def markdown_document(article: Article) -> str:
    from newsreader.library.formats.escape import escape_markdown

    head = [f"# {escape_markdown(one_line(article.title))}"]
    head += [f"*{escape_markdown(one_line(line))}*" for line in header_lines(article)]
    return "\n\n".join([*head, article.body]).rstrip()


def _print_text(article: Article) -> None:
    from rich.console import Console
    from rich.text import Text

    # The reading pane's renderer (moving to newsreader.render).
    from newsreader.render.blocks import markdown_to_blocks

    terminal = sys.stdout.isatty()
    console = Console(
        highlight=False,
        markup=False,
        emoji=False,
        width=None if terminal else TEXT_WIDTH,
        no_color=not terminal,
        force_terminal=terminal,
    )
    console.print(Text(one_line(article.title), style="bold"))
    for line in header_lines(article):
        console.print(Text(one_line(line), style="dim"))
    console.print(Text("─" * 3, style="dim"))
    for block in markdown_to_blocks(article.body):
        if block.gap_before:
            console.print()
        console.print(block.renderable)
