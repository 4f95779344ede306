"""The argument parsers of `feeds`, `fetch` and `save`, kept out of cli.py."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_feed_parsers(commands: argparse._SubParsersAction[Any], locations: Any) -> None:
    feeds = commands.add_parser(
        "feeds",
        parents=[locations],
        help="manage subscriptions (add, list, remove, import, export)",
        description="RSS, Atom and JSON Feed subscriptions. Fetched articles go under "
        "<data dir>/feeds/<feed name>/.",
    )
    actions = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        parents=[locations],
        help="subscribe to a feed, or to the feed a site's page links to",
    )
    add.add_argument("url", metavar="URL")
    add.add_argument("--name", help="the feed's name (default: from its title)")
    add.add_argument(
        "--full-text",
        action="store_true",
        help="for entries with only a summary, fetch and extract the linked article",
    )
    actions.add_parser("list", parents=[locations], help="a table of subscriptions")
    remove = actions.add_parser("remove", parents=[locations], help="unsubscribe")
    remove.add_argument("feed", metavar="NAME|URL")
    remove.add_argument(
        "--delete-articles", action="store_true", help="delete its fetched articles too"
    )
    opml_in = actions.add_parser("import", parents=[locations], help="subscribe to an OPML file")
    opml_in.add_argument("opml", metavar="FILE.opml")
    actions.add_parser("export", parents=[locations], help="the subscriptions as OPML 2.0")

    fetch = commands.add_parser(
        "fetch",
        parents=[locations],
        help="fetch every feed (or the named ones); exit 1 when any failed",
    )
    fetch.add_argument("names", nargs="*", metavar="NAME")
    fetch.add_argument(
        "--full-text", action="store_true", help="extract linked articles for summary-only entries"
    )

    save = commands.add_parser(
        "save",
        parents=[locations],
        help="save one web page as an article in the library (prints its id)",
    )
    save.add_argument("source", metavar="URL|FILE.html")
    save.add_argument("--folder", default="saved", help="sub-folder of the library (saved)")


def run_feed_command(args: argparse.Namespace, articles: Path, data_dir: Path) -> int:
    if args.command == "fetch":
        from newsreader.cli_fetch import fetch

        return fetch(data_dir, args.names, full_text=args.full_text)
    if args.command == "save":
        from newsreader.cli_save import save

        return save(articles, args.source, folder=args.folder)
    from newsreader import cli_feeds

    action = args.feeds_command
    if action == "add":
        return cli_feeds.add_feed(data_dir, args.url, name=args.name, full_text=args.full_text)
    if action == "list":
        return cli_feeds.list_feeds(data_dir)
    if action == "remove":
        return cli_feeds.remove_feed(data_dir, args.feed, delete_articles=args.delete_articles)
    if action == "import":
        return cli_feeds.import_feeds(data_dir, args.opml)
    return cli_feeds.export_feeds(data_dir)
