"""Site builders: turn the rendered Markdown of each language into HTML.

The generator does everything a builder does not need to know about (content, pages,
search, open data); a builder gets build/docs/<lang>/ and the theme's data, and builds
each language into a folder. Two builders are behind this interface:

- `mkdocs` (default): MkDocs 1.6 with Material for MkDocs.
- `zensical`: Zensical, Material's successor, which reads the same kind of configuration
  but runs no plugins or hooks.

A builder module is imported only when it is used, so `python -m generator render` runs
with neither installed.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Protocol

import yaml

from ..model import Site
from ..project import Project
from ..writer import write_if_changed

NAMES = ("mkdocs", "zensical")
DEFAULT = "mkdocs"


class BuildError(Exception):
    """The site builder failed (or is not installed); its output is in the message."""


class Builder(Protocol):
    name: str

    def configure(self, project: Project, site: Site, langs: tuple[str, ...]) -> bool:
        """Write the builder's configuration for each language (into build/); whether it changed."""

    def inputs(self, project: Project, langs: tuple[str, ...]) -> list[Path]:
        """Every file the builder reads besides the rendered docs (configs, theme overrides)."""

    def version(self) -> str:
        """Name and version of the builder and its theme (a build depends on them)."""

    def build(self, project: Project, langs: tuple[str, ...], staging: Path) -> None:
        """Build each language into staging/<lang>/ (all in parallel where possible)."""

    def live(self, project: Project, langs: tuple[str, ...]) -> LivePreview:
        """For `serve`: what keeps the builder ready between saves and updates site/ in place."""

    def is_current(self, project: Project, langs: tuple[str, ...], extra: dict[str, bytes]) -> bool:
        """Whether site/ was built from exactly these inputs (then a build can be skipped)."""

    def remember(self, project: Project) -> None:
        """Note the inputs of the build that just succeeded (is_current compares with them)."""


class LivePreview(Protocol):
    """A builder kept ready between `serve`'s saves (the first call may take as long as a build)."""

    def update(self, changed: dict[str, list[str]], reread: dict[str, bool]) -> None:
        """Turn the changed Markdown pages of each language (paths in build/docs/<lang>/) into
        HTML in site/; where `reread`, the list of pages or the configuration changed too."""

    def close(self) -> None:
        """Stop what was kept ready."""


class ConfigFileBuilder:
    """What both builders share: one configuration file per language (written only when it
    changed), as inputs those files, the shared mkdocs.yml and the theme overrides, and a
    fingerprint of every input, so that a build whose inputs did not change is skipped."""

    name = ""
    _pending: str = ""  # the fingerprint of the inputs being built

    def version(self) -> str:
        raise NotImplementedError

    def stamp(self, project: Project) -> Path:
        return project.build / "site.fingerprint"

    def fingerprint(self, project: Project, langs: tuple[str, ...], extra: dict[str, bytes]) -> str:
        """A hash of everything the builder reads: rendered docs, its configs, theme overrides,
        and the files added to the built site beside its output (`extra`, /admin/)."""
        digest = hashlib.sha256(f"{self.name};{self.version()}".encode())
        files = [p for lang in langs for p in sorted(project.docs_out(lang).rglob("*")) if p.is_file()]
        for path in files + self.inputs(project, langs):
            if path.exists():
                digest.update(str(path.relative_to(project.root)).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        for relative, content in sorted(extra.items()):
            digest.update(relative.encode() + b"\0" + hashlib.sha256(content).digest())
        return digest.hexdigest()

    def is_current(self, project: Project, langs: tuple[str, ...], extra: dict[str, bytes]) -> bool:
        self._pending = self.fingerprint(project, langs, extra)
        stamp = self.stamp(project)
        return project.site.is_dir() and stamp.exists() and stamp.read_text() == self._pending

    def remember(self, project: Project) -> None:
        self.stamp(project).write_text(self._pending)

    def live(self, project: Project, langs: tuple[str, ...]) -> LivePreview:
        raise BuildError(f"{self.name} has no preview; `serve` uses mkdocs")

    def config_path(self, project: Project, lang: str) -> Path:
        raise NotImplementedError

    def config(self, project: Project, lang: str, site: Site) -> dict[str, Any]:
        raise NotImplementedError

    def configure(self, project: Project, site: Site, langs: tuple[str, ...]) -> bool:
        changed = False
        for lang in langs:
            text = yaml.safe_dump(self.config(project, lang, site), allow_unicode=True, sort_keys=False)
            changed = write_if_changed(self.config_path(project, lang), text) or changed
        return changed

    def inputs(self, project: Project, langs: tuple[str, ...]) -> list[Path]:
        files = [project.mkdocs_yml] + [self.config_path(project, lang) for lang in langs]
        return files + sorted(p for p in project.overrides.rglob("*") if p.is_file())


def run_all(commands: dict[str, list[str]], cwd: Path, env: dict[str, str] | None = None) -> dict[str, tuple[int, str]]:
    """Run one builder process per language, in parallel: language → (exit code, output).
    Each writes into a file of its own, not a pipe: read one after the other, a pipe fills
    (MkDocs lists thousands of pages not in the navigation) and the second build waited for
    the first to end. On Ctrl-C or a crash, every process is stopped before the caller
    removes its staging."""
    with contextlib.ExitStack() as stack:
        logs = {lang: stack.enter_context(tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")) for lang in commands}
        processes = {
            lang: subprocess.Popen(command, cwd=cwd, env=env, stdout=logs[lang], stderr=subprocess.STDOUT, text=True)
            for lang, command in commands.items()
        }
        try:
            codes = {lang: process.wait() for lang, process in processes.items()}
        except BaseException:
            for process in processes.values():
                process.kill()
                process.wait()
            raise
        for log in logs.values():
            log.seek(0)
        return {lang: (codes[lang], logs[lang].read()) for lang in commands}


def installed(module: str) -> bool:
    """Whether a builder's package can be imported here (without importing it)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False


def get(name: str) -> Builder:
    if name not in NAMES:
        raise BuildError(f"unknown builder {name!r}; choose one of: {', '.join(NAMES)}")
    module = importlib.import_module(f".{name}", __name__)
    builder: Builder = module.BUILDER
    return builder
