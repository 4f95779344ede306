"""Save a comment, fill the disk it is on, then try to add another; prints a JSON report.

usage: fill_the_disk.py MOUNT (MOUNT: a small tmpfs of its own)
"""

import json
import os
import sys
from pathlib import Path

from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue, QueueError

mount = Path(sys.argv[1])
queue = PendingQueue.open(mount / "data")
queue.add(CommentDraft("a", "T", "Ada", "", "saved before the disk filled"))
filler = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT)
for chunk in (65536, 4096, 512, 1):
    try:
        while True:
            os.write(filler, b"\0" * chunk)
    except OSError:
        pass
os.close(filler)
result: dict[str, object] = {}
try:
    queue.add(CommentDraft("a", "T", "Ada", "", "x" * 4000))
    result["error"] = None
except QueueError as error:
    result["error"] = str(error)
    result["type"] = type(error).__name__
os.unlink(mount / "filler")
queue.add(CommentDraft("a", "T", "Ada", "", "saved after space came back"))
result["bodies"] = [comment.body for comment in queue.pending()]
print(json.dumps(result))
