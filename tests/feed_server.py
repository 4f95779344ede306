"""A local HTTP server for feed tests and benchmarks: 127.0.0.1, a free port, bounded life.

Each path answers as its `Route` says: a body with an ETag (and 304 to a matching
If-None-Match), a redirect, an HTTP error, a delay before answering, or a body dribbled out
a byte at a time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml"
    status: int = 200
    location: str | None = None
    delay: float = 0.0
    byte_pause: float | None = None  # dribble the body one byte at a time
    headers: dict[str, str] = field(default_factory=dict)


class FeedServer:
    def __init__(self, delay: float = 0.0, address: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self.delay = delay
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.requests.append(self.path)
                route = server.routes.get(self.path)
                time.sleep(server.delay + (route.delay if route else 0))
                if route is None:
                    self._answer(404, b"not here", {})
                    return
                if route.location is not None:
                    self._answer(route.status, b"", {"Location": route.location})
                    return
                etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
                if route.status == 200 and self.headers.get("If-None-Match") == etag:
                    self._answer(304, b"", {"ETag": etag})
                    return
                headers = {"Content-Type": route.content_type, "ETag": etag, **route.headers}
                self._answer(route.status, route.body, headers, route.byte_pause)

            def _answer(
                self, status: int, body: bytes, headers: dict[str, str], pause: float | None = None
            ) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    if pause is None:
                        self.wfile.write(body)
                        return
                    for index in range(len(body)):
                        self.wfile.write(body[index : index + 1])
                        self.wfile.flush()
                        time.sleep(pause)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer((address, 0), Handler)
        self._server.daemon_threads = True
        self.base = f"http://{address}:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    @contextmanager
    def running(self, seconds: float = 600.0) -> Iterator[FeedServer]:
        thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        thread.start()
        # Bounded: a test that hangs must not leave a server up for ever.
        timer = threading.Timer(seconds, self._server.shutdown)
        timer.daemon = True
        timer.start()
        try:
            yield self
        finally:
            timer.cancel()
            self._server.shutdown()
            self._server.server_close()


# Documents ------------------------------------------------------------------------------

BASE_DATE = dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)


def entry_words(feed: int, entry: int) -> tuple[str, str]:
    title = f"Harbour report {feed}-{entry}: the tide clock moves"
    body = "".join(
        f"<p>Paragraph {n} of dispatch {entry} from desk {feed}: the ferry ran on time, "
        f'the council met, and <a href="https://example.org/f{feed}/e{entry}">more</a>.</p>'
        for n in range(4)
    )
    return title, body


def rss2(feed: int, entries: int, title: str | None = None) -> bytes:
    items = []
    for entry in range(entries):
        headline, body = entry_words(feed, entry)
        date = format_datetime(BASE_DATE + dt.timedelta(hours=entry))
        items.append(
            f"<item><title>{escape(headline)}</title>"
            f"<link>https://example.org/f{feed}/e{entry}</link>"
            f"<guid>urn:feed{feed}:entry{entry}</guid><author>desk{feed}@example.org</author>"
            f"<category>harbour</category><pubDate>{date}</pubDate>"
            f"<description>{escape(body)}</description></item>"
        )
    name = escape(title or f"Desk {feed} news")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{name}</title><link>https://example.org/f{feed}/</link>"
        f"<description>Desk {feed}</description>{''.join(items)}</channel></rss>\n"
    ).encode()


def atom10(feed: int, entries: int) -> bytes:
    items = []
    for entry in range(entries):
        headline, body = entry_words(feed, entry)
        date = (BASE_DATE + dt.timedelta(hours=entry)).isoformat()
        items.append(
            f"<entry><title>{escape(headline)}</title><id>urn:a{feed}:{entry}</id>"
            f'<link href="/f{feed}/e{entry}"/><updated>{date}</updated>'
            f"<author><name>Desk {feed}</name></author>"
            f'<content type="html">{escape(body)}</content></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>Atom desk {feed}</title><link href="https://example.org/"/>'
        f"<id>urn:a{feed}</id><updated>{BASE_DATE.isoformat()}</updated>"
        f"{''.join(items)}</feed>"
    ).encode()


def atom03(entries: int) -> bytes:
    items = "".join(
        f"<entry><title>Old atom {n}</title><id>urn:old:{n}</id>"
        f'<link rel="alternate" type="text/html" href="https://example.org/old/{n}"/>'
        f"<issued>2004-05-0{n + 1}T10:00:00Z</issued><modified>2004-05-0{n + 1}T10:00:00Z"
        f"</modified><summary>Old summary {n}</summary></entry>"
        for n in range(entries)
    )
    return (
        '<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#">'
        f"<title>Atom 0.3 desk</title>{items}</feed>"
    ).encode()


def rss1(entries: int) -> bytes:
    items = "".join(
        f'<item rdf:about="https://example.org/rdf/{n}"><title>RDF item {n}</title>'
        f"<link>https://example.org/rdf/{n}</link><description>RDF body {n}</description></item>"
        for n in range(entries)
    )
    return (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://example.org/rdf">'
        "<title>RSS 1.0 desk</title><link>https://example.org/rdf</link>"
        f"<description>d</description></channel>{items}</rdf:RDF>"
    ).encode()


def rss091(entries: int) -> bytes:
    items = "".join(
        f"<item><title>Ninety-one item {n}</title><link>https://example.org/91/{n}</link>"
        f"<description>Old style &amp; plain {n}</description></item>"
        for n in range(entries)
    )
    return (
        '<?xml version="1.0"?><rss version="0.91"><channel><title>RSS 0.91 desk</title>'
        f"<link>https://example.org/91</link><description>d</description>{items}</channel></rss>"
    ).encode()


def json_feed(entries: int) -> bytes:
    import json

    items = [
        {
            "id": f"j{n}",
            "url": f"https://example.org/j/{n}",
            "title": f"JSON item {n}",
            "content_html": f"<p>JSON body {n}</p>",
            "date_published": (BASE_DATE + dt.timedelta(days=n)).isoformat(),
            "authors": [{"name": "Jo Desk"}],
            "tags": ["json"],
        }
        for n in range(entries)
    ]
    document = {"version": "https://jsonfeed.org/version/1.1", "title": "JSON desk", "items": items}
    return json.dumps(document).encode()
