"""`newsreader comment ARTICLE_ID --name NAME ...`: queue a comment without the reader.

The id is printed only after the comment is committed to disk, so a script that saw an id
can rely on it. Exit 2 means the input was refused (one line on stderr says why), exit 1
that the queue could not take it (disk full, permission denied, locked for too long).

`--id` makes a retry safe: the same id with the same text is the comment already stored
(exit 0, nothing added); with different text, or once withdrawn, it is refused (exit 2,
nothing changed), so one id never stands for two texts.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from newsreader.comments.comment_rules import BODY_LIMIT, CommentDraft
from newsreader.comments.queue import (
    CommentIdTaken,
    CommentWithdrawn,
    InvalidComment,
    PendingQueue,
    QueueError,
    canonical_id,
)
from newsreader.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_REFUSED
from newsreader.feeds import feeds_folder
from newsreader.library.sources import Library, find_article
from newsreader.safe_text import one_line
from newsreader.wording import count_of

# Far above what BODY_LIMIT characters can take in UTF-8, small enough to hold in memory:
# anything longer is refused without reading the rest.
_MAX_TEXT_BYTES = 1 << 20


class Refused(Exception):
    """Input the command will not queue; `str()` is the one line for stderr."""


def read_text(text: str | None, text_file: str | None) -> str:
    """The comment body from --text, or --text-file FILE (`-` for stdin), as UTF-8."""
    if text is not None:
        return text
    if text_file is None:
        raise Refused("no comment text: give --text TEXT, or --text-file FILE (- for stdin)")
    where = "standard input" if text_file == "-" else text_file
    try:
        if text_file == "-":
            data = sys.stdin.buffer.read(_MAX_TEXT_BYTES + 1)
        else:
            with open(text_file, "rb") as file:
                data = file.read(_MAX_TEXT_BYTES + 1)
    except OSError as error:
        raise Refused(f"cannot read {where}: {error.strerror or error}") from error
    if len(data) > _MAX_TEXT_BYTES:
        raise Refused(
            f"{where} holds more than {_MAX_TEXT_BYTES:,} bytes; "
            f"a comment is at most {BODY_LIMIT:,} characters"
        )
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Refused(
            f"{where} is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from error
    # A byte-order mark is the file's, not part of what was written.
    return decoded.removeprefix("\ufeff")


def _comment_id(given: str | None) -> str:
    if given is None:
        return str(uuid.uuid4())
    try:
        return canonical_id(given)
    except ValueError as error:
        raise Refused(f"--id “{given}” is not a UUID") from error


def add_comment(
    articles: Path,
    data_dir: Path,
    *,
    article_id: str,
    name: str,
    email: str,
    text: str | None,
    text_file: str | None,
    comment_id: str | None = None,
    editor: str | None = None,
    remember: bool = False,
) -> int:
    """`editor`: with --edit, the configured editor command ("" for $VISUAL / $EDITOR).
    `remember`: a name or email still empty is the last comment's, as in the reader."""
    written: CommentDraft | None = None  # text from the editor: never refused and dropped
    try:
        given_id = _comment_id(comment_id)
        if not articles.is_dir():
            raise Refused(f"the article folder {articles} does not exist or is not a folder")
        article = find_article(Library.for_reader(articles, feeds_folder(data_dir)), article_id)
        if article is None:
            raise Refused(f"no article with id “{article_id}” in {articles}")
        queue = None
        if remember and not (name and email):
            queue = PendingQueue.open(data_dir)
            if last := queue.last_signature():
                name, email = name or last[0], email or last[1]
        if editor is not None:
            if text_file is not None:
                raise Refused("--edit starts from --text, not --text-file")
            # All but the text checked before the editor opens: words written there must
            # not then be refused for a missing name.
            signed = CommentDraft(article.id, article.title, name, email, "-")
            if problems := signed.problems():
                raise Refused(" ".join(problem.message for problem in problems))
            body = _edited(text or "", editor, data_dir)
            written = CommentDraft(article.id, article.title, name, email, body)
        else:
            body = read_text(text, text_file)
        draft = CommentDraft(article.id, article.title, name, email, body)
        if problems := draft.problems():
            raise Refused(" ".join(problem.message for problem in problems))
        queue = queue or PendingQueue.open(data_dir)
        if queue.quarantined_to is not None:
            _say(
                "the pending queue was damaged; it was moved aside, not deleted: "
                f"{queue.quarantined_to}"
            )
        comment = queue.add(draft, comment_id=given_id, article_url=article.url or "")
    except Refused as refused:
        _say(_kept(str(refused), written, data_dir))
        return EXIT_REFUSED
    except InvalidComment as invalid:  # checked above; kept in case the rules change
        _say(_kept(str(invalid), written, data_dir))
        return EXIT_REFUSED
    except CommentIdTaken as taken:
        said = (
            f"--id {taken.comment_id} already holds a different comment; nothing was changed "
            "(the same text again is fine; leave out --id for a new comment)"
        )
        _say(_kept(said, written, data_dir))
        return EXIT_REFUSED
    except CommentWithdrawn as withdrawn:
        said = (
            f"--id {withdrawn.comment_id} was withdrawn; nothing was changed "
            "(leave out --id to send the text as a new comment)"
        )
        _say(_kept(said, written, data_dir))
        return EXIT_REFUSED
    except QueueError as error:
        _say(_kept(str(error), written, data_dir))
        return EXIT_FAILED
    print(comment.id, flush=True)
    return EXIT_OK


def _edited(start: str, configured: str, data_dir: Path) -> str:
    """The comment as the editor left it; Refused (nothing queued) when it failed."""
    from newsreader.editor import edit_text, editor_command
    from newsreader.paths import prepare_data_dir
    from newsreader.safe_text import without_controls

    for notice in prepare_data_dir(data_dir):  # the editor's file goes in there, private
        _say(notice)
    outcome = edit_text(start, editor_command(configured), data_dir / "editing")
    if outcome.problem is not None:
        raise Refused(f"not queued: {outcome.problem}")
    body, removed = without_controls(outcome.text, one_line_field=False)
    if removed:
        _say(f"removed {count_of(removed, 'control character')} from the edited text")
    return body


def _kept(said: str, written: CommentDraft | None, data_dir: Path) -> str:
    """`said`, and where the text written in the editor went when it could not be queued:
    a draft (the reader's `c` on the article brings it back), else standard output."""
    if written is None:
        return said
    try:
        PendingQueue.open(data_dir).save_draft(str(uuid.uuid4()), written)
    except QueueError:
        sys.stdout.write(written.body + ("" if written.body.endswith("\n") else "\n"))
        return f"{said.rstrip('.')}; your text could not be kept as a draft: it is on stdout"
    return f"{said.rstrip('.')}; your text is kept as a draft (c on the article brings it back)"


def _say(message: str) -> None:
    # One line, whatever the message quotes back: a name or path with a newline in it must
    # not split the error, nor send control sequences to the terminal.
    print(f"newsreader: {one_line(message)}", file=sys.stderr)
