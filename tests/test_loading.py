"""Loading files that are damaged, odd, or changing under us: what is shown, what is said."""

from __future__ import annotations

from pathlib import Path

import pytest

from library_reading import read_library
from library_samples import write
from newsreader.library.formats import ArticleFileError, load_article

# --- damaged and odd contents ---------------------------------------------------------------


def test_latin1_is_read_as_latin1_with_a_problem(library: Path) -> None:
    write(library, "latin1.md", "# Café com leite\n\nA crème brûlée — 5 €.".encode("cp1252"))

    (article,) = read_library(library).articles

    assert (article.title, article.body) == ("Café com leite", "A crème brûlée — 5 €.")
    assert article.problems == ("not UTF-8: read as Latin-1 (Windows-1252)",)


def test_a_stray_nul_byte_is_damage_not_binary(library: Path) -> None:
    write(library, "nul.md", b"# Title\n\nBefore\x00after.\n")

    (article,) = read_library(library).articles

    assert article.title == "Title"
    assert "\x00" in article.body
    assert article.problems == ("contains NUL bytes (damaged?)",)


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n"])
def test_empty_file_is_listed_with_a_problem(library: Path, content: bytes) -> None:
    write(library, "blank-note.md", content)

    (article,) = read_library(library).articles

    assert (article.title, article.body, article.problems) == (
        "Blank note",
        "",
        ("empty file",),
    )


# --- files that change under us -------------------------------------------------------------------


def test_load_article_itself_refuses_a_link_out_of_the_library(
    tmp_path: Path, library: Path
) -> None:
    secret = write(tmp_path, "secret.md", "# Not yours\n")
    (library / "innocent.md").symlink_to(secret)

    with pytest.raises(ArticleFileError, match="symlink leads outside the library"):
        load_article(library / "innocent.md", library)


def test_file_swapped_for_a_link_after_the_check_is_refused(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.library import formats

    secret = write(tmp_path, "secret.md", "# Not yours\n")
    victim = write(library, "victim.md", "# Harmless\n")
    resolve = formats._resolve_inside

    def resolve_then_swap(path: Path, root: Path) -> str:
        resolved = resolve(path, root)  # checked while it was a plain file …
        victim.unlink()
        victim.symlink_to(secret)  # … and replaced before it is opened
        return resolved

    monkeypatch.setattr(formats, "_resolve_inside", resolve_then_swap)

    with pytest.raises(ArticleFileError, match="replaced by a symlink while reading"):
        load_article(victim, library)


def test_file_growing_while_read_is_shown_with_a_problem(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.library import formats

    path = write(library, "live.md", "# Live blog\n\nFirst update.\n")
    read_up_to = formats._read_up_to

    def read_while_appending(fd: int, limit: int) -> bytes:
        data = read_up_to(fd, limit)
        with path.open("a", encoding="utf-8") as writer:  # a sync client adds a paragraph
            writer.write("\nSecond update.\n")
        return data

    monkeypatch.setattr(formats, "_read_up_to", read_while_appending)

    article = load_article(path, library)

    assert (article.title, article.body) == ("Live blog", "First update.")
    assert article.problems == ("file changed while it was being read; what was read is shown",)
    monkeypatch.undo()
    again = load_article(path, library)
    assert (again.body, again.problems) == ("First update.\n\nSecond update.", ())
