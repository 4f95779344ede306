"""Running newsreader as `nobody` (tests that need a user root's power does not hide from).

`setpriv` drops root before it executes the interpreter, so `nobody` must be able to reach
the interpreter and every module it imports. A checkout in a folder other users cannot
enter (a clone in root's home, mode 0700) hides its venv and its source: then newsreader
and the packages it needs are copied into a world-readable temporary folder and `nobody`
runs them from there. Nothing is copied when `nobody` can already reach the checkout.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import newsreader

NOBODY = ["--reuid=65534", "--regid=65534", "--clear-groups"]
_PROBE = "import newsreader.cli, newsreader.ui.app"


@dataclass(frozen=True)
class Unprivileged:
    """A way to run Python, and newsreader, as `nobody`."""

    setpriv: str
    python: str
    env: dict[str, str]

    def python_command(self, *args: str) -> list[str]:
        return [self.setpriv, *NOBODY, self.python, *args]

    def newsreader(self, *args: str) -> list[str]:
        return self.python_command("-m", "newsreader", *args)

    def with_tests(self, folder: Path) -> tuple[Unprivileged, Path]:
        """This runner able to import the test helpers too, and where their programs are:
        the tests folder is copied into `folder` (made world-readable), first on PYTHONPATH.
        A checkout in root's home hides its tests from `nobody` as it hides its venv."""
        tests = folder / "tests"
        shutil.copytree(
            Path(__file__).parent,
            tests,
            ignore=shutil.ignore_patterns("__pycache__", "__snapshots__"),
        )
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        search = [str(tests), *filter(None, [self.env.get("PYTHONPATH")])]
        env = {**self.env, "PYTHONPATH": os.pathsep.join(search)}
        return Unprivileged(self.setpriv, self.python, env), tests / "programs"


def find_unprivileged(spare_folder: Path) -> Unprivileged | str:
    """How `nobody` can run newsreader, copying into `spare_folder` (new, made world-readable)
    when it must; or why it cannot (a reason to skip with)."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0:
        return "needs root, to drop to another user"
    if setpriv is None:
        return "needs setpriv(1) to drop root"
    here = Unprivileged(setpriv, sys.executable, dict(os.environ))
    if _can_run(here) is None:
        return here
    site = spare_folder / "site"
    site.mkdir(parents=True)
    _copy_what_newsreader_needs(site)
    for path in [spare_folder, *spare_folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONNOUSERSITE": "1"}
    # The interpreter the venv was made from: the venv's own link may sit out of reach.
    interpreter = os.path.realpath(getattr(sys, "_base_executable", sys.executable))
    copied = Unprivileged(setpriv, interpreter, env)
    problem = _can_run(copied)
    if problem is not None:
        return f"nobody cannot run this Python even from a copy: {problem}"
    return copied


def _can_run(runner: Unprivileged) -> str | None:
    probe = subprocess.run(
        runner.python_command("-c", _PROBE),
        capture_output=True,
        text=True,
        env=runner.env,
        cwd="/",
        timeout=60,
        check=False,
    )
    return None if probe.returncode == 0 else probe.stderr.strip()[-300:]


def _copy_what_newsreader_needs(site: Path) -> None:
    """newsreader's own package, and the installed files of every package it requires."""
    shutil.copytree(Path(newsreader.__file__).parent, site / "newsreader")
    for distribution in _requirements("newsreader"):
        for file in distribution.files or []:
            source = Path(str(distribution.locate_file(file))).resolve()
            if ".." in file.parts or not source.is_file():
                continue  # scripts in bin/, files the record lists but pip left out
            target = site / file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)  # keeps mtimes: the compiled .pyc stay valid


def _requirements(name: str) -> list[importlib.metadata.Distribution]:
    """The distributions `name` needs to run, all the way down (not itself, not extras)."""
    found: dict[str, importlib.metadata.Distribution] = {}
    waiting = list(importlib.metadata.requires(name) or [])
    while waiting:
        requirement = waiting.pop()
        if "extra ==" in requirement:
            continue
        key = re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        if key in found:
            continue
        try:
            found[key] = importlib.metadata.distribution(key)
        except importlib.metadata.PackageNotFoundError:
            continue  # only for other Pythons (a marker such as python_version < "3.11")
        waiting.extend(found[key].requires or [])
    return list(found.values())
