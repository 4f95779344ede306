"""Walk a library and print the files it leaves out as JSON: {file path: reason}.

usage: scan_problems.py LIBRARY
"""

import json
import sys
from pathlib import Path

from newsreader.library.problem_list import find_problems
from newsreader.library.sources import Library

found = find_problems(Library.of_folder(Path(sys.argv[1])))
print(json.dumps({str(p.path): p.reason for p in found if not p.listed}))
