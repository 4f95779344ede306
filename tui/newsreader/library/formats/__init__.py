"""Turning one article file into an `Article`: read the bytes, decode, pick the reader.

Files come from anywhere, so reading is defensive: never more than `MAX_ARTICLE_BYTES`,
never block on a FIFO, never follow a link out of the library, never treat binary as text.
What cannot be an article raises `ArticleFileError`; what can be worked around becomes one
of `Article.problems`.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from newsreader.library.article import Article
from newsreader.library.formats.decode import decode_article_bytes
from newsreader.library.formats.errors import ArticleFileError
from newsreader.library.formats.markdown import read_markdown

__all__ = ["MAX_ARTICLE_BYTES", "ArticleFileError", "load_article"]

# 2 MB of text is some 300,000 words, far past what anyone reads in a terminal; reading no
# further keeps a 50 MB file from delaying the list (2 MB read and parsed: ~15 ms).
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
_MB = 1024 * 1024
_OPEN_FLAGS = (
    os.O_RDONLY
    # A FIFO named `x.md` must not wait for a writer forever.
    | getattr(os, "O_NONBLOCK", 0)
    # The path was resolved just before: if its last part has become a link since, refuse.
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def load_article(path: Path, library_root: Path) -> Article:
    """Read, decode and parse the article at `path`: a file inside `library_root` with
    an article's suffix (`ARTICLE_SUFFIXES`), as a source lists them."""
    suffix = path.suffix.lower()
    data, size, changed = _read_capped(path, library_root)
    problems: list[str] = []
    if size > MAX_ARTICLE_BYTES:
        problems.append(
            f"file is {_megabytes(size)} MB; only the first {MAX_ARTICLE_BYTES // _MB} MB are shown"
        )
    if changed:
        problems.append("file changed while it was being read; what was read is shown")
    text = decode_article_bytes(data, truncated=size > MAX_ARTICLE_BYTES, problems=problems)
    if not text.strip():
        problems.append("empty file")
    article_id = article_id_for(path, library_root)
    if suffix == ".txt":
        # Loaded when the first saved page is: its furniture table compiles some hundred
        # patterns (~30 ms), which `newsreader comment` on a Markdown article never needs.
        from newsreader.library.formats.text import read_text

        return read_text(text, path, article_id, problems)
    return read_markdown(text, path, article_id, problems)


def article_id_for(path: Path, library_root: Path) -> str:
    """`<root>/culture/jazz-night.md` → "culture/jazz-night"."""
    relative = path.relative_to(library_root)
    return (relative.parent / relative.stem).as_posix()


def _resolve_inside(path: Path, library_root: Path) -> str:
    """The real path of `path`, which must lie inside the library (links may not lead out)."""
    try:
        target = os.path.realpath(path, strict=True)
        root = os.path.realpath(library_root)
    except FileNotFoundError as error:
        raise ArticleFileError("vanished while reading") from error
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ArticleFileError("symlink loop") from error
        raise ArticleFileError(_os_reason(error)) from error
    if not Path(target).is_relative_to(root):
        raise ArticleFileError("symlink leads outside the library")
    return target


def _read_capped(path: Path, library_root: Path) -> tuple[bytes, int, bool]:
    """The first MAX_ARTICLE_BYTES of the file, its full size, and whether it changed."""
    target = _resolve_inside(path, library_root)
    try:
        fd = os.open(target, _OPEN_FLAGS)
    except FileNotFoundError as error:
        raise ArticleFileError("vanished while reading") from error
    except PermissionError as error:
        raise ArticleFileError("permission denied") from error
    except IsADirectoryError as error:
        raise ArticleFileError("a folder, not a file") from error
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ArticleFileError("replaced by a symlink while reading") from error
        raise ArticleFileError(_os_reason(error)) from error
    try:
        before = os.fstat(fd)
        if stat.S_ISDIR(before.st_mode):
            raise ArticleFileError("a folder, not a file")
        if not stat.S_ISREG(before.st_mode):
            raise ArticleFileError("not a regular file")
        data = _read_up_to(fd, MAX_ARTICLE_BYTES)
        after = os.fstat(fd)
    except OSError as error:
        raise ArticleFileError(_os_reason(error)) from error
    finally:
        os.close(fd)
    # A file cut short under us reads shorter than its size said; one that grew says more.
    short = len(data) < min(before.st_size, MAX_ARTICLE_BYTES)
    changed = short or (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns)
    return data, max(after.st_size, len(data)), changed


def _read_up_to(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    remaining = limit
    while remaining > 0 and (chunk := os.read(fd, min(remaining, 1024 * 1024))):
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _os_reason(error: OSError) -> str:
    if error.errno is not None and error.strerror:
        return f"cannot read: {error.strerror.lower()}"
    return f"cannot read: {error}"


def _megabytes(size: int) -> str:
    megabytes = size / _MB
    return f"{megabytes:.0f}" if megabytes >= 10 else f"{megabytes:.1f}"
