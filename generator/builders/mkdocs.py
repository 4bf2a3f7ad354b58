"""The MkDocs builder (the default): MkDocs 1.6 with Material for MkDocs.

Each language is its own MkDocs build, configured by build/mkdocs.<lang>.yml, which
INHERITs the shared mkdocs.yml and adds what differs per language (docs_dir, site name,
nav, the theme's data). The builds run as parallel processes; `serve` keeps a process per
language ready between saves, which turns only the changed pages into HTML (LiveMkDocs).
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import logging
import multiprocessing
import os
import signal
import sys
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from .. import theme
from ..model import Site
from ..project import Project
from . import BuildError, ConfigFileBuilder, LivePreview, installed, run_all

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

    def live(self, project: Project, langs: tuple[str, ...]) -> LivePreview:
        return LiveMkDocs(project, langs)


class LiveMkDocs:
    """For `serve`: one process per language that keeps what MkDocs knows of the site — its
    configuration, the list of pages, the navigation, the theme's templates — between saves,
    and turns only the pages it is given into HTML, in place. MkDocs' own `--dirty` build
    reads all of that again on every save (seconds at 5,000 records); the pages come out as
    MkDocs makes them, by its own functions. Not atomic — a preview."""

    def __init__(self, project: Project, langs: tuple[str, ...]) -> None:
        context = multiprocessing.get_context("fork")  # the children start with MkDocs imported
        self.connections: dict[str, Connection] = {}
        self.processes: dict[str, BaseProcess] = {}
        for lang in langs:
            ours, theirs = context.Pipe()
            site_dir = str(project.site / project.languages.root(lang))
            process = context.Process(target=_keep_ready, args=(theirs, str(config_path(project, lang)), site_dir), daemon=True)
            process.start()
            theirs.close()
            self.connections[lang], self.processes[lang] = ours, process

    def update(self, changed: dict[str, list[str]], reread: dict[str, bool]) -> None:
        failures = []
        asked = []
        for lang, connection in self.connections.items():
            try:
                connection.send((changed.get(lang, []), reread.get(lang, False)))
                asked.append(lang)
            except OSError as error:  # the process has stopped
                failures.append(f"[{lang}] MkDocs stopped ({error})")
        for lang in asked:
            try:
                answer = self.connections[lang].recv()
            except (EOFError, OSError):
                answer = "MkDocs stopped"
            if answer:
                failures.append(f"[{lang}] {answer}")
        if failures:
            self.close()
            raise BuildError("\n".join(failures))

    def close(self) -> None:
        for connection in self.connections.values():
            with contextlib.suppress(OSError):
                connection.send(None)
            connection.close()
        for process in self.processes.values():
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
        self.connections, self.processes = {}, {}


class Ready:
    """What MkDocs knows of one language's site, read once (mkdocs.commands.build.build's
    first half, without plugins: the generated configuration has none)."""

    def __init__(self, config_file: str, site_dir: str) -> None:
        from mkdocs.config import load_config
        from mkdocs.structure.files import get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page

        self.config = load_config(config_file, site_dir=site_dir, strict=False)
        self.files = get_files(self.config)
        self.env = self.config.theme.get_env()
        self.files.add_files_from_theme(self.env, self.config)
        set_exclusions(self.files, self.config)
        self.nav = get_navigation(self.files, self.config)
        self.pages = {}
        for file in self.files.documentation_pages():
            if file.page is None:
                Page(None, file, self.config)
            self.pages[file.src_uri] = file
        self.documentation = self.files.documentation_pages()
        # The pages whose Markdown is newer than their HTML (MkDocs' own test, as in --dirty);
        # the files beside them are copied by the generator (build.publish). At least one
        # page is made, so that the theme's templates are compiled now, not on the first save.
        changed = [src_uri for src_uri, file in self.pages.items() if file.is_modified()]
        self.build(changed or list(self.pages)[:1])
        # The theme's own pages (404.html, the sitemap): the list of pages may have changed.
        from mkdocs.commands.build import _build_theme_template

        for template in self.config.theme.static_templates:
            _build_theme_template(template, self.env, self.files, self.config, self.nav)

    def build(self, pages: list[str]) -> None:
        from mkdocs.commands.build import _build_page, _populate_page

        for src_uri in pages:
            page = self.pages[src_uri].page
            assert page is not None  # every page got one in __init__
            _populate_page(page, self.config, self.files)
            _build_page(page, self.config, self.documentation, self.nav, self.env)

    def gone_pages(self, now: set[str]) -> list[str]:
        """The HTML files of pages that are no longer in the docs folder."""
        return [file.abs_dest_path for src_uri, file in self.pages.items() if src_uri not in now]


def _keep_ready(connection: Connection, config_file: str, site_dir: str) -> None:
    """A language's live preview: one request at a time, (pages, reread) → "" or what failed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is serve's: it stops this process
    ready: Ready | None = None
    while True:
        request = connection.recv()
        if request is None:
            return
        pages, reread = request
        try:
            if ready is not None and reread:
                docs = Path(ready.config.docs_dir)
                for html in ready.gone_pages({p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}):
                    Path(html).unlink(missing_ok=True)
            if ready is None or reread:
                ready = Ready(config_file, site_dir)  # it makes the pages changed since site/ was
            else:
                ready.build(pages)
            connection.send("")
        except BaseException as error:  # noqa: BLE001 - told to the driver, which stops this process
            connection.send(f"{type(error).__name__}: {error}")
            return


BUILDER = MkDocsBuilder()
