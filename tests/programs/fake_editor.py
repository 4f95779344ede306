"""A stand-in for $EDITOR: appends a line to the file it is given, or fails on request.

Usage: fake_editor.py [--fail N] [--record FILE] PATH
--record writes the file's mode and contents as seen while "editing" (to check the temp file).
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--fail", type=int, default=0)
parser.add_argument("--record")
parser.add_argument("--line", default="Added in the editor.")
parser.add_argument("path")
args = parser.parse_args()
if args.record:
    mode = stat.S_IMODE(os.stat(args.path).st_mode)
    with open(args.path, encoding="utf-8") as seen, open(args.record, "w") as record:
        json.dump({"mode": mode, "path": args.path, "text": seen.read()}, record)
with open(args.path, "a", encoding="utf-8") as file:
    file.write("\n" + args.line + "\n")
sys.exit(args.fail)
