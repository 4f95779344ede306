"""Hostile feeds: entity bombs refused without using memory, markup kept literal, and a
fetch killed with SIGKILL halfway leaves no half-written article and the next one completes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from feed_server import FeedServer, Route, rss2
from library_reading import read_library
from newsreader.feeds import feeds_folder
from newsreader.feeds.fetch import fetch_feeds
from newsreader.feeds.store import SubscriptionStore

PARSE_FEED_MEMORY = Path(__file__).resolve().parent / "programs" / "parse_feed_memory.py"

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") if n > 1 else "&lol;"}'
        f'{("&lol" + str(n - 1) + ";") * 9 if n > 1 else "&lol;" * 9}">'
        for n in range(1, 10)
    )
    + ']><rss version="2.0"><channel><title>&lol9;</title>'
    "<item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>"
)


def test_billion_laughs_is_refused_without_using_memory(tmp_path: Path) -> None:
    # A child of its own, so its peak memory measures the parse alone.
    result = subprocess.run(
        [sys.executable, str(PARSE_FEED_MEMORY)],
        input=BILLION_LAUGHS.encode(),
        capture_output=True,
        timeout=60,
        check=True,
    )
    reason, grew_kb = result.stdout.decode().strip().splitlines()
    assert "declares XML entities" in reason and "refused" in reason
    assert int(grew_kb) < 20_000


def test_external_entities_are_refused(data_dir: Path) -> None:
    secret = data_dir.parent / "secret.txt"
    secret.write_text("the secret")
    document = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>t</title><item><title>&x;</title></item>'
        "</channel></rss>"
    ).encode()
    with FeedServer().running(seconds=60) as server:
        server.routes["/x.xml"] = Route(document)
        SubscriptionStore(data_dir).add("x", server.url("/x.xml"))
        summary = fetch_feeds(data_dir)
    assert "refused" in (summary.outcomes[0].error or "")
    assert not (feeds_folder(data_dir) / "x").exists()


def test_markup_and_escapes_in_titles_and_bodies_stay_literal(data_dir: Path) -> None:
    # XML 1.0 cannot carry control characters; JSON Feed can, so the escapes come in that.
    document = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "[bold]Desk[/bold]",
            "items": [
                {
                    "id": "e1",
                    "url": "https://example.org/e1",
                    "title": "[@click=app.quit] \x1b]0;owned\x07 <b>loud</b>",
                    "content_html": "<p>[@click=app.quit] body \x1b[2J</p>"
                    "<script>alert(1)</script>",
                }
            ],
        }
    ).encode()
    with FeedServer().running(seconds=60) as server:
        server.routes["/h.json"] = Route(document, "application/feed+json")
        SubscriptionStore(data_dir).add("h", server.url("/h.json"))
        assert fetch_feeds(data_dir).failed == []
    (article,) = read_library(feeds_folder(data_dir)).articles
    assert article.title == "[@click=app.quit] \x1b]0;owned\x07 loud"
    assert article.source == "[bold]Desk[/bold]"
    assert "[@click=app.quit] body \x1b[2J" in article.body
    assert "alert(1)" not in article.body
    assert article.path.name.startswith("click-app-quit-0-owned-loud-")


def test_a_fetch_killed_halfway_leaves_no_half_file_and_the_next_completes(
    data_dir: Path,
) -> None:
    with FeedServer().running(seconds=120) as server:
        store = SubscriptionStore(data_dir)
        for feed in range(40):
            server.routes[f"/f{feed}.xml"] = Route(rss2(feed, 50), delay=0.02 * (feed % 10))
            store.add(f"f{feed}", server.url(f"/f{feed}.xml"))
        child = subprocess.Popen(
            [sys.executable, "-m", "newsreader", "--data-dir", str(data_dir), "fetch"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        root = feeds_folder(data_dir)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and child.poll() is None:
            if root.is_dir() and sum(1 for _ in root.glob("*/*.md")) >= 50:
                break
            time.sleep(0.005)
        assert child.poll() is None, "the fetch finished before it could be killed"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        written = list(root.glob("*/*.md"))
        assert 50 <= len(written) < 2000
        read = read_library(root)
        assert read.problem_files == [] and all(not a.problems for a in read.articles)
        summary = fetch_feeds(data_dir)
        assert summary.failed == []
        assert len(list(root.glob("*/*.md"))) == 2000
        assert list(root.glob("*/.*")) == []  # the killed run's temporary files are gone
        assert fetch_feeds(data_dir).line() == "40 feeds: 0 new, 0 updated, 0 failed"
