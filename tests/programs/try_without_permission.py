"""Try to add a comment to two data dirs this user may not write; prints a JSON report
(each dir's error message, or null when the add worked).

usage: try_without_permission.py PRIVATE_DATA_DIR READ_ONLY_DATA_DIR
"""

import json
import sys
from pathlib import Path

from newsreader.comments.comment_rules import CommentDraft
from newsreader.comments.queue import PendingQueue, QueueError

report: dict[str, str | None] = {}
for label, data_dir in (("private", sys.argv[1]), ("read_only", sys.argv[2])):
    try:
        PendingQueue.open(Path(data_dir)).add(CommentDraft("a", "T", "Eve", "", "hello"))
        report[label] = None
    except QueueError as error:
        report[label] = str(error)
print(json.dumps(report))
