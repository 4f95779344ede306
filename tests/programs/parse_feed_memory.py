"""Parse the feed read from stdin; print the parse error (or "parsed"), then how many KB
the process's peak memory grew by while parsing.

usage: parse_feed_memory.py < FEED
"""

import resource
import sys

from newsreader.feeds.parse import ParseError, parse_feed

document = sys.stdin.buffer.read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    parse_feed(document, url="http://127.0.0.1/")
    print("parsed")
except ParseError as error:
    print(error)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
