"""Save a draft, send it under the same id, now and then withdraw an older comment: the
three kinds of write the reader makes, as fast as the disk allows, printing each one once
it is committed, until killed.

usage: queue_writer.py DATA_DIR NAME"""

import sys
import uuid
from pathlib import Path

from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue

queue = PendingQueue.open(Path(sys.argv[1]))
name = sys.argv[2]
print("ready", flush=True)
sent = []
number = 0
while True:
    number += 1
    comment_id = str(uuid.uuid4())
    text = CommentDraft("a", "T", name, "", f"{name} comment {number} " + "words " * 40)
    queue.save_draft(comment_id, text)
    print("draft", comment_id, flush=True)
    queue.add(text, comment_id=comment_id)
    print("comment", comment_id, flush=True)
    sent.append(comment_id)
    if number % 5 == 0:
        queue.withdraw(sent[-3])
        print("withdrawn", sent[-3], flush=True)
