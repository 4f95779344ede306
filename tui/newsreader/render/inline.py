"""Inline Markdown (the children of one markdown-it `inline` token) as one Rich `Text`.

Every string from the document is appended with `Text.append` after `visible`, never parsed
as Rich markup, so `[bold]` or `[@click=app.quit]` in an article is shown as typed and an
escape sequence shows as ␛ instead of reaching the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.token import Token
from rich.style import Style
from rich.text import Span, Text

from newsreader.render.styles import DEFAULT_STYLES, RenderStyles
from newsreader.safe_text import visible

# Attributes, not colours: the same in every theme.
EMPHASIS_STYLE = Style(italic=True)
STRONG_STYLE = Style(bold=True)
STRIKETHROUGH_STYLE = Style(strike=True)

_STYLE_OF_OPEN_TOKEN = {
    "em_open": EMPHASIS_STYLE,
    "strong_open": STRONG_STYLE,
    "s_open": STRIKETHROUGH_STYLE,
}
_CLOSING_TOKENS = {"em_close", "strong_close", "s_close", "link_close"}


def inline_text(
    tokens: Sequence[Token] | None,
    style: Style | None = None,
    styles: RenderStyles = DEFAULT_STYLES,
) -> Text:
    """Return the inline tokens as one `Text`; `style` (a heading's, say) underlies it all."""
    writer = _InlineWriter(styles)
    writer.write(tokens or ())
    # No `justify` of its own, so a table column's alignment applies to its cells.
    return Text("".join(writer.parts), style=style or "", overflow="fold", spans=writer.spans)


def plain_inline_text(tokens: Sequence[Token] | None) -> str:
    """The text of inline tokens without styling, as an image's alt text is read."""
    parts: list[str] = []
    for token in tokens or ():
        if token.type in ("text", "code_inline", "text_special"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "image":
            # An image inside an image's alt text: markdown-it's own inline nesting limit
            # (maxNesting) bounds how deep this can recurse.
            parts.append(plain_inline_text(token.children))
    return "".join(parts)


class _InlineWriter:
    """Collects the strings and style spans of inline tokens for one `Text`.

    Building the spans here and the `Text` once is about twice as fast as `Text.append`
    per token, which matters for articles with thousands of paragraphs.
    """

    def __init__(self, styles: RenderStyles) -> None:
        self.styles = styles
        self._open_token_styles = {**_STYLE_OF_OPEN_TOKEN, "link_open": styles.link_text}
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self._length = 0
        self._open_styles: list[Style] = []  # the combined style at each open level
        self._style: Style | None = None
        # One entry per open link: its target, or "" when the text already is the target.
        self._link_targets: list[str] = []

    def write(self, tokens: Sequence[Token]) -> None:
        for token in tokens:
            kind = token.type
            if kind == "text" or kind == "text_special":
                self._append(token.content, self._style)
            elif kind == "softbreak":
                self._append(" ", self._style)
            elif kind == "hardbreak":
                self._append("\n", None)
            elif kind == "code_inline":
                code = self.styles.inline_code
                self._append(token.content, self._style + code if self._style else code)
            elif kind in self._open_token_styles:
                if kind == "link_open":
                    self._link_targets.append(_link_target(token))
                self._push(self._open_token_styles[kind])
            elif kind in _CLOSING_TOKENS:
                self._pop()
                if kind == "link_close" and self._link_targets:
                    self._append_target(self._link_targets.pop())
            elif kind == "image":
                self._append(f"[image: {plain_inline_text(token.children)}]", self._style)
                self._append_target(str(token.attrs.get("src", "")))
            else:
                # html_inline (html is disabled, but a caller's parser might not be) and any
                # token type added by a future markdown-it: show its source literally.
                self._append(token.content, self._style)

    def _append(self, content: str, style: Style | None) -> None:
        if content:
            content = visible(content)
            end = self._length + len(content)
            self.parts.append(content)
            if style is not None:
                self.spans.append(Span(self._length, end, style))
            self._length = end

    def _append_target(self, target: str) -> None:
        if target:
            self._append(f" ({target})", self.styles.link_target)

    def _push(self, style: Style) -> None:
        # Each entry is already combined with the ones below it: emphasis pairs are matched
        # after markdown-it's nesting limit applies, so `**…**` can nest thousands deep.
        self._style = self._style + style if self._style else style
        self._open_styles.append(self._style)

    def _pop(self) -> None:
        if self._open_styles:
            self._open_styles.pop()
        self._style = self._open_styles[-1] if self._open_styles else None


def _link_target(token: Token) -> str:
    target = str(token.attrs.get("href", ""))
    # An autolink (<https://…>) already shows its target as its text.
    return "" if token.markup == "autolink" else target
