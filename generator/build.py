"""The driver: content in, site out, in phases.

    load + validate → model → plan → render → emit → write     (each language in parallel)
    → builder → swap site/

`render()` stops after writing build/docs/<lang>/ — plain Markdown and the files beside it,
which any builder can take; it needs no site builder installed. `build()` then hands them
to a builder (builders/) and swaps the result in for site/ atomically (writer.py).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import builders, buildstate, editor, history
from .builders import BuildError
from .emit import emit
from .model import Site, build_site
from .plan import PageSpec, PlanError, plan
from .problems import ContentError, Position, Problem
from .project import Language, Project
from .render import CachedPage, PageCache, PageFailed, Renderer, compile_templates, project_environment
from .validate import FileCache, Loaded, load_valid
from .writer import Output, build_lock, staging, swap_in

log = logging.getLogger(__name__)

__all__ = ["BuildError", "BuildReport", "PreviewCache", "Project", "build", "load_site", "preview_build", "render"]


@dataclass
class PreviewCache:
    """What `serve` keeps between rebuilds: checked files and rendered record pages."""

    files: FileCache = field(default_factory=dict)
    pages: dict[str, PageCache] = field(default_factory=dict)


@dataclass
class RenderResult:
    """What rendering one language wrote into build/docs/<lang>/."""

    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    removed: list[Path] = field(default_factory=list)
    reused: int = 0  # record pages taken from the page cache
    cache_updates: dict[str, CachedPage] = field(default_factory=dict)
    failures: list[PageFailed] = field(default_factory=list)


@dataclass
class BuildReport:
    site: Site | None  # None: nothing the site is made from had changed, so nothing was loaded
    rendered: dict[str, RenderResult]
    skipped: bool  # nothing the builder reads had changed, so site/ was left as it was
    withdrawn: tuple[str, ...] = ()  # records not published: marked to be deleted (paths)

    @property
    def files_written(self) -> int:
        return sum(len(r.written) + len(r.removed) for r in self.rendered.values())


# --- the two commands -------------------------------------------------------------------


def build(
    project: Project, langs: tuple[str, ...] | None = None, cache: PreviewCache | None = None, builder: str = builders.DEFAULT
) -> BuildReport:
    """Validate, render and build the whole site; site/ changes only if everything succeeded.
    When nothing it is made from changed since the last build (buildstate.py), nothing is done.

    `serve` passes its cache so that its first full build also prepares later previews."""
    langs = langs or project.languages.codes
    last = buildstate.read(project)
    inputs, seen = buildstate.fingerprint(project, langs, builder, last.files if last else None)
    if cache is None and last is not None and last.inputs == inputs and project.site.is_dir():
        if seen != last.files:  # time stamps changed, bytes did not: read less next time
            buildstate.write(project, buildstate.BuildState(inputs, last.withdrawn, seen))
        return BuildReport(None, {}, skipped=True, withdrawn=last.withdrawn)
    site = load_site(project, cache.files if cache else None)  # load, validate, model
    withdrawn = tuple(record.path for record in site.withdrawn)
    chosen = builders.get(builder)
    with build_lock(project.build):
        rendered = render(project, site, langs, cache.pages if cache else None)  # plan, render, emit, write
        chosen.configure(project, site, langs)
        admin = editor.site_files(project, site)
        skipped = chosen.is_current(project, langs, admin)
        if not skipped:
            buildstate.forget(project)  # site/ is about to change: nothing says it is current until it has
            with staging(project.site) as stage:
                chosen.build(project, langs, stage)  # builder
                final = assemble(stage, project, langs)
                editor.add_to_site(admin, final)
                swap_in(final, project.site)  # swap
            chosen.remember(project)
        buildstate.write(project, buildstate.BuildState(inputs, withdrawn, seen))
    return BuildReport(site, rendered, skipped=skipped, withdrawn=withdrawn)


def render(
    project: Project, site: Site, langs: tuple[str, ...] | None = None, caches: dict[str, PageCache] | None = None
) -> dict[str, RenderResult]:
    """Plan the pages, then render, emit and write each language into build/docs/<lang>/.
    A page that cannot be made stops the build with every such failure, like invalid content."""
    langs = langs or project.languages.codes
    refuse_shallow_clone(project)
    pages = plan(site, project.languages.codes)
    if caches is not None:
        for lang in langs:
            caches.setdefault(lang, {})
    results = each_language(project, site, pages, langs, caches)
    failures = [failure for result in results.values() for failure in result.failures]
    if failures:
        raise ContentError([failure.problem() for failure in failures])
    for lang, result in results.items():  # new renderings (made in the children), kept here
        if caches is not None:
            caches[lang].update(result.cache_updates)
    return results


# --- phases -----------------------------------------------------------------------------


def load_site(project: Project, cache: FileCache | None = None) -> Site:
    """Load, validate and model the content (raises ContentError with every problem)."""
    loaded = load_valid(project.content, project.root, cache)
    dated = history.read(project.root, [item.record.path for item in loaded], history.repository_url())
    return build_site(loaded, history=dated)


def refuse_shallow_clone(project: Project) -> None:
    """A shallow clone lacks the history that dates the pages (every page would look
    changed on the day of its newest commit): stop before any page is written, like
    invalid content. Only the commands that make pages ask; `validate` and `status` work."""
    marker = history.shallow_file(project.root)
    if marker is not None:
        raise ContentError([Problem(marker, Position(1, 1), "shallow_clone")])


def address_problems(project: Project, loaded: list[Loaded]) -> list[Problem]:
    """Valid records whose pages would share an address (with each other or with one of the
    site's own pages): the plan's question, asked by `validate` before anything is built."""
    try:
        plan(build_site(loaded), project.languages.codes)
    except PlanError as error:
        return error.problems
    return []


def language_phases(project: Project, site: Site, pages: list[PageSpec], language: Language, cache: PageCache | None) -> RenderResult:
    """render → emit → write, for one language."""
    others = tuple(project.languages.get(code) for code in project.languages.codes if code != language.code)
    renderer = Renderer(site, language, project_environment(project), cache, others=others)
    rendered, failures = [], []
    for spec in pages:
        try:
            rendered.append(renderer.render(spec))
        except PageFailed as failed:
            failures.append(failed)
    if failures:
        return RenderResult(failures=failures)
    out = Output(project.docs_out(language.code))
    for relative, content in emit(project, site, language, rendered).items():
        out.write(relative, content)
    out.prune()
    return RenderResult(out.written, out.unchanged, out.removed, renderer.reused, renderer.cache_updates)


_FORKED: tuple[Project, Site, list[PageSpec], dict[str, PageCache] | None] | None = None


def _forked_language(lang: str) -> RenderResult:
    assert _FORKED is not None
    project, site, pages, caches = _FORKED
    return language_phases(project, site, pages, project.languages.get(lang), caches.get(lang) if caches is not None else None)


def each_language(
    project: Project, site: Site, pages: list[PageSpec], langs: tuple[str, ...], caches: dict[str, PageCache] | None
) -> dict[str, RenderResult]:
    """The languages are independent, so with more than one core each is made in a forked
    process (the Site is shared copy-on-write; nothing is pickled but the small results)."""
    global _FORKED
    if len(langs) > 1 and (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
        compile_templates(project_environment(project))  # once here, not in each child (and each save)
        _FORKED = (project, site, pages, caches)
        try:
            with multiprocessing.get_context("fork").Pool(len(langs)) as pool:
                return dict(zip(langs, pool.map(_forked_language, langs), strict=True))
        finally:
            _FORKED = None
    languages = [project.languages.get(lang) for lang in langs]
    return {one.code: language_phases(project, site, pages, one, caches.get(one.code) if caches is not None else None) for one in languages}


def assemble(stage: Path, project: Project, langs: tuple[str, ...]) -> Path:
    """Nest each language's build under the default one's (en → en/); return the result."""
    final = stage / project.languages.default
    for lang in langs:
        if lang != project.languages.default:
            (stage / lang).rename(final / project.languages.root(lang).rstrip("/"))
    # The theme's source maps serve only its developers (and name their machines' paths).
    for source_map in final.rglob("*.map"):
        source_map.unlink()
    return final


def preview_build(project: Project, cache: PreviewCache) -> BuildReport:
    """For `serve`: re-check only changed files, re-render only changed record pages, then
    let the builder update only the pages whose Markdown changed. Not atomic — a preview;
    invalid content still stops before the builder."""
    chosen = builders.get(builders.DEFAULT)
    langs = project.languages.codes
    started = time.perf_counter()
    site = load_site(project, cache.files)
    loaded = time.perf_counter()
    with build_lock(project.build):
        rendered = render(project, site, langs, cache.pages)
        chosen.configure(project, site, langs)
        done = time.perf_counter()
        if not project.site.is_dir():
            raise BuildError("no site/ to update; run a full build first")
        buildstate.forget(project)  # site/ is changed in place: the next build must build it whole
        chosen.preview(project, langs)
    log.info(
        "preview: load %.2f s, render %.2f s (%d pages reused), builder %.2f s",
        loaded - started,
        done - loaded,
        sum(r.reused for r in rendered.values()),
        time.perf_counter() - done,
    )
    return BuildReport(site, rendered, skipped=False)
