"""The feeds commands end to end: add (feed or site page), list, remove, import/export,
fetch (summary, exit status), save."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from feed_server import FeedServer, Route, rss2
from newsreader.cli import main
from newsreader.feeds import feeds_folder
from newsreader.feeds.store import SubscriptionStore
from newsreader.library.formats.front_matter import split_front_matter


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer().running(seconds=120) as running:
        yield running


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def test_add_a_site_page_chooses_its_feed_and_fetch_writes_articles(
    data_dir: Path, server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/"] = Route(
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">'
        b"</head><body>Site</body></html>",
        "text/html; charset=utf-8",
    )
    server.routes["/rss.xml"] = Route(rss2(1, 3, title="Kestleigh Courier"))
    assert run(data_dir, "feeds", "add", server.url("/")) == 0
    out = capsys.readouterr().out
    assert "chose the RSS feed" in out and "kestleigh-courier" in out
    assert run(data_dir, "fetch") == 0
    assert capsys.readouterr().out.strip() == "1 feed: 3 new, 0 updated, 0 failed"
    assert len(list((feeds_folder(data_dir) / "kestleigh-courier").glob("*.md"))) == 3
    assert run(data_dir, "feeds", "list") == 0
    listing = capsys.readouterr().out
    assert "kestleigh-courier" in listing and server.url("/rss.xml") in listing


def test_fetch_names_each_failure_and_exits_1(
    data_dir: Path, server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/ok.xml"] = Route(rss2(1, 2))
    server.routes["/gone.xml"] = Route(status=410)
    store = SubscriptionStore(data_dir)
    store.add("ok", server.url("/ok.xml"))
    store.add("gone", server.url("/gone.xml"))
    assert run(data_dir, "fetch") == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == "2 feeds: 2 new, 0 updated, 1 failed"
    assert "newsreader: gone failed: HTTP 410 Gone" in captured.err
    assert run(data_dir, "fetch", "ok") == 0
    assert run(data_dir, "fetch", "nonesuch") == 2


def test_export_then_import_gives_the_same_subscriptions(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = SubscriptionStore(data_dir)
    store.add("desk-one", "https://example.org/one.xml")
    store.add("desk-two", "https://example.org/two.xml", full_text=True)
    assert run(data_dir, "feeds", "export") == 0
    opml = tmp_path / "subs.opml"
    opml.write_text(capsys.readouterr().out)
    other = tmp_path / "other-data"
    assert run(other, "feeds", "import", str(opml)) == 0
    assert "Imported 2 feeds" in capsys.readouterr().out
    mine = [(s.name, s.url, s.full_text) for s in store.all()]
    theirs = [(s.name, s.url, s.full_text) for s in SubscriptionStore(other).all()]
    assert theirs == mine
    assert run(other, "feeds", "import", str(opml)) == 0
    assert "0 feeds (2 already subscribed" in capsys.readouterr().out
    store.add("desk-three", "https://example.org/three.xml")
    assert run(data_dir, "feeds", "export") == 0
    opml.write_text(capsys.readouterr().out)
    assert run(other, "feeds", "import", str(opml)) == 0
    assert "Imported 1 feed (2 already subscribed" in capsys.readouterr().out


def test_import_refuses_an_entity_bomb_in_one_line(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = tmp_path / "bomb.opml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><opml><body>&b;</body></opml>'
    )
    assert run(data_dir, "feeds", "import", str(bomb)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refused" in err


def test_remove_keeps_articles_unless_asked(
    data_dir: Path, server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/a.xml"] = Route(rss2(1, 2))
    server.routes["/b.xml"] = Route(rss2(2, 2))
    store = SubscriptionStore(data_dir)
    store.add("a", server.url("/a.xml"))
    store.add("b", server.url("/b.xml"))
    assert run(data_dir, "fetch") == 0
    assert run(data_dir, "feeds", "remove", "a") == 0
    assert "stay in the library" in capsys.readouterr().out
    assert (feeds_folder(data_dir) / "a").is_dir()
    assert run(data_dir, "feeds", "remove", server.url("/b.xml"), "--delete-articles") == 0
    assert not (feeds_folder(data_dir) / "b").exists()
    assert [s.name for s in store.all()] == []
    assert run(data_dir, "feeds", "remove", "a") == 2


def test_add_refuses_what_is_not_http(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(data_dir, "feeds", "add", "file:///etc/passwd") == 1
    err = capsys.readouterr().err
    assert "only http and https" in err and err.count("\n") == 1


PAGE = b"""<!doctype html><html><head><title>Tide clocks return | Kestleigh Courier</title>
<meta name="author" content="Mira Okafor"><meta property="og:title" content="Tide clocks return">
<meta property="article:published_time" content="2026-11-20T09:00:00+00:00"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav><article><h1>Tide clocks return</h1>
<p>The three tide clocks on the harbour wall were put back on Thursday after a winter of repair,
and the first of them was already a minute fast by the evening, to nobody's surprise.</p>
<p>Volunteers from the harbour society cleaned each dial by hand, replaced the brass pointers,
and painted the numbers again in the old blue that the town voted for in a meeting last year.</p>
<p>The council says the clocks will be checked every month, and that anyone who notices one
running wrong can leave a note at the harbour office, which is open on weekday mornings.</p>
</article><footer>Share on WhatsApp. Terms of use. Cookie settings.</footer></body></html>"""


def test_save_a_page_file_and_a_url(
    data_dir: Path, tmp_path: Path, server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "library"
    library.mkdir()
    page = tmp_path / "page.html"
    page.write_bytes(PAGE)
    assert main(["--articles", str(library), "save", str(page)]) == 0
    article_id = capsys.readouterr().out.strip()
    assert article_id.startswith("saved/tide-clocks-return")
    text = (library / f"{article_id}.md").read_text()
    fields = split_front_matter(text).fields
    assert fields["title"] == "Tide clocks return" and fields["author"] == "Mira Okafor"
    assert "tide clocks on the harbour wall" in text and "Share on WhatsApp" not in text
    server.routes["/tide.html"] = Route(PAGE, "text/html")
    assert (
        main(["--articles", str(library), "save", server.url("/tide.html"), "--folder", "x"]) == 0
    )
    saved = capsys.readouterr().out.strip()
    assert saved.startswith("x/")
    fields = split_front_matter((library / f"{saved}.md").read_text()).fields
    assert fields["url"] == server.url("/tide.html")
