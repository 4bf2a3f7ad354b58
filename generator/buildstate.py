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
from dataclasses import dataclass
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


@dataclass(frozen=True)
class BuildState:
    inputs: str  # the fingerprint of every input
    withdrawn: tuple[str, ...] = ()  # records marked to be deleted, by path

    def to_json(self) -> str:
        return json.dumps({"inputs": self.inputs, "withdrawn": list(self.withdrawn)}, indent=1) + "\n"


def files_under(folder: Path) -> list[Path]:
    """Every file under a folder (a file: itself), sorted; nothing for what is not there."""
    if folder.is_file():
        return [folder]
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else []


def hash_files(digest: hashlib._Hash, base: Path, paths: Iterable[Path]) -> None:
    for path in paths:
        digest.update(path.relative_to(base).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def fingerprint(project: Project, langs: tuple[str, ...], builder: str) -> str:
    """One hash of everything a build of these languages with this builder is made from."""
    digest = hashlib.sha256()
    for part in (builder, builder_version(builder), ",".join(langs), project.base_url, history.repository_url() or ""):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(sys.version.encode("utf-8") + b"\0")
    hash_files(digest, GENERATOR, (path for path in files_under(GENERATOR) if "__pycache__" not in path.parts))
    hash_files(digest, CODE_ROOT, (path for name in REQUIREMENTS for path in files_under(CODE_ROOT / name)))
    hash_editor(digest, project)
    for name in SETTINGS:  # the project's own, else the repository's (languages.yml)
        own = project.root / name
        hash_files(digest, project.root if own.exists() else CODE_ROOT, files_under(own if own.exists() else CODE_ROOT / name))
    for name in FOLDERS:
        hash_files(digest, project.root, files_under(project.root / name))
    digest.update(dating(project).encode("utf-8"))
    return digest.hexdigest()


def hash_editor(digest: hashlib._Hash, project: Project) -> None:
    """The files /admin/ is made of, or that there are none (the site is then built without
    it, and installing them must make the next build add it)."""
    from . import editor

    try:
        files = editor.copied_files(project)
    except editor.EditorMissing:
        digest.update(b"no editor\0")
        return
    for name, path in sorted(files.items()):
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())


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
        return BuildState(str(data["inputs"]), tuple(str(path) for path in data.get("withdrawn", [])))
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
