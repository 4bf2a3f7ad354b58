"""The Zensical builder: Zensical, the successor of Material for MkDocs (whose end of life
is May 2027), builds the same rendered Markdown with the same theme overrides.

Zensical reads a mkdocs.yml-like configuration but runs no plugins or hooks, merges
INHERIT differently from MkDocs (lists are appended, not replaced), refuses a docs_dir or
site_dir outside the configuration's own folder (after resolving symlinks), wipes site_dir
on every build, and keeps its cache in `.cache` beside the configuration file (not
configurable). So each language is a project of its own, build/zensical/<lang>/: a
standalone configuration (the shared mkdocs.yml merged with the language's settings, as
MkDocs would), a copy of build/docs/<lang>/ in docs/, its output in site/ and its own
.cache. No two languages share a folder, so they build in parallel; the results are moved
into the staging folder.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from ..model import Site
from ..project import Project
from . import BuildError, ConfigFileBuilder, installed, run_all
from .mkdocs import essential, language_config

# What MkDocs-only settings do not mean anything to Zensical.
DROPPED = ("INHERIT", "hooks", "plugins", "validation")


def project_dir(project: Project, lang: str) -> Path:
    """A language's own Zensical project: the configuration, docs/, site/ and .cache."""
    return project.build / "zensical" / lang


def config_path(project: Project, lang: str) -> Path:
    return project_dir(project, lang) / "zensical.yml"


def docs_dir(project: Project, lang: str) -> Path:
    return project_dir(project, lang) / "docs"


def output_dir(project: Project, lang: str) -> Path:
    return project_dir(project, lang) / "site"


def merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """MkDocs' INHERIT merge: mappings merge key by key, anything else is replaced."""
    result = dict(parent)
    for key, value in child.items():
        result[key] = merged(result[key], value) if isinstance(value, dict) and isinstance(result.get(key), dict) else value
    return result


def zensical_config(project: Project, lang: str, site: Site | None) -> dict[str, Any]:
    shared = yaml.safe_load(project.mkdocs_yml.read_text(encoding="utf-8")) or {}
    config = merged(shared, language_config(project, lang, site))
    for key in DROPPED:
        config.pop(key, None)
    folder = project_dir(project, lang)
    config["docs_dir"] = os.path.relpath(docs_dir(project, lang), folder)
    config["site_dir"] = os.path.relpath(output_dir(project, lang), folder)
    config["theme"]["custom_dir"] = os.path.relpath(project.overrides, folder)
    config["theme"]["variant"] = "classic"  # Material's look: our overrides are Material's markup
    return config


class ZensicalBuilder(ConfigFileBuilder):
    name = "zensical"

    def config_path(self, project: Project, lang: str) -> Path:
        return config_path(project, lang)

    def config(self, project: Project, lang: str, site: Site) -> dict[str, Any]:
        return zensical_config(project, lang, site)

    def version(self) -> str:
        if not installed("zensical"):
            raise BuildError("Zensical is not installed: run `make zensical` (requirements-zensical.txt)")
        try:
            return f"zensical=={importlib.metadata.version('zensical')}"
        except importlib.metadata.PackageNotFoundError as error:
            raise BuildError("Zensical is not installed: run `make zensical` (requirements-zensical.txt)") from error

    def build(self, project: Project, langs: tuple[str, ...], staging: Path) -> None:
        """One `zensical build` per language, in parallel, each in its own folder; each
        result moved to staging/<lang>."""
        for lang in langs:
            # Zensical resolves docs_dir and refuses it outside the configuration's folder, so a
            # symlink to build/docs/<lang>/ will not do: a fresh copy (under 1 MB) each build.
            shutil.rmtree(docs_dir(project, lang), ignore_errors=True)
            shutil.copytree(project.docs_out(lang), docs_dir(project, lang))
        # `--clean` empties the cache, which is <configuration's folder>/.cache: one folder per
        # language, so one language's build never removes another's files (when both shared
        # build/.cache, a build failed now and then with DirectoryNotEmpty). Runs of one project
        # are serialised by build_lock; other projects have their own build/.
        commands = {
            lang: [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config_path(project, lang))] for lang in langs
        }
        results = run_all(commands, project.build)
        failures = [f"[{lang}] zensical exited {code}:\n{essential(output)}" for lang, (code, output) in results.items() if code != 0]
        if failures:
            raise BuildError("\n".join(failures))
        for lang in langs:
            shutil.move(output_dir(project, lang), staging / lang)


BUILDER = ZensicalBuilder()
