"""The links of an article, numbered for `l`: their text and where they go.

Read with the same parser the pane renders with, so the list holds what the pane shows.
Relative links are made whole against the article's own url when it has one.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from markdown_it.token import Token

from newsreader.render.blocks import new_parser
from newsreader.safe_text import one_line

# What a link may open: the web and mail. Others (file:, javascript:, data:) are listed,
# not opened: an article is untrusted, and `file:` would open a local path.
OPENABLE_SCHEMES = ("http://", "https://", "mailto:")
_LONGEST_TEXT = 120


@dataclass(frozen=True)
class Link:
    text: str
    target: str

    @property
    def openable(self) -> bool:
        return self.target.lower().startswith(OPENABLE_SCHEMES)


def article_links(markdown: str, base_url: str | None = None) -> list[Link]:
    """Each link target once, in the order the article first gives it."""
    links: list[Link] = []
    seen: set[str] = set()
    for token in new_parser().parse(markdown):
        for link in _links_in(token.children or []):
            target = urljoin(base_url, link.target) if base_url else link.target
            if target and target not in seen:
                seen.add(target)
                links.append(Link(link.text, target))
    return links


def _links_in(children: list[Token]) -> list[Link]:
    found: list[Link] = []
    target: str | None = None
    words: list[str] = []
    for child in children:
        if child.type == "link_open":
            target, words = str(child.attrs.get("href", "")), []
        elif child.type == "link_close" and target is not None:
            text = one_line("".join(words).strip())[:_LONGEST_TEXT] or one_line(target)
            found.append(Link(text, target))
            target = None
        elif target is not None and child.type in {"text", "code_inline", "text_special"}:
            words.append(child.content)
        elif target is not None and child.type == "softbreak":
            words.append(" ")
    return found
