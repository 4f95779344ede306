"""The reader's sender in a real terminal: quitting while Isso's answer is held by a proxy."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from fault_proxy import FaultProxy
from isso_server import SITE, running_isso
from library_samples import write_library
from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue
from test_terminal import NEWSREADER, Terminal

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.xdist_group("tmux"),
]

TEXT = "The harbour lights were out again on Tuesday night, all along the east quay."


def test_quit_while_a_request_is_in_flight_is_prompt_and_leaves_it_unsure(
    tmp_path: Path,
) -> None:
    articles = write_library(tmp_path / "articles")
    data_dir = tmp_path / "data"
    PendingQueue.open(data_dir).add(
        CommentDraft("harbour-wall", "Harbour lights", "Ana", "", TEXT),
        article_url=f"{SITE}news/lights",
    )
    with (
        running_isso(tmp_path / "isso") as isso,
        FaultProxy(isso.url).running() as proxy,
    ):
        proxy.mode = "hold"
        config = tmp_path / "config.toml"
        config.write_text(f'[[comments.server]]\nsite = "{SITE}"\nisso = "{proxy.url}"\n')
        term = Terminal(f"newsreader-test-{uuid.uuid4().hex[:8]}", "reader")
        command = (
            f"{NEWSREADER} --articles {articles} --data-dir {data_dir} --config {config}; "
            "echo EXITED:$?; sleep 30"
        )
        session = ["new-session", "-d", "-s", term.session, "-x", "120", "-y", "40", command]
        subprocess.run(
            ["tmux", "-L", term.socket, *session],
            check=True,
            env={**os.environ, "TERM": "xterm-256color"},
        )
        try:
            term.wait_for("Articles (3)")
            # The background sender started by itself; Isso has the comment, we have no answer.
            assert proxy.held.wait(30), "the background sender never sent"
            term.keys("q")
            # Well before the proxy's 120 s hold or the client's 30 s timeout.
            term.wait_for("EXITED:0", timeout=8)
        finally:
            subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True)
            proxy.release()
        exported = subprocess.run(
            [NEWSREADER, "queue", "export", "--data-dir", str(data_dir)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        [record] = [json.loads(line) for line in exported.stdout.splitlines()]
        assert (record["state"], record["body"]) == ("unsure", TEXT)
        assert "the sender stopped before the server answered" in record["last_error"]
        proxy.mode = "pass"
        again = subprocess.run(
            [NEWSREADER, "queue", "send", "--config", str(config), "--data-dir", str(data_dir)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert again.returncode == 0, again.stderr
        assert [row[2] for row in isso.rows()] == [TEXT]
        assert proxy.forwarded == 1
