"""`newsreader feeds add|list|remove|import|export`: the subscriptions, without the reader."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from newsreader.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_REFUSED
from newsreader.feeds import feeds_folder
from newsreader.feeds.entry_files import SUFFIX, safe_stem
from newsreader.feeds.store import StoreError, Subscription, SubscriptionStore
from newsreader.library.sources import FEEDS_PREFIX
from newsreader.safe_text import one_line
from newsreader.wording import count_of


def _say_error(message: str) -> None:
    print(f"newsreader: {one_line(message)}", file=sys.stderr)


def _free_name(wanted: str, taken: set[str]) -> str:
    base = safe_stem(wanted, "feed")
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}-{number}"
    return name


def add_feed(data_dir: Path, url: str, *, name: str | None, full_text: bool) -> int:
    from newsreader.feeds.discover import feed_links, looks_like_html
    from newsreader.feeds.http import FetchError, check_url, get_one
    from newsreader.feeds.parse import ParseError, parse_feed

    store = SubscriptionStore(data_dir)
    try:
        check_url(url)
        if (existing := store.find(url)) is not None:
            _say_error(f"already subscribed to {url} as {existing.name}")
            return EXIT_REFUSED
        answer = get_one(url)
        if looks_like_html(answer.body, answer.content_type):
            links = feed_links(answer.body.decode("utf-8", "replace"), answer.url)
            if not links:
                _say_error(f"{url} is a web page that links to no feed")
                return EXIT_FAILED
            order = ["Atom", "RSS", "RSS 1.0", "JSON Feed"]
            chosen, kind, _ = min(links, key=lambda link: order.index(link[1]))
            others = f" (of {len(links)} on the page)" if len(links) > 1 else ""
            print(f"The page links to a feed: chose the {kind} feed {one_line(chosen)}{others}")
            answer = get_one(check_url(chosen))
        feed_url = answer.moved_to or answer.url
        feed = parse_feed(answer.body, url=answer.url, content_type=answer.content_type)
        if (existing := store.find(feed_url)) is not None:
            _say_error(f"already subscribed to {feed_url} as {existing.name}")
            return EXIT_REFUSED
        taken = {subscription.name for subscription in store.all()}
        chosen_name = _free_name(name or feed.title, taken)
        store.add(chosen_name, feed_url, title=feed.title, full_text=full_text)
    except (FetchError, ParseError) as error:
        _say_error(f"could not add {url}: {error}")
        return EXIT_FAILED
    except StoreError as error:
        _say_error(str(error))
        return EXIT_FAILED
    print(
        f"Subscribed to {one_line(feed.title)} as {chosen_name} ({one_line(feed_url)}); "
        f"{count_of(len(feed.entries), 'entry', 'entries')} now. Run `newsreader fetch` to get "
        "them."
    )
    return EXIT_OK


def _article_ids(data_dir: Path, name: str) -> list[str]:
    folder = feeds_folder(data_dir) / name
    if not folder.is_dir():
        return []
    # As the library names them: fetched feeds are the source with the "feeds" prefix.
    return [f"{FEEDS_PREFIX}/{name}/{path.stem}" for path in folder.glob(f"*{SUFFIX}")]


def list_feeds(data_dir: Path) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from newsreader.library.read_marks import ReadMarks

    try:
        subscriptions = SubscriptionStore(data_dir).all()
    except StoreError as error:
        _say_error(str(error))
        return EXIT_FAILED
    if not subscriptions:
        print("No subscriptions. Add one with `newsreader feeds add URL`.")
        return EXIT_OK
    read = ReadMarks(data_dir).all_read() if (data_dir / "read-marks.sqlite3").exists() else set()
    table = Table("Name", "URL", "Articles", "Unread", "Last fetched", "Last error")
    for subscription in subscriptions:
        ids = _article_ids(data_dir, subscription.name)
        unread = sum(1 for article_id in ids if article_id not in read)
        table.add_row(
            Text(one_line(subscription.name)),
            Text(one_line(subscription.url)),
            Text(f"{len(ids):,}"),
            Text(f"{unread:,}"),
            Text(subscription.last_fetched or "never"),
            Text(one_line(subscription.last_error or "")),
        )
    Console(soft_wrap=False, width=200 if not sys.stdout.isatty() else None).print(table)
    return EXIT_OK


def remove_feed(data_dir: Path, name_or_url: str, *, delete_articles: bool) -> int:
    store = SubscriptionStore(data_dir)
    try:
        subscription = store.find(name_or_url)
        if subscription is None:
            _say_error(f"no subscription named or at {name_or_url}")
            return EXIT_REFUSED
        store.remove(subscription.name)
    except StoreError as error:
        _say_error(str(error))
        return EXIT_FAILED
    folder = feeds_folder(data_dir) / subscription.name
    if delete_articles and folder.is_dir():
        shutil.rmtree(folder)
        print(f"Removed {one_line(subscription.name)} and its articles.")
    else:
        kept = " Its fetched articles stay in the library." if folder.is_dir() else ""
        print(f"Removed {one_line(subscription.name)}.{kept}")
    return EXIT_OK


def import_feeds(data_dir: Path, opml_file: str) -> int:
    from newsreader.feeds.http import FetchError, check_url
    from newsreader.feeds.opml import OpmlError, read_opml

    try:
        feeds = read_opml(Path(opml_file).read_bytes())
    except OSError as error:
        _say_error(f"could not read {opml_file}: {error.strerror or error}")
        return EXIT_REFUSED
    except OpmlError as error:
        _say_error(f"{opml_file}: {error}")
        return EXIT_REFUSED
    store = SubscriptionStore(data_dir)
    added = skipped = refused = 0
    try:
        known: dict[str, Subscription] = {sub.url: sub for sub in store.all()}
        taken = {sub.name for sub in known.values()}
        for feed in feeds:
            try:
                check_url(feed.url)
            except FetchError as error:
                _say_error(f"skipped {feed.url}: {error}")
                refused += 1
                continue
            if feed.url in known:
                skipped += 1
                continue
            name = _free_name(feed.title or feed.url, taken)
            store.add(name, feed.url, title=feed.title, full_text=feed.full_text)
            taken.add(name)
            known[feed.url] = Subscription(name, feed.url)
            added += 1
    except StoreError as error:
        _say_error(str(error))
        return EXIT_FAILED
    print(
        f"Imported {count_of(added, 'feed')} ({skipped:,} already subscribed, {refused:,} refused)."
    )
    return EXIT_FAILED if refused else EXIT_OK


def export_feeds(data_dir: Path) -> int:
    from newsreader.feeds.opml import write_opml

    try:
        subscriptions = SubscriptionStore(data_dir).all()
    except StoreError as error:
        _say_error(str(error))
        return EXIT_FAILED
    sys.stdout.write(write_opml(subscriptions))
    return EXIT_OK
