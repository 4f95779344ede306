"""newsreader: a terminal reader for news articles kept as local files."""

__version__ = "0.1.0"
