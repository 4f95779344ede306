"""Fetching feeds from a local server: formats, files written, 304, redirects, failures."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from feed_server import FeedServer, Route, atom03, atom10, json_feed, rss091, rss1, rss2
from library_reading import read_library
from newsreader.feeds import feeds_folder
from newsreader.feeds.fetch import fetch_feeds
from newsreader.feeds.http import FetchLimits
from newsreader.feeds.store import SubscriptionStore


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer().running(seconds=120) as running:
        yield running


def subscribe(data_dir: Path, server: FeedServer, name: str, route: Route) -> None:
    server.routes[f"/{name}.xml"] = route
    SubscriptionStore(data_dir).add(name, server.url(f"/{name}.xml"))


def test_every_format_becomes_article_files_the_library_reads(
    data_dir: Path, server: FeedServer
) -> None:
    documents = {
        "rss2": (rss2(1, 5), "application/rss+xml"),
        "atom10": (atom10(2, 4), "application/atom+xml"),
        "atom03": (atom03(3), "application/atom+xml"),
        "rss1": (rss1(3), "application/rdf+xml"),
        "rss091": (rss091(2), "text/xml"),
        "json": (json_feed(3), "application/feed+json"),
    }
    for name, (body, kind) in documents.items():
        subscribe(data_dir, server, name, Route(body, kind))
    summary = fetch_feeds(data_dir)
    assert summary.failed == []
    assert summary.line() == "6 feeds: 20 new, 0 updated, 0 failed"
    read = read_library(feeds_folder(data_dir))
    assert read.problem_files == []
    by_title = {article.title: article for article in read.articles}
    assert len(by_title) == 20
    first = by_title["Harbour report 1-0: the tide clock moves"]
    assert first.source == "Desk 1 news"
    assert first.url == "https://example.org/f1/e0"
    assert first.date is not None and first.date.year == 2026
    assert "the ferry ran on time" in first.body
    atom = by_title["Harbour report 2-3: the tide clock moves"]
    assert atom.url == "https://example.org/f2/e3"  # the relative link made absolute
    assert by_title["JSON item 1"].tags == ("json",)
    mode = stat.S_IMODE(os.stat(data_dir / "feeds.sqlite3").st_mode)
    assert mode == 0o600


def test_a_second_fetch_changes_nothing_and_304_costs_no_parsing(
    data_dir: Path, server: FeedServer
) -> None:
    subscribe(data_dir, server, "desk", Route(rss2(1, 10)))
    assert fetch_feeds(data_dir).line() == "1 feed: 10 new, 0 updated, 0 failed"
    folder = feeds_folder(data_dir) / "desk"
    before = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    second = fetch_feeds(data_dir)
    assert second.line() == "1 feed: 0 new, 0 updated, 0 failed"
    assert second.outcomes[0].not_modified
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == before


def test_an_updated_entry_rewrites_its_own_file(data_dir: Path, server: FeedServer) -> None:
    subscribe(data_dir, server, "desk", Route(rss2(1, 3)))
    fetch_feeds(data_dir)
    names = sorted(path.name for path in (feeds_folder(data_dir) / "desk").iterdir())
    server.routes["/desk.xml"] = Route(rss2(1, 3).replace(b"ferry ran", b"ferry was late"))
    assert fetch_feeds(data_dir).line() == "1 feed: 0 new, 3 updated, 0 failed"
    folder = feeds_folder(data_dir) / "desk"
    assert sorted(path.name for path in folder.iterdir()) == names
    assert all("ferry was late" in (folder / name).read_text() for name in names)


def test_a_permanent_redirect_updates_the_stored_url(data_dir: Path, server: FeedServer) -> None:
    subscribe(data_dir, server, "moved", Route(status=301, location="/new.xml"))
    server.routes["/new.xml"] = Route(rss2(1, 2))
    assert fetch_feeds(data_dir).failed == []
    stored = SubscriptionStore(data_dir).find("moved")
    assert stored is not None and stored.url == server.url("/new.xml")


def test_a_temporary_redirect_keeps_the_stored_url(data_dir: Path, server: FeedServer) -> None:
    subscribe(data_dir, server, "away", Route(status=302, location="/new.xml"))
    server.routes["/new.xml"] = Route(rss2(1, 2))
    assert fetch_feeds(data_dir).failed == []
    stored = SubscriptionStore(data_dir).find("away")
    assert stored is not None and stored.url == server.url("/away.xml")


def failure_of(data_dir: Path, name: str, limits: FetchLimits | None = None) -> str:
    summary = fetch_feeds(data_dir, limits=limits)
    reasons = {outcome.name: outcome.error for outcome in summary.outcomes}
    assert reasons["good"] is None, "a bad feed must fail alone"
    reason = reasons[name]
    assert reason is not None
    stored = SubscriptionStore(data_dir).find(name)
    assert stored is not None and stored.last_error == reason and stored.failures == 1
    return reason


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        (Route(status=302, location="/loop.xml"), "redirect loop"),
        (Route(status=500), "HTTP 500"),
        (Route(b"<html><body>no feed</body></html>", "text/html"), "not a feed"),
        (Route(b'<?xml version="1.0" encoding="utf-8"?><rss>\xff\xfe</rss>'), "not valid UTF-8"),
        (Route(b"x" * 3000), "cap"),
        (Route(rss2(9, 2), byte_pause=0.05), "no complete answer within 1 s"),
    ],
    ids=["loop", "error", "html", "utf8", "cap", "slow"],
)
def test_a_bad_feed_fails_alone_with_its_reason(
    data_dir: Path, server: FeedServer, route: Route, expected: str
) -> None:
    subscribe(data_dir, server, "good", Route(rss2(1, 2)))
    subscribe(data_dir, server, "loop", route)
    limits = FetchLimits(max_bytes=2000 if expected == "cap" else 10**6, total_seconds=1.0)
    assert expected in failure_of(data_dir, "loop", limits)


def test_a_redirect_chain_stops_at_five(data_dir: Path, server: FeedServer) -> None:
    subscribe(data_dir, server, "good", Route(rss2(1, 2)))
    subscribe(data_dir, server, "chain", Route(status=302, location="/r1"))
    for hop in range(1, 8):
        server.routes[f"/r{hop}"] = Route(status=302, location=f"/r{hop + 1}")
    assert "more than 5 redirects" in failure_of(data_dir, "chain")


def test_only_http_and_https(data_dir: Path, server: FeedServer) -> None:
    subscribe(data_dir, server, "good", Route(rss2(1, 2)))
    subscribe(data_dir, server, "ftp", Route(status=301, location="file:///etc/passwd"))
    assert "only http and https" in failure_of(data_dir, "ftp")


def test_cancelling_stops_the_fetch(data_dir: Path, server: FeedServer) -> None:
    import threading

    server.delay = 0.2
    for feed in range(6):
        subscribe(data_dir, server, f"f{feed}", Route(rss2(feed, 2)))
    cancel = threading.Event()
    seen: list[int] = []

    def progress(outcome: object, done: int, total: int) -> None:
        seen.append(done)
        cancel.set()

    limits = FetchLimits(in_flight=1)
    summary = fetch_feeds(data_dir, progress=progress, cancel=cancel, limits=limits)
    assert summary.cancelled
    assert 1 <= len(summary.outcomes) < 6


def test_a_feed_whose_folder_cannot_be_written_fails_alone(
    data_dir: Path, server: FeedServer
) -> None:
    # A file where the feed's folder goes: mkdir fails for root as for anyone. Whether the
    # two feeds land in one group or two, the failure must be the blocked feed's alone.
    subscribe(data_dir, server, "good", Route(rss2(1, 3)))
    subscribe(data_dir, server, "blocked", Route(rss2(2, 3)))
    feeds_folder(data_dir).mkdir(parents=True)
    (feeds_folder(data_dir) / "blocked").write_text("in the way")
    assert "could not write its articles" in failure_of(data_dir, "blocked")
    assert len(list((feeds_folder(data_dir) / "good").glob("*.md"))) == 3
    assert SubscriptionStore(data_dir).entries_of(["good"])["good"]
    assert SubscriptionStore(data_dir).entries_of(["blocked"])["blocked"] == {}
    (feeds_folder(data_dir) / "blocked").unlink()
    assert fetch_feeds(data_dir).line() == "2 feeds: 3 new, 0 updated, 0 failed"
