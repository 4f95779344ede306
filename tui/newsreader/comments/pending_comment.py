"""A comment as the queue stores it, and the one form of its id.

Ids are UUIDs; people paste them in any case, with braces or as `urn:uuid:`, whole or cut
to the 8 characters `queue list` shows. `canonical_id` and `id_prefix` turn each of those
into the stored form, so every command accepts the same spellings.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from newsreader.comments.comment_rules import CommentDraft, FieldProblem, stored_article_id
from newsreader.comments.times import readable_minute


class InvalidComment(ValueError):
    """The draft breaks at least one rule; `problems` says which, field by field."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__(" ".join(problem.message for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class PendingComment:
    """A comment as stored in the queue."""

    id: str
    article_id: str
    article_title: str
    name: str
    email: str
    body: str
    created: str  # UTC, ISO 8601 with microseconds and "Z": sorts as text in time order
    status: str
    # Counts the writes to this comment: a form that read version 3 and finds 4 at saving
    # time knows someone else saved in between.
    version: int = 1

    @property
    def first_line(self) -> str:
        """The first line with any text on it, for one-row listings."""
        return next((line.strip() for line in self.body.splitlines() if line.strip()), "")

    @property
    def created_minute(self) -> str:
        """`2026-11-30T07:15:02.000000Z` → `2026-11-30 07:15 UTC`, for people to read."""
        return readable_minute(self.created)

    def as_json_dict(self) -> dict[str, str]:
        """The fields a moderator export carries, and only those."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "article_title": self.article_title,
            "name": self.name,
            "email": self.email,
            "body": self.body,
            "created": self.created,
            "status": self.status,
        }


def row_to_comment(row: tuple[Any, ...]) -> PendingComment:
    return PendingComment(*row)


def canonical_id(given: str) -> str:
    """A comment id in the one form the queue stores: lower case, hyphens, no braces.

    Accepts what people paste: `{9E2A…}`, `urn:uuid:…`, upper case. ValueError otherwise.
    """
    return str(uuid.UUID(given.strip()))


def id_prefix(given: str) -> str:
    """What a person typed to name a comment (whole or its start), in the stored form.

    The same forms as `canonical_id` - any case, braces, `urn:uuid:` - for the shortened
    ids `queue list` shows.
    """
    try:
        return canonical_id(given)
    except ValueError:
        pass
    return given.strip().lower().removeprefix("urn:uuid:").removeprefix("{").removesuffix("}")


def same_text(stored: PendingComment, draft: CommentDraft) -> bool:
    return (stored.article_id, stored.name, stored.email, stored.body) == (
        stored_article_id(draft.article_id),
        draft.name,
        draft.email,
        draft.body,
    )
