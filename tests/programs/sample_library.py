"""Print where the bundled sample library is, then how many articles a scan finds in it.

usage: sample_library.py (run against an installed newsreader, from any folder)
"""

from newsreader import paths
from newsreader.library.scan import scan_library

root = paths.articles_dir(None)
print(root)
print(len(scan_library(root).articles))
