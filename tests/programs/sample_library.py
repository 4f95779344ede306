"""Print where the bundled sample library is, then how many article files it holds.

usage: sample_library.py (run against an installed newsreader, from any folder)
"""

from newsreader import paths
from newsreader.library.sources import Library

root = paths.articles_dir(None)
print(root)
print(len(list(Library.of_folder(root).article_paths([]))))
