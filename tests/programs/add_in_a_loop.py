"""Add N comments to the pending queue, printing each id once it is committed.

usage: add_in_a_loop.py DATA_DIR N; prints "ready", then waits for a line on stdin.
"""

import sys
from pathlib import Path

from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue

queue = PendingQueue.open(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()
for number in range(int(sys.argv[2])):
    added = queue.add(CommentDraft("a", "T", "child", "", f"child comment {number}"))
    print(added.id, flush=True)
