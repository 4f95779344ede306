"""Which comment server an article's comments go to: `[[comments.server]]` in the config."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsreader.comments.delivery.server import CommentServer
from newsreader.safe_text import one_line

if TYPE_CHECKING:
    import httpx  # imported when a comment is first sent: `queue list` does without it


def _isso(url: str, site: str, client: httpx.Client) -> CommentServer:
    from newsreader.comments.delivery.isso import IssoServer

    return IssoServer(url, site, client)


# A second kind of server is one more module and one more line here.
SERVER_KINDS: dict[str, Callable[[str, str, httpx.Client], CommentServer]] = {"isso": _isso}


def _new_client() -> httpx.Client:
    from newsreader.comments.delivery.http import new_client

    return new_client()


@dataclass(frozen=True)
class ServerEntry:
    """Articles whose url starts with `site` take comments at `url`, a server of `kind`."""

    site: str
    url: str
    kind: str = "isso"


class ServerDirectory:
    def __init__(
        self,
        entries: Sequence[ServerEntry],
        client_factory: Callable[[], httpx.Client] = _new_client,
    ) -> None:
        # The longest matching site wins: example.org/blog/ before example.org/.
        self.entries = sorted(entries, key=lambda entry: len(entry.site), reverse=True)
        self._client_factory = client_factory
        self._servers: dict[str, CommentServer] = {}
        self._client: httpx.Client | None = None

    def for_article(self, article_url: str) -> tuple[CommentServer | None, str]:
        """The server for this article, or None and why not, worded for the pending screen."""
        if not article_url:
            return None, "the article has no url to send the comment to"
        for entry in self.entries:
            if article_url.startswith(entry.site):
                return self._server(entry), ""
        host = urlsplit(article_url).hostname or article_url
        return None, one_line(f"no comment server for {host}")

    def _server(self, entry: ServerEntry) -> CommentServer:
        server = self._servers.get(entry.url)
        if server is None:
            if self._client is None:
                self._client = self._client_factory()
            server = SERVER_KINDS[entry.kind](entry.url, entry.site, self._client)
            self._servers[entry.url] = server
        return server

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
