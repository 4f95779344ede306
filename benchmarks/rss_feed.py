"""The synthetic articles as one RSS 2.0 feed, served on 127.0.0.1 for newsboat to fetch."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from benchmarks.synthetic import SyntheticArticle

FEED_TITLE = "Synthetic news"


def rss_document(articles: Sequence[SyntheticArticle]) -> bytes:
    items = []
    for article in articles:
        body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in article.paragraphs)
        items.append(
            "<item>"
            f"<title>{escape(article.title)}</title>"
            f"<link>http://127.0.0.1/{escape(article.relative_path)}</link>"
            f"<guid>{escape(article.relative_path)}</guid>"
            f"<author>{escape(article.author)}</author>"
            f"<pubDate>{format_datetime(article.date)}</pubDate>"
            f"<description>{escape(body)}</description>"
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{FEED_TITLE}</title><link>http://127.0.0.1/</link>"
        "<description>Benchmark feed</description>" + "".join(items) + "</channel></rss>\n"
    ).encode()


@contextmanager
def serve(document: bytes, seconds: float = 600.0) -> Iterator[str]:
    """Serve `document` at the returned URL on 127.0.0.1 until the block ends (or `seconds`)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(document)))
            self.end_headers()
            self.wfile.write(document)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the benchmark prints its own report

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # Bounded in time: a benchmark that hangs must not leave a server up for ever.
    timer = threading.Timer(seconds, server.shutdown)
    timer.daemon = True
    timer.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    finally:
        timer.cancel()
        server.shutdown()
        server.server_close()
