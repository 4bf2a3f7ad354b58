"""Edits as a partner makes them, and the site a build from nothing makes of the result:
what the tests of rebuilding (a build after edits, `serve` after saves) compare with."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from conftest import PUBLISHED_URL

from generator.build import build
from generator.project import Project


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def from_nothing(project: Project, root: Path) -> Project:
    """The same content (and settings) in a new folder, built once."""
    fresh = Project(root, site_url=PUBLISHED_URL)
    shutil.copytree(project.root, root, ignore=shutil.ignore_patterns("build", "site"))
    build(fresh)
    return fresh


def retitle(project: Project, relative: str, title: str) -> str:
    """Give a record another Bulgarian title; returns the one it had."""
    path = project.content / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    old, data["title"]["bg"] = data["title"]["bg"], title
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(old)
