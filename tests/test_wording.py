"""Counts are said as people say them."""

from newsreader.wording import count_of


def test_one_is_singular_and_the_rest_plural() -> None:
    assert count_of(1, "file") == "1 file"
    assert count_of(0, "draft") == "0 drafts"
    assert count_of(3, "control character") == "3 control characters"
    assert count_of(1200, "entry", "entries") == "1,200 entries"
