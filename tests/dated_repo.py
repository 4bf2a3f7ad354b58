"""A git repository made in a test's folder, with commits on chosen days (git's own
GIT_AUTHOR_DATE and GIT_COMMITTER_DATE), untouched by the machine's git configuration."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


def git(root: Path, *args: str, day: str | None = None) -> str:
    """Run git in root; `day` (YYYY-MM-DD) dates the commit it makes, at noon UTC."""
    env = {**os.environ, **ENV}
    if day:
        env |= {"GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00"}
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def write(root: Path, relative: str, text: str) -> str:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return relative


def init(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "--quiet", "--initial-branch=main")


def commit(root: Path, day: str, message: str = "change") -> None:
    """Commit everything in the working tree on `day`."""
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", message, day=day)
