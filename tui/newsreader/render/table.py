"""A Markdown table (GFM) as a Rich `Table`, with rows capped so it draws quickly.

Rich lays a table out in one go, about 0.1 ms a cell, and the reading pane draws a block at
a time: a 5,000-row table would hold the keyboard for seconds. Rows past the cap are
counted in the caption instead ("… 4,800 more rows").
"""

from __future__ import annotations

from markdown_it.token import Token
from rich import box
from rich.console import JustifyMethod
from rich.table import Table
from rich.text import Text

from newsreader.render.inline import inline_text
from newsreader.render.styles import DEFAULT_STYLES, RenderStyles

MAX_TABLE_ROWS = 200
MAX_TABLE_COLUMNS = 30
MAX_TABLE_CELLS = 600  # ~50 ms to lay out


def read_table(
    tokens: list[Token], position: int, styles: RenderStyles = DEFAULT_STYLES
) -> tuple[Table, int]:
    """The table whose `table_open` is at `tokens[position]`, and the position after it."""
    position += 1
    header: list[Text] | None = None
    rows: list[list[Text]] = []
    justify: list[JustifyMethod] = []
    row: list[Text] = []
    row_limit = MAX_TABLE_ROWS
    hidden_rows = 0
    while position < len(tokens):
        token = tokens[position]
        position += 1
        if token.type == "table_close":
            break
        if token.type in ("th_open", "td_open"):
            in_header = token.type == "th_open"
            if in_header:
                justify.append(_cell_justify(token))
            if len(row) < MAX_TABLE_COLUMNS and (in_header or len(rows) < row_limit):
                row.append(inline_text(tokens[position].children, styles=styles))
        elif token.type == "tr_close":
            if header is None:
                header = row
                row_limit = min(MAX_TABLE_ROWS, MAX_TABLE_CELLS // max(1, len(header)))
            elif len(rows) < row_limit:
                rows.append(row)
            else:
                hidden_rows += 1
            row = []
    return _build_table(header or [], rows, justify, hidden_rows, styles), position


def _cell_justify(cell_open: Token) -> JustifyMethod:
    style = str(cell_open.attrs.get("style", ""))  # markdown-it writes "text-align:right"
    if "center" in style:
        return "center"
    return "right" if "right" in style else "left"


def _build_table(
    header: list[Text],
    rows: list[list[Text]],
    justify: list[JustifyMethod],
    hidden_rows: int,
    styles: RenderStyles,
) -> Table:
    table = Table(
        box=box.SQUARE,
        header_style=styles.table_header,
        border_style=styles.table_border,
        expand=False,
    )
    for cell, alignment in zip(header, justify, strict=False):
        table.add_column(cell, justify=alignment, overflow="fold")
    for row in rows:
        table.add_row(*row)
    hidden_columns = len(justify) - len(header)
    notes = []
    if hidden_columns > 0:
        notes.append(f"… {hidden_columns} more columns")
    if hidden_rows:
        notes.append(f"… {hidden_rows} more rows")
    if notes:
        table.caption = " · ".join(notes)
    return table
