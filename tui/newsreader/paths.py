"""Where things live: the article library, the data dir and the cache dir.

Precedence for each: the command-line flag, then the environment variable, then a default.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "newsreader"
ARTICLES_ENV = "NEWSREADER_ARTICLES"
DATA_DIR_ENV = "NEWSREADER_DATA_DIR"

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_articles() -> Path:
    """The sample library shipped with the program.

    An installed wheel carries it inside the package; a source checkout (editable install)
    has it at the repository root.
    """
    installed = _PACKAGE_DIR / "sample_articles"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent.parent / "articles"


def articles_dir(flag: str | None = None, *, cwd: Path | None = None) -> Path:
    """`--articles`, else $NEWSREADER_ARTICLES, else ./articles when it exists, else samples."""
    if flag:
        return Path(flag).expanduser()
    from_env = os.environ.get(ARTICLES_ENV)
    if from_env:
        return Path(from_env).expanduser()
    local = (cwd or Path.cwd()) / "articles"
    if local.is_dir():
        return local
    return bundled_articles()


def data_dir(flag: str | None = None) -> Path:
    """`--data-dir`, else $NEWSREADER_DATA_DIR, else the platform's user data dir."""
    if flag:
        return Path(flag).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir(data_dir_flag: str | None = None) -> Path:
    """The disposable cache: under the data dir when one was given, else the platform's."""
    if data_dir_flag or os.environ.get(DATA_DIR_ENV):
        return data_dir(data_dir_flag) / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
