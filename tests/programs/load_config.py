"""Load a config file and print the theme in force and each problem, separated by "|".

usage: load_config.py CONFIG_FILE
"""

import sys

from newsreader.config import load_config

config = load_config(sys.argv[1], environ={})
print(config["reader.theme"], *[problem.line() for problem in config.problems], sep="|")
