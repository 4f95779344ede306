"""Scan a library and print its problems as JSON: {file path: reason}.

usage: scan_problems.py LIBRARY
"""

import json
import sys
from pathlib import Path

from newsreader.library.scan import scan_library

scan = scan_library(Path(sys.argv[1]))
print(json.dumps({str(problem.path): problem.reason for problem in scan.problems}))
