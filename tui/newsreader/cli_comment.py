"""`newsreader comment ARTICLE_ID --name NAME ...`: queue a comment without the reader.

The id is printed only after the comment is committed to disk, so a script that saw an id
can rely on it. Exit 2 means the input was refused (one line on stderr says why), exit 1
that the queue could not take it (disk full, permission denied, locked for too long).
"""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

from newsreader.comments.draft import BODY_LIMIT, CommentDraft
from newsreader.comments.queue import InvalidComment, PendingQueue, QueueError
from newsreader.library.article import Article
from newsreader.library.formats import ARTICLE_SUFFIXES, ArticleFileError, load_article
from newsreader.safe_text import one_line

EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2
# Far above what BODY_LIMIT characters can take in UTF-8, small enough to hold in memory:
# anything longer is refused without reading the rest.
_MAX_TEXT_BYTES = 1 << 20


class Refused(Exception):
    """Input the command will not queue; `str()` is the one line for stderr."""


def find_article(root: Path, article_id: str) -> Article | None:
    """The article with this id, found by the rules of the library scan, without scanning.

    The scan skips hidden names, does not walk into symlinked folders, ignores symlinks
    that lead out of the library, and gives an id shared by two files to the first by path.
    """
    parts = article_id.split("/")
    if any(part in ("", ".", "..") or part.startswith(".") or "\0" in part for part in parts):
        return None
    folder = root
    for part in parts[:-1]:
        folder = folder / part
        if folder.is_symlink() or not folder.is_dir():
            return None
    try:
        names = os.listdir(folder)
    except OSError:
        return None
    candidates = sorted(
        folder / name
        for name in names
        if not name.startswith(".")
        and Path(name).stem == parts[-1]
        and Path(name).suffix.lower() in ARTICLE_SUFFIXES
    )
    real_root = Path(os.path.realpath(root))
    for path in candidates:
        if path.is_symlink() and not _stays_inside(path, real_root):
            continue
        try:
            return load_article(path, root)
        except ArticleFileError:
            continue  # the scan lists this file as a problem; the id may belong to the next
    return None


def _stays_inside(link: Path, real_root: Path) -> bool:
    try:
        return Path(os.path.realpath(link, strict=True)).is_relative_to(real_root)
    except OSError:
        return False


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
        return str(uuid.UUID(given))
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
) -> int:
    try:
        body = read_text(text, text_file)
        given_id = _comment_id(comment_id)
        if not articles.is_dir():
            raise Refused(f"the article folder {articles} does not exist or is not a folder")
        article = find_article(articles, article_id)
        if article is None:
            raise Refused(f"no article with id “{article_id}” in {articles}")
        draft = CommentDraft(article.id, article.title, name, email, body)
        if problems := draft.problems():
            raise Refused(" ".join(problem.message for problem in problems))
        queue = PendingQueue.open(data_dir)
        if queue.quarantined_to is not None:
            _say(
                "the pending queue was damaged; it was moved aside, not deleted: "
                f"{queue.quarantined_to}"
            )
        comment = queue.add(draft, comment_id=given_id, article_url=article.url or "")
    except Refused as refused:
        _say(str(refused))
        return EXIT_REFUSED
    except InvalidComment as invalid:  # checked above; kept in case the rules change
        _say(str(invalid))
        return EXIT_REFUSED
    except QueueError as error:
        _say(str(error).removesuffix(" Your text is still in the form."))
        return EXIT_FAILED
    print(comment.id, flush=True)
    return EXIT_OK


def _say(message: str) -> None:
    # One line, whatever the message quotes back: a name or path with a newline in it must
    # not split the error, nor send control sequences to the terminal.
    print(f"newsreader: {one_line(message)}", file=sys.stderr)
