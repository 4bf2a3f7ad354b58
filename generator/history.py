"""The history of content files: the date each last changed (its last commit, else its
time stamp), shown on every record page and used by the feed. An adapter to git, which
is optional: outside a repository, file time stamps are used."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def committed_dates(root: Path) -> dict[str, datetime.date]:
    """Path (relative to root) → date of the last commit that touched it under content/
    (one `git log` for all files, not one per file)."""
    log = _git(root, "log", "--format=@%cs", "--name-only", "--", "content")
    if log is None:
        return {}
    prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
    dates: dict[str, datetime.date] = {}
    current = None
    for line in log.splitlines():
        if line.startswith("@"):
            current = datetime.date.fromisoformat(line[1:])
        elif line and current:
            dates.setdefault(line[len(prefix) :] if prefix and line.startswith(prefix) else line, current)
    return dates


def uncommitted(root: Path) -> set[str]:
    status = _git(root, "status", "--porcelain", "--", "content")
    return {line[3:] for line in (status or "").splitlines()}


def last_changed(root: Path, paths: list[str]) -> dict[str, datetime.date]:
    """The date each file last changed: its last commit, or its time stamp when it is not
    committed as it is."""
    dates = committed_dates(root)
    dirty = uncommitted(root)
    return {
        path: dates[path]
        if path in dates and path not in dirty
        else datetime.date.fromtimestamp((root / path).stat().st_mtime)
        for path in paths
    }
