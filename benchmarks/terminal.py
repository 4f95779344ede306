"""Driving a full-screen program in a pseudo-terminal, the way a person at a terminal would.

The program gets a real pty of a fixed size. Everything it writes is read as it arrives;
escape sequences are stripped so what remains is the text drawn on the screen, in the
order it was drawn. "Text X appeared" is then a search in that stream, timed to the
moment the bytes were read — finer than polling a terminal multiplexer's screen.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

COLUMNS, ROWS = 120, 40
# CSI (with private and intermediate bytes), OSC/DCS/APC strings, two-byte escapes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]P_^][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[()][0-9A-Za-z]"
    r"|\x1b[@-Z\\-_=>78]"
)


def _own_terminal() -> None:
    # A session of its own with the pty as controlling terminal, as a login shell gives:
    # full-screen programs get SIGWINCH and /dev/tty from it.
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class TimedOut(Exception):
    pass


class Pty:
    """One program running in a pseudo-terminal; `text` is all it has drawn so far."""

    def __init__(
        self, argv: Sequence[str], *, env: Mapping[str, str] | None = None, cwd: Path | None = None
    ) -> None:
        """Start `argv` in a new pty; `env` changes the environment (an empty value unsets)."""
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        # An empty value unsets a variable: COLUMNS and LINES would override the pty's size.
        changes = {"TERM": "xterm-256color", "COLUMNS": "", "LINES": "", **(env or {})}
        environment = {name: value for name, value in {**os.environ, **changes}.items() if value}
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            cwd=cwd,
            close_fds=True,
            preexec_fn=_own_terminal,
        )
        os.close(slave)
        self.master = master
        self.raw = bytearray()
        self.text = ""
        self._pending = ""
        self.last_output = self.started

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the program closed the terminal (it exited)
            return False
        if not chunk:
            return False
        self.last_output = time.perf_counter()
        self.raw += chunk
        self._answer_queries(chunk)
        # An escape sequence may be split across reads: strip only what is complete.
        self._pending += chunk.decode("utf-8", errors="replace")
        cut = self._pending.rfind("\x1b")
        if cut != -1 and len(self._pending) - cut < 64:
            done, self._pending = self._pending[:cut], self._pending[cut:]
        else:
            done, self._pending = self._pending, ""
        self.text += _ESCAPES.sub("", done)
        return True

    def _answer_queries(self, chunk: bytes) -> None:
        # A terminal answers "where is the cursor?"; some programs wait for the answer.
        if b"\x1b[6n" in chunk:
            self.write(b"\x1b[1;1R")

    def wait_for(
        self, found: Callable[[str], bool] | str, timeout: float = 30.0, since: int = 0
    ) -> float:
        """Seconds since launch when `found` first held for the text drawn after `since`."""
        test = (lambda text: found in text) if isinstance(found, str) else found
        deadline = time.perf_counter() + timeout
        while True:
            if test(self.text[since:]):
                return self.last_output - self.started
            if time.perf_counter() > deadline:
                raise TimedOut(f"not seen within {timeout} s; last text: {self.text[-400:]!r}")
            self._read(min(0.05, deadline - time.perf_counter()))

    def wait_quiet(self, quiet: float = 0.3, timeout: float = 30.0) -> None:
        """Wait until the program has drawn nothing for `quiet` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if not self._read(quiet):
                return
        raise TimedOut("the program never went quiet")

    def write(self, data: bytes | str) -> float:
        """Send keys; returns the moment they were sent."""
        os.write(self.master, data.encode() if isinstance(data, str) else data)
        return time.perf_counter()

    def first_output_after(self, data: bytes | str, timeout: float = 5.0) -> float:
        """Send keys and return the seconds until the program next draws anything."""
        self._drain()
        sent = self.write(data)
        deadline = sent + timeout
        while time.perf_counter() < deadline:
            if self._read(deadline - time.perf_counter()):
                return self.last_output - sent
        raise TimedOut("no output after the key")

    def _drain(self) -> None:
        while self._read(0):
            pass

    def peak_rss_mb(self) -> float | None:
        """The program's peak resident memory so far (VmHWM), in MB."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return None
        match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        return int(match.group(1)) / 1024 if match else None

    def close(self, quit_keys: bytes | str | None = None, grace: float = 5.0) -> None:
        """Quit with `quit_keys` if given, then make sure the program is gone."""
        if quit_keys is not None and self.process.poll() is None:
            self.write(quit_keys)
            end = time.perf_counter() + grace
            while self.process.poll() is None and time.perf_counter() < end:
                self._read(0.05)
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(2)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.master)
