"""How an article's header facts are worded, the same in the reading pane and `show`.

Plain strings from the Article's fields (still untrusted: make them safe before display).
"""

from __future__ import annotations

import datetime as dt

from newsreader.library.article import Article
from newsreader.library.formats.page_chrome import hidden_summary


def byline_words(article: Article) -> str | None:
    """ "By Sarah Jones, Local Democracy Reporter", or None without an author."""
    if not article.author:
        return None
    if article.role:
        return f"By {article.author}, {article.role}"
    return f"By {article.author}"


def date_words(article: Article) -> str | None:
    """ "12 March 2025, 23:41 · updated 13 March 2025, 08:10"; "about 2 hours before …"."""
    parts = []
    if article.date is not None:
        when = moment_words(article.date)
        parts.append(f"about {when} (from “… ago”)" if article.date_approximate else when)
    if article.updated is not None and article.updated != article.date:
        parts.append(f"updated {moment_words(article.updated)}")
    return " · ".join(parts) or None


def moment_words(moment: dt.datetime) -> str:
    """A date as a news page prints it; the time only when the page gave one."""
    day = moment.strftime("%-d %B %Y")
    if (moment.hour, moment.minute) == (0, 0):
        return day
    zone = " GMT" if moment.utcoffset() == dt.timedelta(0) else ""
    return f"{day}, {moment:%H:%M}{zone}"


def hidden_words(article: Article) -> str | None:
    """ "Hidden from the saved page: cookie banner, 3 share lines, comment form (v shows it)"."""
    if not article.hidden:
        return None
    return f"Hidden from the saved page: {hidden_summary(article.hidden)}"
