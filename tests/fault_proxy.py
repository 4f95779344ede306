"""An HTTP proxy in front of a comment server that misbehaves on request.

Modes: "pass" forwards; "500", "429" (Retry-After: 120), "400" answer themselves; "hang"
never answers; "hold" forwards and keeps
the server's answer until `release()` (the server has the comment; the client has nothing);
"close" forwards, then closes after half a status line; "cut-body" after half the body;
"not-json" and "huge" answer 202 with a body Isso would never send; "redirect" answers 302 to
another host. Every request is counted, so a test can see what reached the server.
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class FaultProxy:
    def __init__(self, upstream: str) -> None:
        self.upstream = urlsplit(upstream)
        self.mode = "pass"
        self.requests: list[str] = []
        self.forwarded = 0
        self.held = threading.Event()
        self._release = threading.Event()
        self._stop = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def release(self) -> None:
        self._release.set()

    def _forward(
        self, handler: BaseHTTPRequestHandler, body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        connection = http.client.HTTPConnection(
            str(self.upstream.hostname), self.upstream.port, timeout=30
        )
        headers = {key: value for key, value in handler.headers.items() if key.lower() != "host"}
        connection.request(handler.command, handler.path, body=body or None, headers=headers)
        answer = connection.getresponse()
        data = answer.read()
        connection.close()
        self.forwarded += 1
        return answer.status, answer.getheaders(), data

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _answer(
                self, status: int, body: bytes, headers: dict[str, str] | None = None
            ) -> None:
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length", "0") or 0)
                body = self.rfile.read(length) if length else b""
                proxy.requests.append(f"{self.command} {self.path}")
                mode = proxy.mode
                if mode == "500":
                    self._answer(500, b"<h1>Internal Server Error</h1>")
                elif mode == "429":
                    self._answer(429, b"slow down", {"Retry-After": "120"})
                elif mode == "400":
                    self._answer(400, b"<p>text is too short (minimum length: 3)</p>")
                elif mode == "hang":
                    proxy._stop.wait(120)
                elif mode == "not-json":
                    self._answer(202, b"<html>thanks!</html>")
                elif mode == "huge":
                    self._answer(202, b"x" * (6 * 1024 * 1024))
                elif mode == "redirect":
                    self._answer(302, b"", {"Location": "http://elsewhere.invalid/new"})
                else:
                    status, headers, data = proxy._forward(self, body)
                    if mode == "hold":
                        proxy.held.set()
                        proxy._release.wait(120)
                    if mode == "close":
                        self.wfile.write(b"HTTP/1.1 20")
                        self.wfile.flush()
                        self.close_connection = True
                        return
                    if mode == "cut-body":
                        self.send_response(status)
                        self.send_header("Content-Length", str(len(data)))
                        self.end_headers()
                        self.wfile.write(data[: len(data) // 2])
                        self.wfile.flush()
                        self.close_connection = True
                        return
                    self.send_response(status)
                    for key, value in headers:
                        if key.lower() not in ("content-length", "connection", "transfer-encoding"):
                            self.send_header(key, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(data)

            do_GET = do_POST = do_DELETE = do_PUT = _handle

        return Handler

    @contextmanager
    def running(self) -> Iterator[FaultProxy]:
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            self._release.set()
            self.server.shutdown()
            self.server.server_close()
