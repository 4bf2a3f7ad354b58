"""The Zensical builder: Zensical, the successor of Material for MkDocs (whose end of life
is May 2027), builds the same rendered Markdown with the same theme overrides.

Zensical reads a mkdocs.yml-like configuration but runs no plugins or hooks, merges
INHERIT differently from MkDocs (lists are appended, not replaced), refuses a docs_dir or
site_dir outside the configuration's own folder, and wipes site_dir on every build. So
each language gets a standalone configuration in build/ (the shared mkdocs.yml merged
with the language's settings, as MkDocs would), builds into build/zensical-site/<lang>/,
and the result is moved into the staging folder.
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


def config_path(project: Project, lang: str) -> Path:
    return project.build / f"zensical.{lang}.yml"


def output_dir(project: Project, lang: str) -> Path:
    return project.build / "zensical-site" / lang


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
    config["docs_dir"] = os.path.relpath(project.docs_out(lang), project.build)
    config["site_dir"] = os.path.relpath(output_dir(project, lang), project.build)
    config["theme"]["custom_dir"] = os.path.relpath(project.overrides, project.build)
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
        """One `zensical build` per language, in turn; each result moved to staging/<lang>."""
        commands = {
            lang: [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config_path(project, lang))] for lang in langs
        }
        # One after the other: Zensical keeps its cache beside the configuration (build/.cache),
        # which must hold the docs, and `--clean` removes it — two at once removed each other's.
        results = {lang: run_all({lang: command}, project.build)[lang] for lang, command in commands.items()}
        failures = [f"[{lang}] zensical exited {code}:\n{essential(output)}" for lang, (code, output) in results.items() if code != 0]
        if failures:
            raise BuildError("\n".join(failures))
        for lang in langs:
            shutil.move(output_dir(project, lang), staging / lang)


BUILDER = ZensicalBuilder()
