"""The MkDocs builder (the default): MkDocs 1.6 with Material for MkDocs.

Each language is its own MkDocs build, configured by build/mkdocs.<lang>.yml, which
INHERITs the shared mkdocs.yml and adds what differs per language (docs_dir, site name,
nav, the theme's data). The builds run as parallel processes; `serve` instead rebuilds
in forked processes that already have MkDocs imported (`preview`).
"""

from __future__ import annotations

import importlib.metadata
import logging
import os
import sys
from pathlib import Path
from typing import Any

from .. import theme
from ..model import Site
from ..project import Project
from . import BuildError, ConfigFileBuilder, installed, run_all

log = logging.getLogger(__name__)


def config_path(project: Project, lang: str) -> Path:
    return project.build / f"mkdocs.{lang}.yml"


def language_config(project: Project, lang: str, site: Site | None = None) -> dict[str, Any]:
    """What differs per language, on top of the shared mkdocs.yml."""
    language = project.languages.get(lang)
    return {
        "INHERIT": os.path.relpath(project.mkdocs_yml, project.build),
        "site_name": theme.site_name(language),
        "site_description": theme.site_description(language),
        "docs_dir": os.path.relpath(project.docs_out(lang), project.build),
        "site_dir": os.path.relpath(project.site / language.root, project.build),
        "theme": {"language": lang, "custom_dir": os.path.relpath(project.overrides, project.build)},
        "nav": theme.nav(project, site, language),
        "site_url": project.language_url(lang),
        "extra": theme.extra(project, site, language),
        "hooks": [],  # the shared file's hook renders for plain `mkdocs`; here it is done already
    }


def essential(output: str) -> str:
    """MkDocs' output without its INFO lines (such as the list of every page not in nav)."""
    kept, skipping = [], False
    for line in output.splitlines():
        if line.startswith("INFO"):
            skipping = True
            continue
        if skipping and line.startswith("  "):
            continue
        skipping = False
        kept.append(line)
    return "\n".join(kept).strip()


class MkDocsBuilder(ConfigFileBuilder):
    name = "mkdocs"

    def config_path(self, project: Project, lang: str) -> Path:
        return config_path(project, lang)

    def config(self, project: Project, lang: str, site: Site) -> dict[str, Any]:
        return language_config(project, lang, site)

    def version(self) -> str:
        if not (installed("mkdocs") and installed("material")):
            raise BuildError("MkDocs is not installed: run `make site`, or `python -m generator render` for the Markdown alone")
        try:
            return ";".join(f"{package}=={importlib.metadata.version(package)}" for package in ("mkdocs", "mkdocs-material"))
        except importlib.metadata.PackageNotFoundError as error:
            raise BuildError(f"MkDocs is not installed ({error}); run `make site`, or `python -m generator render`") from error

    def build(self, project: Project, langs: tuple[str, ...], staging: Path) -> None:
        """One `mkdocs build --strict` per language, in parallel, each into staging/<lang>."""
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # the end-of-life notice is known (README)
        commands = {
            lang: [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_path(project, lang)), "-d", str(staging / lang)]
            for lang in langs
        }
        results = run_all(commands, project.root, env)
        failures = [f"[{lang}] mkdocs exited {code}:\n{essential(output)}" for lang, (code, output) in results.items() if code != 0]
        for lang, (code, output) in results.items():
            if code == 0 and output.strip():
                log.debug("[%s] %s", lang, output.strip())
        if failures:
            raise BuildError("\n".join(failures))

    def preview(self, project: Project, langs: tuple[str, ...]) -> None:
        """For `serve`: rebuild only the pages whose Markdown changed (--dirty), in place,
        in forked processes that already have MkDocs imported. Not atomic — a preview."""
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config

        children = {}
        for lang in langs:
            pid = os.fork()
            if pid == 0:  # the child builds one language and exits without returning
                code = 1
                try:
                    # strict off: MkDocs always warns that a dirty build is for previews only.
                    site_dir = str(project.site / project.languages.root(lang))
                    config = load_config(str(config_path(project, lang)), site_dir=site_dir, strict=False)
                    mkdocs_build(config, dirty=True)
                    code = 0
                except BaseException as error:  # noqa: BLE001 - reported by the exit code, printed here
                    print(f"[{lang}] {error}", file=sys.stderr)
                finally:
                    os._exit(code)
            children[lang] = pid
        failed = [lang for lang, pid in children.items() if os.waitpid(pid, 0)[1] != 0]
        if failed:
            raise BuildError(f"MkDocs failed for: {', '.join(failed)}")


BUILDER = MkDocsBuilder()
