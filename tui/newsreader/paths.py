"""Where things live: the article library, the data dir and the cache dir.

Precedence for each: the command-line flag, then the environment variable, then a default.
"""

from __future__ import annotations

import os
import stat
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


def _tighten(path: Path, private_mode: int) -> str | None:
    """chmod a dir or plain file that others may read (or enter); what was done, or None."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        return None  # a link's own mode means nothing; its target is not ours to change
    current = stat.S_IMODE(info.st_mode)
    if not current & 0o077:
        return None
    tightened = current & private_mode
    os.chmod(path, tightened)
    return (
        f"{path} could be read by others: its permissions were {current:04o}, now {tightened:04o}"
    )


def prepare_data_dir(path: Path) -> list[str]:
    """Create the data dir 0700, or make an existing one and the files in it private.

    Comments carry e-mail addresses and read marks say what someone reads: the dir is
    0700 and every file in it 0600, however the dir was chosen. Returns one message for
    each thing that had to be tightened (empty when all was already private), for the
    caller to show once. Failures are left to the store that opens the file to report.
    """
    notices: list[str] = []
    try:
        if not path.exists():
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(path, 0o700)  # mkdir's mode is cut by the umask
            return notices
        if not path.is_dir():
            return notices
        if (said := _tighten(path, 0o700)) is not None:
            notices.append(said)
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_file(follow_symlinks=False):
                    said = _tighten(Path(entry.path), 0o600)
                    if said is not None:
                        notices.append(said)
    except OSError:
        pass
    return notices
