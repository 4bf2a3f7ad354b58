"""Stage 5 — build: rendered Markdown becomes the site, atomically.

Each language is its own MkDocs build (bg → site/, en → site/en/), run as two processes
in parallel. Everything is built into a temporary folder beside site/ and swapped in only
when both builds succeeded, so a failed or interrupted build leaves the previous site/
exactly as it was. A lock file serialises builds started at the same time.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import hashlib
import importlib.metadata
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .model import Site, build_site
from .problems import LANGS
from .render import PageCache, RenderResult, labels, render_language
from .validate import FileCache, load_valid

log = logging.getLogger(__name__)

DEFAULT_LANG = "bg"
LANG_ROOTS = {"bg": "", "en": "en/"}  # where each language lives under site/


@dataclass(frozen=True)
class Project:
    """The folders of a knowledge-base project (the repository, or a test's temp copy)."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    def docs_out(self, lang: str) -> Path:
        return self.build / "docs" / lang

    def config_out(self, lang: str) -> Path:
        return self.build / f"mkdocs.{lang}.yml"


class BuildError(Exception):
    """The site builder failed; its output is in the message."""


def load_site(project: Project, cache: FileCache | None = None) -> Site:
    """Load, validate and model the content (raises ContentError with every problem)."""
    site = build_site(load_valid(project.content, project.root, cache))
    site.changed = last_changed(project, [record.path for record in site.records])
    return site


def last_changed(project: Project, paths: list[str]) -> dict[str, datetime.date]:
    """The date each content file last changed: its last commit, or its time stamp when
    it is not committed as it is (one `git log` for all files, not one per file)."""
    dates: dict[str, datetime.date] = {}
    history: subprocess.CompletedProcess[str] | None
    modified: subprocess.CompletedProcess[str] | None
    try:
        history = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-only", "--", "content"],
            cwd=project.root,
            capture_output=True,
            text=True,
            timeout=60,
        )
        modified = subprocess.run(
            ["git", "status", "--porcelain", "--", "content"], cwd=project.root, capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        history = modified = None
    if history is not None and history.returncode == 0:
        top = subprocess.run(
            ["git", "rev-parse", "--show-prefix"], cwd=project.root, capture_output=True, text=True
        ).stdout.strip()
        current = None
        for line in history.stdout.splitlines():
            if line.startswith("@"):
                current = datetime.date.fromisoformat(line[1:])
            elif line and current:
                dates.setdefault(line[len(top) :] if top and line.startswith(top) else line, current)
    dirty = {line[3:] for line in (modified.stdout.splitlines() if modified is not None and modified.returncode == 0 else [])}
    result = {}
    for path in paths:
        if path in dates and path not in dirty:
            result[path] = dates[path]
        else:
            result[path] = datetime.date.fromtimestamp((project.root / path).stat().st_mtime)
    return result


def alternates(lang: str) -> list[dict[str, Any]]:
    """The language switcher's entries, as seen from `lang`'s root."""
    here = LANG_ROOTS[lang]
    up = "../" * here.count("/")
    return [
        {
            "name": labels()["language_name"][code],
            "lang": code,
            "root": up + LANG_ROOTS[code],
            "current": code == lang,
        }
        for code in LANGS
    ]


def nav(lang: str, site: Site | None = None, docs_dir: Path | None = None) -> list[dict[str, str]]:
    """Section pages only: record pages are listed by their index pages, not in every page's nav."""
    entries = [
        ("home", "index.md"),
        ("measures", "measures/index.md"),
        ("regions", "regions/index.md"),
        ("practices", "practices/index.md"),
        ("meetings", "meetings/index.md"),
        ("pilot", "pilot/index.md"),
        ("matrix", "matrix.md"),
        ("partners", "partners/index.md"),
        ("topics", "topics/index.md"),
        ("translation_status", "translation-status.md"),
        *([("help_now", f"help/{site.help[0].slug}.md")] if site and site.help else []),
    ]
    # Hand-written pages (docs/<lang>/), when the project has them.
    written = [
        ("safe_browsing", "safety.md"),
        ("privacy", "privacy.md"),
        ("accessibility", "accessibility.md"),
        ("open_data", "open-data.md"),
    ]
    entries += [(key, path) for key, path in written if docs_dir is None or (docs_dir / lang / path).exists()]
    return [{labels()[key][lang]: path} for key, path in entries]


def search_labels(lang: str) -> dict[str, str]:
    words = labels()
    return {
        "label": words["search_placeholder"][lang],
        "none": words["search_none"][lang],
        "count": words["search_count"][lang],
        "count_one": words["search_count_one"][lang],
        "loading": words["search_loading"][lang],
    }


LOCALES = {"bg": "bg_BG", "en": "en_GB"}


def help_settings(site: Site, lang: str) -> dict[str, Any]:
    """The help lines for the bar on every page (from content/help/), in `lang`."""
    record = site.help[0] if site.help else None
    lines = []
    for line in record.lines if record else []:
        hours = line.hours.get(lang)
        lines.append({"number": line.number, "tel": line.number.replace(" ", ""), "short": hours})
    return {
        "title": labels()["help_now"][lang],
        "page": f"help/{record.slug}/" if record else "safety/",
        "lines": lines,
    }


def exit_settings(lang: str) -> dict[str, str]:
    words = labels()
    return {
        "label": words["quick_exit"][lang],
        "hint": words["quick_exit_hint"][lang],
        "skip": words["skip_to_content"][lang],
        "safety": words["safe_browsing"][lang],
        "safety_page": "safety/",
        "printed_from": words["printed_from"][lang],
    }


def language_config(project: Project, lang: str, site: Site | None = None) -> dict[str, Any]:
    """What differs per language, on top of the shared mkdocs.yml."""
    other = "en" if lang == "bg" else "bg"
    root = site_root(project)  # read once: it parses mkdocs.yml
    extra: dict[str, Any] = {
        "kb_alternate": alternates(lang),  # not "alternate": Material would add head links to it
        "kb_lang": lang,
        "kb_locale": LOCALES[lang],
        "kb_locale_other": LOCALES[other],
        "kb_search": search_labels(lang),
        "kb_exit": exit_settings(lang),
        "kb_site_roots": [{"lang": code, "url": root + LANG_ROOTS[code]} for code in LANGS]
        + [{"lang": "x-default", "url": root}],
    }
    if site is not None:
        extra["kb_help"] = help_settings(site, lang)
    return {
        "INHERIT": os.path.relpath(project.mkdocs_yml, project.build),
        "site_name": labels()["site_short_name"][lang],
        "site_description": labels()["site_description"][lang],
        "docs_dir": os.path.relpath(project.docs_out(lang), project.build),
        "site_dir": os.path.relpath(project.site / LANG_ROOTS[lang], project.build),
        "theme": {"language": lang, "custom_dir": os.path.relpath(project.root / "overrides", project.build)},
        "nav": nav(lang, site, project.docs),
        "site_url": (root + LANG_ROOTS[lang]) if root else "",
        "extra": extra,
        "hooks": [],  # the shared file's hook renders for plain `mkdocs`; here it is done already
    }


_FORKED: tuple[Project, Site, dict[str, PageCache] | None] | None = None


def site_root(project: Project) -> str:
    """The site's public address (WEGO_SITE_URL, as the Pages workflow sets it, or site_url)."""
    url = (
        os.environ.get("WEGO_SITE_URL")
        or (yaml.safe_load(project.mkdocs_yml.read_text(encoding="utf-8")) or {}).get("site_url")
        or ""
    )
    return url if not url or url.endswith("/") else url + "/"


def _render_one(project: Project, site: Site, lang: str, caches: dict[str, PageCache] | None) -> RenderResult:
    root = site_root(project)
    cache = caches.setdefault(lang, {}) if caches is not None else None
    return render_language(
        site, lang, project.docs, project.docs_out(lang), base_url=root + LANG_ROOTS[lang] if root else "", cache=cache
    )


def _render_forked(lang: str) -> RenderResult:
    assert _FORKED is not None
    project, site, caches = _FORKED
    return _render_one(project, site, lang, caches)


def render(
    project: Project, site: Site, langs: tuple[str, ...] = LANGS, caches: dict[str, PageCache] | None = None
) -> dict[str, RenderResult]:
    """Write Markdown and the per-language MkDocs config for each language.

    The languages are independent, so with more than one core each is rendered in a forked
    process (the Site is shared copy-on-write; nothing is pickled but the small results).
    """
    global _FORKED
    if len(langs) > 1 and (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
        _FORKED = (project, site, caches)
        try:
            with multiprocessing.get_context("fork").Pool(len(langs)) as pool:
                results = dict(zip(langs, pool.map(_render_forked, langs), strict=True))
        finally:
            _FORKED = None
        for lang, result in results.items():  # the children's new renderings, kept here
            if caches is not None:
                caches.setdefault(lang, {}).update(result.cache_updates)
    else:
        results = {lang: _render_one(project, site, lang, caches) for lang in langs}
    for lang in langs:
        config = yaml.safe_dump(language_config(project, lang, site), allow_unicode=True, sort_keys=False)
        target = project.config_out(lang)
        if not target.exists() or target.read_text(encoding="utf-8") != config:
            target.write_text(config, encoding="utf-8")
    return results


@contextlib.contextmanager
def build_lock(project: Project) -> Iterator[None]:
    project.build.mkdir(parents=True, exist_ok=True)
    with open(project.build / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_mkdocs(project: Project, langs: tuple[str, ...], staging: Path) -> None:
    """Run one MkDocs build per language in parallel, each into staging/<lang>."""
    processes = {}
    for lang in langs:
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project.config_out(lang)),
            "-d",
            str(staging / lang),
        ]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # the end-of-life notice is known (README)
        processes[lang] = subprocess.Popen(
            command, cwd=project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
    failures = []
    try:
        outputs = {lang: process.communicate()[0] for lang, process in processes.items()}
    except BaseException:  # Ctrl-C or a crash: stop the builders before staging is removed
        for process in processes.values():
            process.kill()
            process.wait()
        raise
    for lang, process in processes.items():
        output = outputs[lang]
        if process.returncode != 0:
            failures.append(f"[{lang}] mkdocs exited {process.returncode}:\n{essential(output)}")
        elif output.strip():
            log.debug("[%s] %s", lang, output.strip())
    if failures:
        raise BuildError("\n".join(failures))


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


def assemble_and_swap(project: Project, staging: Path, langs: tuple[str, ...]) -> None:
    """Nest the other languages under the default one, then swap the result in for site/."""
    final = staging / DEFAULT_LANG
    for lang in langs:
        if lang != DEFAULT_LANG:
            (staging / lang).rename(final / LANG_ROOTS[lang].rstrip("/"))
    old = None
    if project.site.exists():
        old = project.site.with_name(f".site-old-{os.getpid()}")
        project.site.rename(old)
    try:
        final.rename(project.site)
    except BaseException:  # even Ctrl-C here: put the previous site back
        if old is not None and not project.site.exists():
            old.rename(project.site)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@dataclass
class BuildReport:
    site: Site
    rendered: dict[str, RenderResult]
    skipped: bool  # nothing MkDocs reads had changed, so site/ was left as it was

    @property
    def files_written(self) -> int:
        return sum(len(r.written) + len(r.removed) for r in self.rendered.values())


def fingerprint(project: Project, langs: tuple[str, ...]) -> str:
    """A hash of everything the site builder reads: rendered docs, configs, theme overrides."""
    digest = hashlib.sha256()
    for package in ("mkdocs", "mkdocs-material"):
        digest.update(f"{package}=={importlib.metadata.version(package)}".encode())
    folders = [project.docs_out(lang) for lang in langs] + [project.root / "overrides"]
    files = [project.mkdocs_yml] + [project.config_out(lang) for lang in langs]
    for folder in folders:
        files += sorted(p for p in folder.rglob("*") if p.is_file())
    for path in files:
        if path.exists():
            digest.update(str(path.relative_to(project.root)).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@dataclass
class PreviewCache:
    """What `serve` keeps between rebuilds: checked files and rendered record pages."""

    files: FileCache = field(default_factory=dict)
    pages: dict[str, PageCache] = field(default_factory=dict)


def preview_build(project: Project, cache: PreviewCache, langs: tuple[str, ...] = LANGS) -> BuildReport:
    """For `serve`: re-check only changed files, then let MkDocs rebuild only the pages
    whose Markdown changed (--dirty), in place, in forked processes that already have
    MkDocs imported. Not atomic — a preview; invalid content still stops before MkDocs."""
    started = time.perf_counter()
    site = load_site(project, cache.files)
    loaded = time.perf_counter()
    with build_lock(project):
        rendered = render(project, site, langs, cache.pages)
        done = time.perf_counter()
        if not project.site.is_dir():
            raise BuildError("no site/ to update; run a full build first")
        run_mkdocs_forked(project, langs, dirty=True)
    log.info(
        "preview: load %.2f s, render %.2f s (%d pages reused), MkDocs %.2f s",
        loaded - started,
        done - loaded,
        sum(r.reused for r in rendered.values()),
        time.perf_counter() - done,
    )
    return BuildReport(site, rendered, skipped=False)


def run_mkdocs_forked(project: Project, langs: tuple[str, ...], dirty: bool) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    children = {}
    for lang in langs:
        pid = os.fork()
        if pid == 0:  # the child builds one language and exits without returning
            code = 1
            try:
                # strict off: MkDocs always warns that a dirty build is for previews only.
                config = load_config(
                    str(project.config_out(lang)), site_dir=str(project.site / LANG_ROOTS[lang]), strict=not dirty
                )
                mkdocs_build(config, dirty=dirty)
                code = 0
            except BaseException as error:  # noqa: BLE001 - reported by the exit code, printed here
                print(f"[{lang}] {error}", file=sys.stderr)
            finally:
                os._exit(code)
        children[lang] = pid
    failed = [lang for lang, pid in children.items() if os.waitpid(pid, 0)[1] != 0]
    if failed:
        raise BuildError(f"MkDocs failed for: {', '.join(failed)}")


def build(project: Project, langs: tuple[str, ...] = LANGS, cache: PreviewCache | None = None) -> BuildReport:
    """Validate, render and build the whole site; site/ changes only if everything succeeded.

    `serve` passes its cache so that its first full build also prepares later previews."""
    site = load_site(project, cache.files if cache else None)
    with build_lock(project):
        rendered = render(project, site, langs, cache.pages if cache else None)
        stamp = project.build / "site.fingerprint"
        current = fingerprint(project, langs)
        if project.site.is_dir() and stamp.exists() and stamp.read_text() == current:
            return BuildReport(site, rendered, skipped=True)
        staging = Path(tempfile.mkdtemp(prefix=".site-", dir=project.root))
        try:
            run_mkdocs(project, langs, staging)
            assemble_and_swap(project, staging, langs)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        stamp.write_text(current)
    return BuildReport(site, rendered, skipped=False)
