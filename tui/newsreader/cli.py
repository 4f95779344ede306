"""The `newsreader` command: the reader itself, and subcommands that need no terminal."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from newsreader import __version__, paths

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _location_options() -> argparse.ArgumentParser:
    """--articles and --data-dir, accepted before or after a subcommand's name.

    SUPPRESS keeps a subparser from overwriting a value given before the subcommand.
    """
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--articles",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the article library (default: $NEWSREADER_ARTICLES, ./articles, "
        "or the bundled samples)",
    )
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where the pending queue and read marks live (default: "
        "$NEWSREADER_DATA_DIR or the platform's user data dir)",
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    locations = _location_options()
    parser = argparse.ArgumentParser(
        prog="newsreader",
        parents=[locations],
        description="Read news articles kept as local files; comments wait in a local "
        "pending queue for a moderator.",
        epilog="Run without a command to open the reader. Press ? inside it for every key.",
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    queue = commands.add_parser(
        "queue",
        parents=[locations],
        help="show the pending queue",
        description="Show the comments waiting for a moderator.",
    )
    queue_commands = queue.add_subparsers(dest="queue_command", metavar="ACTION", required=True)
    queue_commands.add_parser("list", parents=[locations], help="a table of pending comments")
    queue_commands.add_parser(
        "export", parents=[locations], help="pending comments as JSON Lines on stdout"
    )

    commands.add_parser(
        "check", parents=[locations], help="list article files that have problems (exit 1 when any)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    articles = paths.articles_dir(getattr(args, "articles", None))
    data_dir = paths.data_dir(getattr(args, "data_dir", None))
    try:
        if args.command == "queue":
            from newsreader.cli_queue import export_queue, list_queue

            if args.queue_command == "list":
                return list_queue(data_dir)
            return export_queue(data_dir)
        if args.command == "check":
            from newsreader.cli_check import check_library

            return check_library(articles)
        return run_reader(articles, data_dir, paths.cache_dir(getattr(args, "data_dir", None)))
    except KeyboardInterrupt:
        return 130


def fail(message: str) -> int:
    print(f"newsreader: {message}", file=sys.stderr)
    return EXIT_USAGE


def run_reader(articles: Path, data_dir: Path, cache_dir: Path | None = None) -> int:
    if not articles.is_dir():
        return fail(f"the article folder {articles} does not exist or is not a folder")
    # Textual draws at most this many frames a second (read when it is imported). A search
    # result comes a few ms after the frame that echoed the key, and waited for the next
    # frame: 120 instead of 60 takes ~10 ms off what a person feels. Theirs wins if set.
    os.environ.setdefault("TEXTUAL_FPS", "120")
    from newsreader.ui.app import NewsReaderApp
    from newsreader.ui.input_decoding import tolerate_undecodable_input

    tolerate_undecodable_input()
    app = NewsReaderApp(articles, data_dir, cache_dir)
    # What is imported by now lives as long as the program. Out of the cyclic collector's
    # sight, a full collection no longer walks it: one took 14 ms in the first frame.
    gc.freeze()
    # Workers (the library walk, a long article's conversion) hold the GIL in turns of this
    # length: 1 ms instead of 5 keeps a key pressed meanwhile from waiting on them.
    sys.setswitchinterval(0.001)
    app.run()
    for message in app.messages_for_stderr:
        print(f"newsreader: {message}", file=sys.stderr)
    return app.return_code or EXIT_OK
