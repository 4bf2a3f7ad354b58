"""MkDocs hook for running plain `mkdocs build` / `mkdocs serve` on the shared mkdocs.yml.

A thin layer: it runs the generator's load → validate → render stages for the config's
language and points MkDocs at the rendered Markdown. `python -m generator build` does
not use it (its per-language configs set `hooks: []`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from generator.build import load_site, render
from generator.builders.mkdocs import language_config
from generator.problems import ContentError, format_text
from generator.project import Project


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = Project(Path(config.config_file_path).parent)
    lang = config.theme.get("language", project.languages.default)
    try:
        site = load_site(project)
    except ContentError as error:
        raise PluginError("\n".join(format_text(p, "en") for p in error.problems)) from error
    render(project, site, (lang,))
    settings = language_config(project, lang, site)
    config.docs_dir = str(project.docs_out(lang))
    config.nav = settings["nav"]
    config.site_name = settings["site_name"]
    config.extra.update(settings["extra"])
    return config


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    project = Project(Path(config.config_file_path).parent)
    server.watch(str(project.content))
    return server
