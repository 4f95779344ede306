"""A real Isso comment server for the delivery tests: moderation on, 127.0.0.1, free port.

Each test gets its own process and database, so what the database holds afterwards is exactly
what that test delivered.
"""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from itsdangerous import URLSafeTimedSerializer

ISSO = Path(sys.executable).with_name("isso")
SITE = "https://www.example.org/"
STARTUP_SECONDS = 30.0


def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class IssoProcess:
    url: str
    database: Path
    process: subprocess.Popen[bytes]
    log: Path

    def rows(self) -> list[tuple[int, int, str, str | None, str | None]]:
        """(id, mode, text, author, email) of every comment Isso stored, in id order."""
        with closing(sqlite3.connect(self.database)) as connection:
            return connection.execute(
                "SELECT id, mode, text, author, email FROM comments ORDER BY id"
            ).fetchall()

    def approve(self, server_id: int) -> None:
        """What a moderator's "activate" link does."""
        with closing(sqlite3.connect(self.database)) as connection:
            (secret,) = connection.execute(
                "SELECT value FROM preferences WHERE key = 'session-key'"
            ).fetchone()
        key = URLSafeTimedSerializer(secret).dumps(server_id)
        answer = httpx.post(f"{self.url}id/{server_id}/activate/{key}", timeout=10)
        assert answer.status_code == 200, answer.text


@contextmanager
def running_isso(folder: Path, port: int | None = None) -> Iterator[IssoProcess]:
    folder.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    database = folder / "isso.db"
    config = folder / "isso.cfg"
    config.write_text(
        "[general]\n"
        f"dbpath = {database}\n"
        # Isso looks its host up at start; a closed local port answers at once.
        "host = http://127.0.0.1:9/\n"
        "max-age = 15m\n"
        "[moderation]\nenabled = true\n"
        f"[server]\nlisten = http://127.0.0.1:{port}/\n"
        "[guard]\nenabled = false\nrequire-author = false\nrequire-email = false\n"
    )
    log = folder / "isso.log"
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [str(ISSO), "-c", str(config), "run"], stdout=output, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}/"
    server = IssoProcess(url, database, process, log)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"isso exited: {log.read_text()[-2000:]}")
            try:
                httpx.get(url, params={"uri": "/"}, timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"isso did not start: {log.read_text()[-2000:]}") from None
                time.sleep(0.05)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
