"""Every setting the config file knows: its section, key, kind, default and meaning.

One table, so the loader, `config show`, `config init` and the README all say the same thing.
Sections are open: a feature adds its settings here (delivery and feeds do), and `[keymap]` and
`[themes.NAME]` are free-form tables checked by the UI, which knows the bindings and colours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["text", "path", "whole_number", "seconds", "switch", "choice", "choices"]


@dataclass(frozen=True)
class Setting:
    section: str
    key: str
    kind: Kind
    default: object
    meaning: str
    # The one environment variable that sets it, and the flag that does, when there is one.
    environment: tuple[str, ...] = ()
    flag: str | None = None
    choices: tuple[str, ...] = ()
    # Shown in the default file when the default is empty, to show the form a value takes.
    example: str | None = None
    low: float | None = None
    high: float | None = None

    @property
    def name(self) -> str:
        return f"{self.section}.{self.key}"


SORT_ORDERS = ("date", "title", "source")
LIST_COLUMNS = ("date", "source")

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "library",
        "folder",
        "path",
        "",
        "The folder of article files. Empty: ./articles when it exists, else the bundled samples.",
        environment=("NEWSREADER_ARTICLES",),
        flag="--articles",
        example="~/news",
    ),
    Setting(
        "library",
        "data_dir",
        "path",
        "",
        "Where the pending queue, drafts and read marks live. Empty: the platform's data dir.",
        environment=("NEWSREADER_DATA_DIR",),
        flag="--data-dir",
        example="~/.local/share/newsreader",
    ),
    Setting(
        "reader",
        "theme",
        "text",
        "textual-dark",
        "Colour theme: any built-in Textual theme (ctrl+p, 'theme' lists them) or one defined "
        "under [themes.NAME] below.",
        flag="--theme",
    ),
    Setting(
        "reader",
        "read_after_seconds",
        "seconds",
        3,
        "Seconds an article stays shown before it counts as read (opening it counts at once).",
        low=0,
        high=3600,
    ),
    Setting(
        "reader",
        "measure",
        "whole_number",
        90,
        "Longest line in the reading pane, in columns; wider terminals get margins.",
        low=30,
        high=500,
    ),
    Setting(
        "reader",
        "editor",
        "text",
        "",
        "Command that edits a comment (ctrl+e) and this file. Empty: $VISUAL, then $EDITOR.",
        example="nano",
    ),
    Setting(
        "list",
        "columns",
        "choices",
        ["date", "source"],
        "Columns shown beside the title, from: date, source.",
        choices=LIST_COLUMNS,
    ),
    Setting(
        "list",
        "sort",
        "choice",
        "date",
        "Order of the article list: date (newest first), title or source.",
        choices=SORT_ORDERS,
    ),
    Setting("list", "show_read", "switch", True, "Show articles already read (h toggles)."),
    Setting(
        "comments",
        "name",
        "text",
        "",
        "Your name, filled into the comment form.",
        example="Ana Pires",
    ),
    Setting(
        "comments",
        "email",
        "text",
        "",
        "Your email, filled into the comment form (optional, for the moderator).",
        example="ana@example.org",
    ),
    Setting(
        "comments",
        "send",
        "choice",
        "auto",
        "auto: the reader delivers pending comments in the background; manual: only `s` on "
        "the pending screen or `newsreader queue send` does.",
        choices=("auto", "manual"),
    ),
    Setting(
        "comments",
        "remember",
        "switch",
        True,
        "Fill name and email from the last comment you wrote when the two above are empty.",
    ),
    Setting(
        "feeds",
        "refresh_minutes",
        "whole_number",
        0,
        "Fetch every feed this often while the reader runs, in minutes; 0: only when you press "
        "R or run `newsreader fetch`.",
        low=0,
        high=10_080,
    ),
)


@dataclass(frozen=True)
class FreeTable:
    """A section whose keys are not known in advance; the UI checks them."""

    section: str
    meaning: str
    example_lines: tuple[str, ...] = field(default=())


# Tables inside a known section that are lists of tables, checked by their own reader.
SERVER_TABLE = ("comments", "server")
SERVER_KINDS = ("isso",)

FREE_TABLES: tuple[FreeTable, ...] = (
    FreeTable(
        "keymap",
        "Binding id = key, or several keys separated by commas. `?` in the reader lists "
        "every binding id beside its key.",
        ('"main.comment" = "w"', '"main.filter" = "slash,ctrl+f"'),
    ),
    FreeTable(
        "themes",
        "Your own themes: a table per theme, colours by name or #rrggbb. Set reader.theme to "
        "its name to use it.",
        (
            "[themes.harbour]",
            'primary = "#3a7ca5"',
            'background = "#0b1d2a"',
            "dark = true",
        ),
    ),
)

# Shown, commented, at the end of a section in the default file.
SECTION_EXAMPLES: dict[str, tuple[str, ...]] = {
    "comments": (
        "Where comments are delivered: one table per site. Articles whose url starts with",
        "`site` send their comments to the Isso server at `isso`; the thread is the path of",
        "the article's url. Articles with no url, or no server for their site, stay pending.",
        "[[comments.server]]",
        'site = "https://www.example.org/"',
        'isso = "https://comments.example.org/"',
    ),
}

SETTINGS_BY_NAME: dict[str, Setting] = {setting.name: setting for setting in SETTINGS}
SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(setting.section for setting in SETTINGS))
