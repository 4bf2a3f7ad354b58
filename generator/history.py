"""The history of content files, from git: the days each file changed (newest first), shown
on its record's page ("Last changed", earlier changes, a link to its full history) and used
by the feed. An adapter to git, behind three questions: `read`, `shallow_file`,
`repository_url`.

Only git's history dates a page. Outside a repository (a test's temporary copy, a
partner's unzipped folder) a file has no history, and its page shows no date: a file's
time stamp there is the moment it was copied or unzipped, and a page would state it as
the day its content changed. A shallow clone holds only the last commits, so every file
would look changed on the day of the newest one: the build refuses it (build.py).

A file whose working copy differs from its last commit (edited, or new and not yet
committed) is dated today and marked pending: what a preview shows is today's text, not
the committed one. Builds that publish run on a clean checkout, where nothing is pending.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

HISTORY_LENGTH = 5  # days listed on a page, newest first; the full history is linked
CONTENT = "content"  # the folder whose history is read (one `git log` for all its files)
BRANCH = "main"  # the published branch, whose history the link shows


@dataclass(frozen=True)
class FileHistory:
    """The days one file changed, newest first (at most HISTORY_LENGTH, each day once).

    Dates only: commit subjects are written by developers, in English and in their own
    terms ("validate: …"), so they are not shown on pages read in Bulgarian by the public."""

    dates: tuple[datetime.date, ...]
    pending: bool = False  # the working copy differs from the last commit; dates[0] is today
    log_url: str | None = None  # the file's full history on GitHub, when the repository is known

    @property
    def changed(self) -> datetime.date:
        return self.dates[0]

    @property
    def earlier(self) -> tuple[datetime.date, ...]:
        return self.dates[1:]


def _git(root: Path, *args: str) -> str | None:
    """git's output, or None when git is missing or fails (not a repository, no commits)."""
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _prefix(root: Path) -> str | None:
    """Where root sits in its repository ("" at the top, "kb/" in a subfolder), or None
    outside a repository. git names files from the repository's top."""
    answer = (_git(root, "rev-parse", "--is-inside-work-tree", "--show-prefix") or "").splitlines()
    if not answer or answer[0] != "true":
        return None
    return answer[1] if len(answer) > 1 else ""


def shallow_file(root: Path) -> str | None:
    """In a shallow clone, the file that makes it shallow (as git names it from root, e.g.
    .git/shallow), for the build's message; None in a full clone or outside a repository."""
    if (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() != "true":
        return None
    return (_git(root, "rev-parse", "--git-path", "shallow") or "").strip() or ".git/shallow"


def committed_dates(root: Path, prefix: str = "") -> dict[str, list[datetime.date]]:
    """Path (relative to root) → the days of the commits that changed it, newest first, at
    most HISTORY_LENGTH: one `git log` for every file under content/.

    Along the first parent, with merges compared to their first parent: a change merged
    from a pull request is dated the day it was merged (published), not the day it was
    written on its branch."""
    log = _git(root, "log", "--first-parent", "-m", "--format=@%cs", "--name-only", "--", CONTENT)
    dates: dict[str, list[datetime.date]] = {}
    current: datetime.date | None = None
    for line in (log or "").splitlines():
        if line.startswith("@"):
            current = datetime.date.fromisoformat(line[1:])
        elif line and current is not None and line.startswith(prefix):
            days = dates.setdefault(line[len(prefix) :], [])
            if len(days) < HISTORY_LENGTH and current not in days:
                days.append(current)
    return dates


def uncommitted(root: Path, prefix: str = "") -> set[str]:
    """Files under content/ (relative to root) whose working copy is not their last commit:
    changed, added, or not yet known to git."""
    status = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", CONTENT)
    fields = iter((status or "").split("\0"))
    found = set()
    for entry in fields:
        if len(entry) < 4:
            continue
        if entry[0] in "RC":  # a rename or copy: the old name follows as its own field
            next(fields, None)
        if entry[3:].startswith(prefix):  # paths from the repository's top, whatever the cwd
            found.add(entry[3:][len(prefix) :])
    return found


def repository_url(environ: Mapping[str, str] = os.environ) -> str | None:
    """The repository's address on GitHub, or None: WEGO_REPO_URL when set (like
    WEGO_SITE_URL), else the repository a GitHub Actions workflow runs in (GitHub sets
    GITHUB_SERVER_URL and GITHUB_REPOSITORY for every step)."""
    url = environ.get("WEGO_REPO_URL", "").strip()
    if not url and environ.get("GITHUB_SERVER_URL") and environ.get("GITHUB_REPOSITORY"):
        url = f"{environ['GITHUB_SERVER_URL']}/{environ['GITHUB_REPOSITORY']}"
    return url.rstrip("/") or None


def log_url(repo_url: str, path_in_repository: str) -> str:
    """GitHub's list of the commits that changed one file on the published branch."""
    return f"{repo_url}/commits/{BRANCH}/{quote(path_in_repository)}"


def read(root: Path, paths: list[str], repo_url: str | None = None, today: datetime.date | None = None) -> dict[str, FileHistory]:
    """Each file's history (paths relative to root); a file with none (outside a
    repository, or ignored by git) is left out, and its page shows no date."""
    prefix = _prefix(root)
    if prefix is None:
        return {}
    committed = committed_dates(root, prefix)
    pending = uncommitted(root, prefix)
    today = today or datetime.date.today()
    histories = {}
    for path in paths:
        dates = committed.get(path, [])
        if path in pending:
            dates = [today, *(day for day in dates if day != today)][:HISTORY_LENGTH]
        if dates:
            url = log_url(repo_url, prefix + path) if repo_url else None
            histories[path] = FileHistory(tuple(dates), path in pending, url)
    return histories
