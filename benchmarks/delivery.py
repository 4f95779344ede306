"""Delivering the outbox to a real local Isso, against a bare httpx POST loop to the same server.

Both send the same comments (same text, author, thread layout) to one Isso process; what the
ratio shows is what the outbox's safety costs per comment: `sending` committed before each
request, the answer recorded after, the lock, the credential file.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from isso_server import SITE, running_isso
from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.delivery.outbox import Outbox
from newsreader.comments.delivery.servers import ServerDirectory, ServerEntry
from newsreader.comments.queue import PendingQueue

COMMENTS = 500
ROUNDS = 3


def _text(number: int) -> str:
    return f"Comment {number}: the tide tables printed in the paper were an hour out again."


def _outbox_round(base: Path, isso_url: str, round_number: int) -> float:
    queue = PendingQueue.open(base / f"data-{round_number}")
    for number in range(COMMENTS):
        queue.add(
            CommentDraft(f"a{number % 5}", f"Article {number % 5}", "Bench", "", _text(number)),
            article_url=f"{SITE}outbox-{round_number}/a{number % 5}",
        )
    outbox = Outbox(queue, ServerDirectory([ServerEntry(SITE, isso_url)]))
    started = time.perf_counter()
    results = outbox.send_due()
    elapsed = time.perf_counter() - started
    outbox.servers.close()
    assert [result.state for result in results] == ["sent"] * COMMENTS, results[:3]
    return elapsed / COMMENTS * 1000


def _bare_round(isso_url: str, round_number: int) -> float:
    with httpx.Client(timeout=30) as client:
        started = time.perf_counter()
        for number in range(COMMENTS):
            answer = client.post(
                f"{isso_url}new",
                params={"uri": f"/bare-{round_number}/a{number % 5}"},
                json={"text": _text(number), "author": "Bench", "title": "Article"},
            )
            answer.raise_for_status()
        elapsed = time.perf_counter() - started
    return elapsed / COMMENTS * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        with running_isso(base / "isso") as isso:
            outbox_ms, bare_ms = [], []
            for round_number in range(ROUNDS):
                bare_ms.append(_bare_round(isso.url, round_number))
                outbox_ms.append(_outbox_round(base, isso.url, round_number))
    outbox, bare = statistics.median(outbox_ms), statistics.median(bare_ms)
    print(
        f"{'outbox: deliver ' + str(COMMENTS) + ' comments to Isso':<44} median "
        f"{outbox:8.2f} ms/comment | {'bare httpx POST loop':<22} {bare:8.2f} ms/comment"
        f" | ratio {outbox / bare:5.2f}"
    )


if __name__ == "__main__":
    main()
