"""Turning one article file into an `Article`: read the bytes, decode, pick the reader.

Files come from anywhere, so reading is defensive: never more than `MAX_ARTICLE_BYTES`,
never block on a FIFO, never treat binary as text. What cannot be an article raises
`ArticleFileError`; what can be worked around becomes one of `Article.problems`.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from newsreader.library.article import Article
from newsreader.library.formats.markdown import read_markdown
from newsreader.library.formats.text import read_text

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
MAX_ARTICLE_BYTES = 8 * 1024 * 1024
_MB = 1024 * 1024
# Share of `_BINARY_BYTES` in the first `_SAMPLE_BYTES` above which a file is binary.
_BINARY_SHARE = 0.10
_SAMPLE_BYTES = 8192
# Control bytes that turn up in real text files (tab, newlines, form feed, ANSI colour).
_BINARY_BYTES = bytes(byte for byte in [*range(0x20), 0x7F] if byte not in b"\t\n\r\f\b\x1b")
_BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class ArticleFileError(Exception):
    """This file cannot be shown as an article; `reason` says why, in a reader's words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def load_article(path: Path, library_root: Path) -> Article:
    """Read, decode and parse the article at `path` (a file inside `library_root`)."""
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise ArticleFileError(
            f"not an article file (articles end in {', '.join(ARTICLE_SUFFIXES)})"
        )
    data, size = _read_capped(path)
    problems: list[str] = []
    if size > MAX_ARTICLE_BYTES:
        problems.append(
            f"file is {_megabytes(size)} MB; only the first {MAX_ARTICLE_BYTES // _MB} MB are shown"
        )
    text = _decode(data, truncated=size > MAX_ARTICLE_BYTES, problems=problems)
    article_id = article_id_for(path, library_root)
    if suffix == ".txt":
        return read_text(text, path, article_id, problems)
    return read_markdown(text, path, article_id, problems)


def article_id_for(path: Path, library_root: Path) -> str:
    """`<root>/culture/jazz-night.md` → "culture/jazz-night"."""
    try:
        relative = path.relative_to(library_root)
    except ValueError:
        try:
            relative = path.resolve().relative_to(library_root.resolve())
        except (ValueError, OSError, RuntimeError):
            relative = Path(path.name)
    return (relative.parent / relative.stem).as_posix()


def _read_capped(path: Path) -> tuple[bytes, int]:
    """The first MAX_ARTICLE_BYTES of the file, and its full size."""
    try:
        # O_NONBLOCK: opening a FIFO named `x.md` must not wait for a writer forever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as error:
        raise ArticleFileError("vanished while reading") from error
    except PermissionError as error:
        raise ArticleFileError("permission denied") from error
    except IsADirectoryError as error:
        raise ArticleFileError("a folder, not a file") from error
    except OSError as error:
        raise ArticleFileError(_os_reason(error)) from error
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ArticleFileError("a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ArticleFileError("not a regular file")
        data = _read_up_to(fd, MAX_ARTICLE_BYTES)
    except OSError as error:
        raise ArticleFileError(_os_reason(error)) from error
    finally:
        os.close(fd)
    return data, max(info.st_size, len(data))


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


def _decode(data: bytes, *, truncated: bool, problems: list[str]) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _decode_as(data[len(bom) :], encoding, truncated, problems)
            if "\x00" in text:
                raise ArticleFileError("binary file, not text")
            return text
    if b"\x00" in data or _mostly_control_bytes(data[:_SAMPLE_BYTES]):
        raise ArticleFileError("binary file, not text")
    return _decode_as(data, "utf-8", truncated, problems)


def _decode_as(data: bytes, encoding: str, truncated: bool, problems: list[str]) -> str:
    # A cut at the size limit may split a character: leave its first bytes out instead of
    # reporting them as invalid (`final=False` keeps an incomplete sequence undecoded).
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        return decoder.decode(data, final=not truncated)
    except UnicodeDecodeError:
        pass
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    text = decoder.decode(data, final=not truncated)
    if encoding == "utf-8" and text.count("\ufffd") > max(16, len(text) // 4):
        raise ArticleFileError("binary file, not text")
    problems.append(f"not valid {_ENCODING_NAMES[encoding]}: bytes replaced")
    return text


_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "utf-32-le": "UTF-32",
    "utf-32-be": "UTF-32",
}


def _mostly_control_bytes(sample: bytes) -> bool:
    if not sample:
        return False
    # translate() deletes in C; counting in a Python loop cost ~1 ms per file.
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    return controls / len(sample) > _BINARY_SHARE


def _megabytes(size: int) -> str:
    megabytes = size / _MB
    return f"{megabytes:.0f}" if megabytes >= 10 else f"{megabytes:.1f}"
