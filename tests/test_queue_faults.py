"""Real faults against the queue file: writer processes killed with SIGKILL at random
moments, two at a time, round after round.

Each writer prints a line only after the call it reports has returned, so the lines are
promises: every comment id printed must be in the queue afterwards, and every draft that
was printed must still be a draft or have become its comment (never neither). After each
round the file must pass SQLite's own integrity check and open without being set aside.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.comments.queue import PendingQueue

SOURCE_ROOT = Path(__file__).parents[1] / "tui"
PROGRAMS = Path(__file__).parent / "programs"
NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
ROUNDS = int(os.environ.get("NEWSREADER_FAULT_ROUNDS", "24"))

# Saves a draft, then sends it under the same id, then now and then withdraws an older
# comment: the three kinds of write the reader makes, as fast as the disk allows.
WRITER = PROGRAMS / "queue_writer.py"

# The command-line path: `newsreader comment` processes one after another.
COMMAND_LOOP = (
    'while :; do "$0" comment harbour-wall --name "$1" --text "from the command line" '
    '--articles "$2" --data-dir "$3" || exit 1; done'
)


@dataclass
class Tally:
    rounds: int = 0
    writers_killed: int = 0
    comments_promised: int = 0
    drafts_promised: int = 0
    withdrawals_promised: int = 0
    set_aside: int = 0
    cut_lines: list[str] = field(default_factory=list)
    integrity_failures: list[str] = field(default_factory=list)


def integrity(path: Path) -> list[tuple[str]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("PRAGMA integrity_check").fetchall()


def stored(path: Path) -> tuple[dict[str, str], set[str]]:
    """Every comment's status by id, and every draft's id."""
    with closing(sqlite3.connect(path)) as connection:
        statuses = dict(connection.execute("SELECT id, status FROM comments").fetchall())
        drafts = {row[0] for row in connection.execute("SELECT comment_id FROM drafts")}
    return statuses, drafts


def start_python_writer(data_dir: Path, name: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), name],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SOURCE_ROOT)},
        start_new_session=True,
    )


def start_command_writer(articles: Path, data_dir: Path, name: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        ["sh", "-c", COMMAND_LOOP, NEWSREADER, name, str(articles), str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group, so the kill reaches the running command too
    )


def kill_at(child: subprocess.Popen[str], moment: float) -> None:
    # Not a wait for a condition: the random moment is the fault being injected.
    time.sleep(max(0.0, moment - time.monotonic()))
    os.killpg(child.pid, signal.SIGKILL)


def test_writers_killed_at_random_moments_lose_nothing_they_promised(
    tmp_path: Path,
) -> None:
    from library_samples import write_library

    articles = write_library(tmp_path / "articles")
    data_dir = tmp_path / "data"
    PendingQueue.open(data_dir)
    seed = int(os.environ.get("NEWSREADER_FAULT_SEED", str(time.time_ns())))
    rng = random.Random(seed)
    tally = Tally()
    promised_comments: set[str] = set()
    promised_drafts: set[str] = set()
    promised_withdrawn: set[str] = set()
    for round_number in range(ROUNDS):
        # Every third round the writers are real `newsreader comment` commands.
        by_command = round_number % 3 == 2
        children = [
            start_command_writer(articles, data_dir, f"cli{side}")
            if by_command
            else start_python_writer(data_dir, f"py{side}")
            for side in ("L", "R")
        ]
        if not by_command:
            for child in children:
                assert child.stdout is not None
                assert child.stdout.readline() == "ready\n"
        start = time.monotonic()
        # Two independent random moments: the kills land mid-commit, mid-fsync, anywhere.
        for child, delay in sorted(
            zip(children, (rng.uniform(0.05, 0.6), rng.uniform(0.05, 0.6)), strict=True),
            key=lambda pair: pair[1],
        ):
            kill_at(child, start + delay)
        for child in children:
            output, _ = child.communicate(timeout=30)
            tally.writers_killed += 1
            for line in output.splitlines(keepends=True):
                words = line.split()
                # A line cut short by the kill was never a promise; only whole lines count.
                if not line.endswith("\n") or len(words) not in (1, 2):
                    tally.cut_lines.append(line)
                    continue
                kind, comment_id = ("comment", words[0]) if len(words) == 1 else words
                promised = {
                    "comment": promised_comments,
                    "draft": promised_drafts,
                    "withdrawn": promised_withdrawn,
                }[kind]
                promised.add(str(uuid.UUID(comment_id)))
        tally.rounds += 1
        found = integrity(data_dir / "queue.sqlite3")
        if found != [("ok",)]:
            tally.integrity_failures.append(f"round {round_number}: {found}")
        queue = PendingQueue.open(data_dir)
        if queue.quarantined_to is not None:
            tally.set_aside += 1
        # Read back with plain SQLite, not the code under test.
        statuses, drafts = stored(data_dir / "queue.sqlite3")
        lost = promised_comments - statuses.keys()
        assert not lost, f"seed {seed}: promised comments lost: {sorted(lost)[:3]}"
        not_withdrawn = [i for i in promised_withdrawn if statuses.get(i) != "withdrawn"]
        assert not not_withdrawn, f"seed {seed}: withdrawals undone: {not_withdrawn[:3]}"
        # Saved as a draft: still a draft, or sent (then it is a comment). Never gone.
        vanished = promised_drafts - drafts - statuses.keys()
        assert not vanished, f"seed {seed}: drafts vanished: {sorted(vanished)[:3]}"
    tally.comments_promised = len(promised_comments)
    tally.drafts_promised = len(promised_drafts)
    tally.withdrawals_promised = len(promised_withdrawn)
    print(f"fault rounds (seed {seed}): {tally}")
    assert tally.integrity_failures == []
    assert tally.set_aside == 0
    assert tally.rounds == ROUNDS >= 20
    # The rounds must have done something worth checking, or the test proves nothing.
    assert tally.comments_promised > ROUNDS
    assert tally.drafts_promised > ROUNDS
