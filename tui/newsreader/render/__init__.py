"""Markdown → Rich renderables for the reading pane; no Textual here.

`blocks.markdown_to_blocks` parses a body into blocks, `header.header_renderables` makes an
article's header, and both take their colours from a `RenderStyles` table that the UI
fills from the theme.
"""
