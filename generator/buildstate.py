"""What the last successful build was made from (build/inputs.json), so that a build whose
inputs did not change does nothing at all: no loading, no rendering, no builder.

The inputs are every file the site is made from — the content, the hand-written pages and
assets, the theme's overrides, the settings (mkdocs.yml, languages.yml, editor.yml), the
project's own templates — and what makes them into pages: the generator's code, templates
and words, the pinned Python packages (the requirements files) and Python's version, the
files /admin/ is made of (or that they are not installed), the builder and its version, the
site's address, and what dates the pages (git's HEAD, the content files git does not yet have as
committed, and today's date, since a page changed but not committed is dated today). Each
file counts by its path and the hash of its bytes, not its time stamp: a checkout or a copy
that changes time stamps alone changes nothing.

Kept beside it: the records the build did not publish because they are marked to be
deleted, so that a skipped build says them again (every file is published or told).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import history
from .project import Project

STATE_FILE = "inputs.json"  # under build/
GENERATOR = Path(__file__).resolve().parent
CODE_ROOT = GENERATOR.parent
# The pinned Python packages (Markdown, nh3, Jinja2, pymdown-extensions … shape every page).
REQUIREMENTS = ("requirements.txt", "requirements-dev.txt", "requirements-zensical.txt")
SETTINGS = ("mkdocs.yml", "languages.yml", "editor.yml")
FOLDERS = ("content", "docs", "overrides", "templates")


# A file's size, time stamp and the hash of its bytes, by its path: a file whose size and
# time stamp are those of the last build is not read again (as make and Lektor judge), and
# one whose time stamp alone changed (a checkout) is read, and counts as unchanged.
Seen = dict[str, tuple[int, int, str]]


@dataclass(frozen=True)
class BuildState:
    inputs: str  # the fingerprint of every input
    withdrawn: tuple[str, ...] = ()  # records marked to be deleted, by path
    files: Seen = field(default_factory=dict, compare=False)

    def to_json(self) -> str:
        files = {path: list(entry) for path, entry in sorted(self.files.items())}
        return json.dumps({"inputs": self.inputs, "withdrawn": list(self.withdrawn), "files": files}, ensure_ascii=False) + "\n"


@dataclass
class Hasher:
    """Hashes files into one digest, each file's hash taken from `known` while its size and
    time stamp are unchanged; what it saw is kept for the next build."""

    known: Seen
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)
    seen: Seen = field(default_factory=dict)

    def text(self, part: str) -> None:
        self.digest.update(part.encode("utf-8") + b"\0")

    def files(self, base: Path, found: Iterable[Found]) -> None:
        prefix = len(str(base)) + 1
        for path, stat in found:
            self.text(path[prefix:].replace(os.sep, "/"))
            self.digest.update(bytes.fromhex(self.file_hash(path, stat)))

    def file_hash(self, path: str, stat: os.stat_result) -> str:
        entry = self.known.get(path)
        if entry is None or (entry[0], entry[1]) != (stat.st_size, stat.st_mtime_ns):
            try:
                with open(path, "rb") as handle:
                    entry = (stat.st_size, stat.st_mtime_ns, hashlib.sha256(handle.read()).hexdigest())
            except OSError:  # unreadable: the validator says so; here it only must not match
                return hashlib.sha256(b"unreadable " + os.urandom(16)).hexdigest()
        self.seen[path] = entry
        return entry[2]


Found = tuple[str, os.stat_result]  # a file's path, and its stat (one system call a file)


def files_under(folder: Path) -> list[Found]:
    """Every file under a folder (a file: itself), sorted by path; nothing for what is not
    there. os.scandir, not pathlib: at N=5,000 the walk is most of a build with nothing changed."""
    try:
        stat = folder.stat()
    except OSError:
        return []
    if not os.path.isdir(folder):
        return [(str(folder), stat)]
    found: list[Found] = []
    pending = [str(folder)]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:  # a folder that cannot be read: the validator reports it, the build stops
            found.append((f"unreadable {os.urandom(16).hex()}", stat))
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):  # a link to a folder is the validator's to refuse
                    if entry.name != "__pycache__":
                        pending.append(entry.path)
                elif entry.is_file():  # a link to a file counts by what it points to; pipes, devices: not files
                    found.append((entry.path, entry.stat()))
            except OSError:
                continue
    return sorted(found)


def fingerprint(project: Project, langs: tuple[str, ...], builder: str, known: Seen | None = None) -> tuple[str, Seen]:
    """One hash of everything a build of these languages with this builder is made from, and
    the files it saw (for the next build's `known`)."""
    hasher = Hasher(known or {})
    for part in (builder, builder_version(builder), ",".join(langs), project.base_url, history.repository_url() or "", sys.version):
        hasher.text(part)
    hasher.files(GENERATOR, files_under(GENERATOR))
    hasher.files(CODE_ROOT, (path for name in REQUIREMENTS for path in files_under(CODE_ROOT / name)))
    hash_editor(hasher, project)
    for name in SETTINGS:  # the project's own, else the repository's (languages.yml)
        own = project.root / name
        hasher.files(project.root if own.exists() else CODE_ROOT, files_under(own if own.exists() else CODE_ROOT / name))
    for name in FOLDERS:
        hasher.files(project.root, files_under(project.root / name))
    hasher.text(dating(project))
    return hasher.digest.hexdigest(), hasher.seen


def hash_editor(hasher: Hasher, project: Project) -> None:
    """The files /admin/ is made of, or that there are none (the site is then built without
    it, and installing them must make the next build add it)."""
    from . import editor

    try:
        files = editor.copied_files(project)
    except editor.EditorMissing:
        hasher.text("no editor")
        return
    for name, path in sorted(files.items()):
        hasher.text(name)
        hasher.digest.update(bytes.fromhex(hasher.file_hash(str(path), path.stat())))


def dating(project: Project) -> str:
    """What the pages' dates follow: the commit checked out, the content not committed, today."""
    head = history._git(project.root, "rev-parse", "HEAD") or ""
    pending = sorted(history.uncommitted(project.root, history._prefix(project.root) or "")) if head else []
    return f"{head.strip()};{','.join(pending)};{datetime.date.today().isoformat()}"


def builder_version(name: str) -> str:
    from . import builders

    try:
        return builders.get(name).version()
    except Exception:  # noqa: BLE001 - a builder that cannot say its version: the build will tell why
        return "?"


def read(project: Project) -> BuildState | None:
    try:
        data = json.loads((project.build / STATE_FILE).read_text(encoding="utf-8"))
        files = {str(path): (int(size), int(mtime), str(sha)) for path, (size, mtime, sha) in data.get("files", {}).items()}
        return BuildState(str(data["inputs"]), tuple(str(path) for path in data.get("withdrawn", [])), files)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write(project: Project, state: BuildState) -> None:
    """Written last, after site/ was swapped in: a build that failed leaves the last state,
    and the next build compares with what site/ was really made from."""
    path = project.build / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(state.to_json(), encoding="utf-8")
    os.replace(temporary, path)


def forget(project: Project) -> None:
    """Before anything of a build changes site/: until it succeeds, no state says site/ is current."""
    (project.build / STATE_FILE).unlink(missing_ok=True)
