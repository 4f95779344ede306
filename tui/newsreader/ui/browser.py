"""Opening a link in the person's browser (`webbrowser`, which honours $BROWSER).

A browser that runs in the terminal (w3m, lynx, a $BROWSER command) takes the screen, so
the reader is suspended while it runs; a graphical one opens beside it.
"""

from __future__ import annotations

import webbrowser
from typing import Any

from textual.app import App, SuspendNotSupported

from newsreader.safe_text import one_line


def open_link(app: App[Any], url: str) -> str | None:
    """Open `url`; None when it was handed to a browser, else why not (with the URL)."""
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return f"No browser found (set $BROWSER). The link: {one_line(url)}"
    in_terminal = type(browser) is webbrowser.GenericBrowser
    try:
        if in_terminal:
            try:
                with app.suspend():
                    opened = browser.open(url)
            except SuspendNotSupported:  # no real terminal to hand over (tests)
                opened = browser.open(url)
        else:
            opened = browser.open(url)
    except OSError as error:
        return f"The browser could not be started ({error.strerror}). The link: {one_line(url)}"
    return None if opened else f"The browser did not open the link: {one_line(url)}"
