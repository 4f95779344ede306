"""What workers tell the UI, as Textual messages.

A worker never calls into a screen: it posts one of these (``post_message`` is safe from
any thread and does not wait), and the screen or the app handles it on the UI thread. A
message posted to the main screen that the screen does not stop bubbles on to the app,
which is how `Warn` and `Notice` reach it from anywhere. Messages that only one widget
sends to itself live in that widget (`ArticleList.Highlighted`, `ReadingPane.Converted`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from newsreader.library.article import Article, ArticleEntry
    from newsreader.library.problem_list import ProblemFile


class LibraryLoaded(Message):
    """Entries to show (newest first); `entries` None: the same as before.

    `read` replaces the read marks (None keeps them); `complete`: the index now matches
    the disk; before that an empty list means "not indexed yet", not "no articles".
    """

    def __init__(
        self,
        entries: list[ArticleEntry] | None,
        read: set[str] | None = None,
        *,
        complete: bool,
    ) -> None:
        super().__init__()
        self.entries = entries
        self.read = read
        self.complete = complete


class IndexProgress(Message):
    """How far the walk of the library has got (0 of 0: it is over, hide the bar)."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        # A newer count waiting behind this one makes it stale: only the latest is drawn.
        return isinstance(message, IndexProgress)


class ProblemsFound(Message):
    """The files with problems, as the last walk of the library found them."""

    def __init__(self, problems: list[ProblemFile]) -> None:
        super().__init__()
        self.problems = problems


class LibraryWalked(Message):
    """A walk of the library ended; the next one is due in `next_walk_in` seconds.

    `synced`: the index matched the disk at the end of it (not after a write failure).
    """

    def __init__(self, next_walk_in: float, *, synced: bool) -> None:
        super().__init__()
        self.next_walk_in = next_walk_in
        self.synced = synced


class LibraryStale(Message):
    """The index is out of date (a file it lists is gone): look at the library again now."""


class ArticleLoaded(Message):
    """The article for `entry` was read from its file, or the reason it could not be."""

    def __init__(self, entry: ArticleEntry, article: Article | str) -> None:
        super().__init__()
        self.entry = entry
        self.article = article


class SearchDone(Message):
    """The index rows matching `query` (`failure`: why the search could not be made)."""

    def __init__(self, query: str, matches: set[int] | None, *, failure: str = "") -> None:
        super().__init__()
        self.query = query
        self.matches = matches
        self.failure = failure


class DraftsWaiting(Message):
    """At launch: drafts are waiting in the queue; `notice` says where."""

    def __init__(self, notice: str) -> None:
        super().__init__()
        self.notice = notice


class Warn(Message):
    """Tell the person now (a toast and the status line) and again on stderr at exit."""

    def __init__(self, text: str, *, error: bool = False) -> None:
        super().__init__()
        self.text = text
        self.error = error


class Notice(Message):
    """A passing toast, nothing more (a read mark not saved, a comment withdrawn)."""

    def __init__(self, text: str, *, error: bool = False, warning: bool = False) -> None:
        super().__init__()
        self.text = text
        self.error = error
        self.warning = warning


class CommentDelivered(Message):
    """The sender's word on one comment it tried: `state` is where the comment is now
    (sent, published, returned, unsure, or pending again with `retry_at`)."""

    def __init__(
        self, comment_id: str, article_title: str, state: str, detail: str, retry_at: str | None
    ) -> None:
        super().__init__()
        self.comment_id = comment_id
        self.article_title = article_title
        self.state = state
        self.detail = detail
        self.retry_at = retry_at


class SenderIdle(Message):
    """A pass of the sender is over (what it did is on disk); `problem` when it could not run."""

    def __init__(self, problem: str = "", *, busy: bool = False) -> None:
        super().__init__()
        self.problem = problem
        self.busy = busy  # another sender (`queue send` from cron) had the lock


class FeedsProgress(Message):
    """`done` of `total` feeds fetched; `name` the one just done."""

    def __init__(self, done: int, total: int, name: str, *, landed: bool = False) -> None:
        super().__init__()
        self.done, self.total, self.name = done, total, name
        self.landed = landed  # it brought new or updated articles


class FeedsFetched(Message):
    """A fetch ended: its summary line and a line per failed feed."""

    def __init__(self, line: str, failures: list[str], *, fetched: bool = False) -> None:
        super().__init__()
        self.line, self.failures, self.fetched = line, failures, fetched
