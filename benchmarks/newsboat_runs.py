"""newsboat on the same articles, as the reference a terminal reader is judged against.

The articles are served as one RSS feed on 127.0.0.1; newsboat fetches it once into its
own cache (`-x reload`), then each run launches it with that cache, as a person does
every morning: it opens on the feed list, Enter opens the feed's article list, and the
time is taken when the newest article's title is drawn.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from benchmarks.reader_runs import QUIET, Samples
from benchmarks.rss_feed import FEED_TITLE, rss_document, serve
from benchmarks.synthetic import SyntheticArticle
from benchmarks.terminal import Pty

NOT_INSTALLED = "newsboat not installed (apt-get install newsboat)"


def newsboat_path() -> str | None:
    return shutil.which("newsboat")


class Newsboat:
    """newsboat with its own home, config, URL list and cache under `folder`."""

    def __init__(self, folder: Path, articles: list[SyntheticArticle]) -> None:
        self.folder = folder
        self.articles = articles
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "config").write_text("")
        self.env = {"HOME": str(folder), "XDG_CONFIG_HOME": "", "XDG_DATA_HOME": ""}

    def command(self, *extra: str) -> list[str]:
        folder = self.folder
        return [
            "newsboat",
            "-u",
            str(folder / "urls"),
            "-c",
            str(folder / "cache.db"),
            "-C",
            str(folder / "config"),
            *extra,
        ]

    def fetch(self, timeout: float = 600.0) -> None:
        """Serve the feed and let newsboat fetch it into its cache, once."""
        with serve(rss_document(self.articles), seconds=timeout) as url:
            (self.folder / "urls").write_text(url + "\n")
            subprocess.run(
                self.command("-x", "reload"),
                env=self._environment(),
                capture_output=True,
                timeout=timeout,
                check=True,
            )

    def _environment(self) -> dict[str, str]:
        environment = {**os.environ, **self.env}
        return {name: value for name, value in environment.items() if value}

    def run(self, newest: SyntheticArticle, out: Samples) -> None:
        terminal = Pty(self.command(), env=self.env)
        try:
            terminal.wait_for(FEED_TITLE, 60)
            mark = len(terminal.text)
            terminal.write("\r")  # open the feed: its article list
            terminal.wait_for(newest.title, 60, since=mark)
            out.add("newsboat: article list on screen", terminal.last_output - terminal.started)
            terminal.wait_quiet(QUIET)
            out.add("newsboat: peak RSS (MB)", terminal.peak_rss_mb())
        finally:
            terminal.close("qq")
