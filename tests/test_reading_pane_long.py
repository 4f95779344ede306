"""Opening huge and costly articles: the start shows at once, with a note, and the rest
follows without holding the keyboard."""

from __future__ import annotations

from pathlib import Path

from newsreader.library.formats import MAX_ARTICLE_BYTES
from newsreader.ui.widgets.reading_pane import ReadingPane
from ui_helpers import make_app, settle

SIZE = (110, 34)
FIFTY_MB = 50 * 1024 * 1024


def write_huge(path: Path) -> None:
    paragraph = (
        "Paragraph {n} of a very long file, with *emphasis* and a [link](https://x.org).\n\n"
    )
    with path.open("w", encoding="utf-8") as file:
        file.write("---\ntitle: The whole archive\n---\n")
        for n in range(MAX_ARTICLE_BYTES // 60):
            file.write(paragraph.format(n=n))
        file.truncate(FIFTY_MB)  # a sparse tail: the size is real, the disk is not used


async def test_huge_file_shows_its_start_at_once_with_a_note(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    write_huge(root / "archive.md")
    app = make_app(root, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(ReadingPane)
        article = pane.article
        assert article is not None
        pane.show(None)
        pane.show(article)  # what opening it does, checked before any worker has run
        lines = pane.plain_lines()
        text = " ".join(" ".join(lines).split())  # the pane wraps lines; compare the words
        assert "The whole archive" in lines[0]
        assert "⚠ file is 50 MB; only the first 2 MB are shown" in text
        assert "Paragraph 0 of a very long file, with emphasis and a link (https://x.org)." in text
        assert "*emphasis*" not in text  # the start is already formatted
        await settle(pilot)
        assert app.is_running


async def test_end_key_on_a_long_article_does_not_hold_the_keyboard(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    # 90 KB: converted in the thread, and hundreds of slices to draw.
    paragraphs = [f"Paragraph {n} says something worth reading." for n in range(2_000)]
    (root / "long.md").write_text("# Long\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    app = make_app(root, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(ReadingPane)
        await pilot.press("enter")
        pane.show(pane.article)  # opened afresh: the background slices have not run yet
        pane.action_scroll_end()
        assert not pane.fully_rendered  # it returned after one slice, not after every line
        for _ in range(600):
            if pane.fully_rendered:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        assert pane.fully_rendered
        assert pane.scroll_y == pane.max_scroll_y  # it followed the end as it grew
        height = pane.scrollable_content_region.height
        bottom = pane.plain_lines()[round(pane.scroll_y) : round(pane.scroll_y) + height]
        assert "Paragraph 1999 says" in " ".join(bottom)


async def test_a_long_paragraph_is_drawn_in_pieces_without_gaps(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    words = " ".join(f"w{n}" for n in range(30_000))
    (root / "one-line.md").write_text(f"# One line\n\n{words}\n\nAfter.\n", encoding="utf-8")
    app = make_app(root, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(ReadingPane)
        await pilot.press("enter", "G")
        await settle(pilot)
        lines = pane.plain_lines()
        first = next(i for i, line in enumerate(lines) if line.strip().startswith("w0 "))
        last = next(i for i, line in enumerate(lines) if "After." in line)
        paragraph = lines[first : last - 1]
        assert all(line.strip() for line in paragraph)  # no blank line between the pieces
        assert " ".join(" ".join(paragraph).split()) == words
        assert lines[last - 1].strip() == ""  # the paragraph after it keeps its gap


async def test_a_small_but_costly_file_shows_its_start_then_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    (root / "brackets.md").write_text("Opening words.\n\n" + "[" * 60_000, encoding="utf-8")
    app = make_app(root, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(ReadingPane)
        article = pane.article
        assert article is not None
        pane.show(article)
        assert any("Opening words." in line for line in pane.plain_lines())
        assert any("Formatting the rest…" in line for line in pane.plain_lines())
        await settle(pilot)
        await pilot.press("enter", "G")
        await settle(pilot)
        shown = "\n".join(pane.plain_lines())
        assert "Formatting the rest…" not in shown
        assert shown.count("[") == 60_000
