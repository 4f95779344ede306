"""The one error the format readers raise."""

from __future__ import annotations


class ArticleFileError(Exception):
    """This file cannot be shown as an article; `reason` says why, in a reader's words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
