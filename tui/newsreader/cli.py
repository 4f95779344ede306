"""The `newsreader` command: the reader itself, and subcommands that need no terminal."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from newsreader import __version__, paths
from newsreader.config import Config, load_config
from newsreader.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_REFUSED
from newsreader.feeds import feeds_folder
from newsreader.safe_text import one_line


class OneLineParser(argparse.ArgumentParser):
    """Usage errors as one line on stderr (exit 2), like every other refusal here: scripts
    log stderr line by line, and a usage block would bury the reason."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_REFUSED, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _location_options() -> OneLineParser:
    """--articles and --data-dir, accepted before or after a subcommand's name.

    SUPPRESS keeps a subparser from overwriting a value given before the subcommand.
    """
    parent = OneLineParser(add_help=False)
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
    parent.add_argument(
        "--config",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="the settings file (default: $NEWSREADER_CONFIG or config.toml in the "
        "platform's config dir; `newsreader config path` shows it)",
    )
    parent.add_argument(
        "--theme",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="colour theme for this run (any Textual theme, or one from the config file)",
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    locations = _location_options()
    parser = OneLineParser(
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
    drafts = OneLineParser(add_help=False)
    drafts.add_argument(
        "--drafts",
        action="store_true",
        help="include drafts (comments still being written) after the pending ones",
    )
    queue_commands.add_parser(
        "list", parents=[locations, drafts], help="a table of pending comments"
    )
    queue_commands.add_parser(
        "export", parents=[locations, drafts], help="pending comments as JSON Lines on stdout"
    )
    remove = queue_commands.add_parser(
        "remove",
        parents=[locations],
        help="withdraw a pending comment (or discard a draft)",
        description="Withdraw a pending comment so it is not sent to the moderator, or "
        "discard a draft. The id may be shortened to its first 8 characters, as "
        "`queue list` shows it.",
    )
    remove.add_argument("id", metavar="ID")
    send = queue_commands.add_parser(
        "send",
        parents=[locations],
        help="deliver pending comments to the site's comment server ([[comments.server]])",
        description="Deliver every comment that is due to its site's comment server, once. "
        "Exit 0 when nothing is left that could be sent now, 1 when some will be retried.",
    )
    send.add_argument("--dry-run", action="store_true", help="say what would be sent; send nothing")
    send.add_argument(
        "--again",
        metavar="ID",
        help="an unsure or returned comment: send it again as it is (the site may then show "
        "an unsure one twice)",
    )
    mark_sent = queue_commands.add_parser(
        "mark-sent",
        parents=[locations],
        help="an unsure comment: the site has it; never send it again",
        description="For a comment left unsure (the sender stopped before the server "
        "answered) that the site does show: mark it as sent. The id may be shortened to "
        "its first 8 characters.",
    )
    mark_sent.add_argument("id", metavar="ID")
    queue_commands.add_parser(
        "sync",
        parents=[locations],
        help="ask the servers which delivered comments a moderator has published",
    )
    queue_commands.add_parser(
        "check",
        parents=[locations],
        help="SQLite's full integrity check and every row read (exit 1 on damage)",
        description="Check the whole queue file: SQLite's integrity check (a damaged file "
        "is moved aside, never deleted), then every comment and draft read one by one; "
        "damaged rows are reported with the text that could be salvaged.",
    )

    _add_comment_parser(commands, locations)

    commands.add_parser(
        "check", parents=[locations], help="list article files that have problems (exit 1 when any)"
    )
    show = commands.add_parser(
        "show",
        parents=[locations],
        help="print one article as the reader shows it",
        description="Print one article: its header and body as the reading pane shows them "
        "(text), as Markdown, or as JSON with every field and the hidden page furniture. "
        "Exit status 2 when no article has that id.",
    )
    show.add_argument("article_id", metavar="ARTICLE_ID", help="as `newsreader list` shows it")
    show.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    listing = commands.add_parser(
        "list",
        parents=[locations],
        help="list every article: id, date, title, source",
        description="Every article, newest first: id (what `show` and `comment` take), "
        "date, title and source (or author).",
    )
    listing.add_argument("--format", choices=("tsv", "json"), default="tsv")
    from newsreader.cli_feeds_args import add_feed_parsers

    add_feed_parsers(commands, locations)
    _add_config_parser(commands, locations)
    return parser


def _add_config_parser(
    commands: argparse._SubParsersAction[OneLineParser],
    locations: OneLineParser,
) -> None:
    config = commands.add_parser(
        "config",
        parents=[locations],
        help="where the settings file is, what it sets, write or edit it",
        description="The settings file, config.toml. Precedence for every setting: a "
        "command-line flag, then the environment, then the file, then the default.",
    )
    actions = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    actions.add_parser("path", parents=[locations], help="print where the file is (or would be)")
    actions.add_parser(
        "show",
        parents=[locations],
        help="the settings in force and where each came from; problems on stderr (exit 1)",
    )
    actions.add_parser(
        "init",
        parents=[locations],
        help="write the default file, every setting commented (never overwrites)",
    )
    actions.add_parser(
        "edit", parents=[locations], help="open the file in $VISUAL/$EDITOR, then check it"
    )


def _add_comment_parser(
    commands: argparse._SubParsersAction[OneLineParser],
    locations: OneLineParser,
) -> None:
    comment = commands.add_parser(
        "comment",
        parents=[locations],
        help="queue a comment on an article (prints its id once it is saved)",
        description="Queue a comment for the moderator without opening the reader. The "
        "comment's id is printed once it is safely on disk. Exit status 2: the input was "
        "refused (the reason is on stderr); 1: the queue could not store it.",
    )
    comment.add_argument("article_id", metavar="ARTICLE_ID", help="as `newsreader list` shows it")
    # Not required=True: a missing name gets the same one-line reason as an empty one.
    comment.add_argument(
        "--name",
        default="",
        help="your name (1-80 characters); default: [comments] name, or with remember = true "
        "the name of your last comment",
    )
    comment.add_argument(
        "--email",
        default="",
        help="optional, for the moderator to reply; default as for --name",
    )
    text = comment.add_mutually_exclusive_group()
    text.add_argument("--text", help="the comment itself (up to 5,000 characters)")
    text.add_argument(
        "--text-file", metavar="FILE", help="read the comment from a UTF-8 file; - for stdin"
    )
    comment.add_argument(
        "--edit",
        action="store_true",
        help="write the comment in reader.editor / $VISUAL / $EDITOR (starting from --text)",
    )
    comment.add_argument(
        "--id",
        dest="comment_id",
        metavar="UUID",
        help="the id to give the comment; run again with the same id to retry safely",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    config = load_config(
        getattr(args, "config", None),
        flags={
            "library.folder": getattr(args, "articles", None),
            "library.data_dir": getattr(args, "data_dir", None),
            "reader.theme": getattr(args, "theme", None),
        },
    )
    # The config chose among flag, environment and file; paths supplies the defaults.
    chosen_folder = config.text("library.folder") or None
    chosen_data_dir = config.text("library.data_dir") or None
    articles = paths.articles_dir(chosen_folder)
    data_dir = paths.data_dir(chosen_data_dir)
    try:
        if args.command == "config":
            return _run_config_command(args.config_command, config)
        if _is_not_a_folder(data_dir):
            return fail(
                f"the data dir {data_dir} is a file, not a folder; choose another with "
                "--data-dir, $NEWSREADER_DATA_DIR or library.data_dir in the config file"
            )
        if args.command == "queue":
            from newsreader.cli_queue import (
                check_queue,
                export_queue,
                list_queue,
                remove_from_queue,
            )

            if args.queue_command == "list":
                return list_queue(data_dir, drafts=args.drafts)
            if args.queue_command == "remove":
                return remove_from_queue(data_dir, args.id)
            if args.queue_command == "check":
                return check_queue(data_dir)
            if args.queue_command == "mark-sent" or getattr(args, "again", None):
                from newsreader.cli_choice import mark_sent, send_again

                if args.queue_command == "mark-sent":
                    return mark_sent(data_dir, config, args.id)
                if args.dry_run:
                    print("newsreader: --again and --dry-run do not go together", file=sys.stderr)
                    return EXIT_REFUSED
                return send_again(data_dir, config, args.again)
            if args.queue_command in ("send", "sync"):
                from newsreader.cli_send import send_queue, sync_queue

                if args.queue_command == "sync":
                    return sync_queue(data_dir, config)
                return send_queue(data_dir, config, dry_run=args.dry_run)
            return export_queue(data_dir, drafts=args.drafts)
        if args.command == "comment":
            from newsreader.cli_comment import add_comment

            _say_notices(paths.prepare_data_dir(data_dir))
            return add_comment(
                articles,
                data_dir,
                article_id=args.article_id,
                name=args.name or config.text("comments.name"),
                email=args.email or config.text("comments.email"),
                remember=config["comments.remember"] is True,
                text=args.text,
                text_file=args.text_file,
                comment_id=args.comment_id,
                editor=config.text("reader.editor") if args.edit else None,
            )
        if args.command == "show":
            from newsreader.cli_show import show_article

            return show_article(articles, args.article_id, args.format, feeds_folder(data_dir))
        if args.command == "list":
            from newsreader.cli_list import list_articles

            return list_articles(articles, args.format, feeds_folder(data_dir))
        if args.command in ("feeds", "fetch", "save"):
            from newsreader.cli_feeds_args import run_feed_command

            return run_feed_command(args, articles, data_dir)
        if args.command == "check":
            from newsreader.cli_check import check_library

            return check_library(articles, feeds_folder(data_dir))
        return run_reader(articles, data_dir, paths.cache_dir(chosen_data_dir), config)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Whoever read the output stopped (`| head`): nothing more to say, and no traceback.
        # Python flushes stdout once more at exit; it goes nowhere now instead of failing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED


def _is_not_a_folder(path: Path) -> bool:
    try:
        return path.exists() and not path.is_dir()
    except OSError:
        return False  # cannot even look (no permission): the store that opens it says why


def _run_config_command(action: str, config: Config) -> int:
    from newsreader import cli_config

    run = {
        "path": cli_config.show_path,
        "show": cli_config.show_settings,
        "init": cli_config.init_file,
        "edit": cli_config.edit_file,
    }[action]
    return run(config)


def _say_notices(notices: list[str]) -> None:
    for notice in notices:
        try:
            print(f"newsreader: {one_line(notice)}", file=sys.stderr, flush=True)
        except OSError:
            break  # the terminal is gone (SIGHUP): the recovery file is offered at launch


def fail(message: str) -> int:
    print(f"newsreader: {one_line(message)}", file=sys.stderr)
    return EXIT_REFUSED


def run_reader(
    articles: Path, data_dir: Path, cache_dir: Path | None = None, config: Config | None = None
) -> int:
    if not articles.is_dir():
        return fail(f"the article folder {articles} does not exist or is not a folder")
    # Textual draws at most this many frames a second (read when it is imported). A search
    # result comes a few ms after the frame that echoed the key, and waited for the next
    # frame: 120 instead of 60 takes ~10 ms off what a person feels. Theirs wins if set.
    os.environ.setdefault("TEXTUAL_FPS", "120")
    from newsreader.ui.app import NewsReaderApp
    from newsreader.ui.input_decoding import tolerate_undecodable_input
    from newsreader.ui.paste_guard import guard_bracketed_paste

    tolerate_undecodable_input()
    guard_bracketed_paste()
    from newsreader.ui.background_sender import DeliverySettings
    from newsreader.ui.personal_setup import setup_from_config

    # A theme the person named (flag, file); the default gives way to the palette's last.
    named = config is not None and config.values["reader.theme"].origin != "default"
    theme = config.text("reader.theme") if config is not None and named else None
    setup = setup_from_config(config, data_dir)
    delivery = DeliverySettings(
        automatic=(config.text("comments.send") if config else "auto") == "auto",
        servers=config.servers if config else (),
    )
    read_after = config["reader.read_after_seconds"] if config else None
    measure = config["reader.measure"] if config else None
    app = NewsReaderApp(
        articles,
        data_dir,
        cache_dir,
        theme_name=theme,
        delivery=delivery,
        read_after_seconds=float(read_after) if isinstance(read_after, int | float) else None,
        measure=measure if isinstance(measure, int) else None,
        setup=setup,
    )
    # What is imported by now lives as long as the program. Out of the cyclic collector's
    # sight, a full collection no longer walks it: one took 14 ms in the first frame.
    gc.freeze()
    # Workers (the library walk, a long article's conversion) hold the GIL in turns of this
    # length: 1 ms instead of 5 keeps a key pressed meanwhile from waiting on them.
    sys.setswitchinterval(0.001)
    app.handles_stop_signals = True
    app.run()
    _say_notices(app.messages_for_stderr)
    return app.return_code or EXIT_OK
