"""Claim the newest draft of an article for this process, print its id, then wait.

usage: claim_draft.py DATA_DIR ARTICLE_ID; prints the draft's id (or "none") and sleeps
until killed, so the claim stays held by a live process.
"""

import sys
import time
from pathlib import Path

from newsreader.comments.queue import DraftOwner, PendingQueue

queue = PendingQueue.open(Path(sys.argv[1]))
found = queue.newest_draft_for(sys.argv[2], claim_for=DraftOwner.new())
print(found.comment_id if found else "none", flush=True)
time.sleep(600)
