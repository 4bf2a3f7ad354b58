"""The driver: content in, site out, in phases.

    load + validate  →  model (references, history)  →  plan  →  render (per language)
    →  search index, open data, feed  →  write build/docs/<lang>/  →  builder  →  swap site/

`render()` stops after writing build/docs/<lang>/ — plain Markdown that any builder can
take; it needs no site builder installed. `build()` then hands the Markdown to a builder
(builders/) and swaps the result in for site/ atomically (writer.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import posixpath
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import builders, editor, history, urls
from .builders import BuildError
from .model import Site, build_site
from .opendata import atom_feed, data_files, robots_txt
from .plan import PageSpec, plan, redirects
from .project import Project
from .render import CachedPage, PageCache, Renderer, make_environment, with_anchors, xml_environment
from .search_index import build_index, doc_of_page, doc_of_written, synonyms
from .validate import FileCache, load_valid
from .words import kind_word, ui
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


@dataclass
class BuildReport:
    site: Site
    rendered: dict[str, RenderResult]
    skipped: bool  # nothing the builder reads had changed, so site/ was left as it was

    @property
    def files_written(self) -> int:
        return sum(len(r.written) + len(r.removed) for r in self.rendered.values())


# --- phases ---------------------------------------------------------------------------


def load_site(project: Project, cache: FileCache | None = None) -> Site:
    """Load, validate and model the content (raises ContentError with every problem)."""
    loaded = load_valid(project.content, project.root, cache)
    changed = history.last_changed(project.root, [item.record.path for item in loaded])
    return build_site(loaded, changed)


def render_language(project: Project, site: Site, pages: list[PageSpec], lang: str, cache: PageCache | None) -> RenderResult:
    """Every page, hand-written page and generated file of one language, into build/docs/<lang>/."""
    fallback = project.languages.fallback(lang)
    renderer = Renderer(site, lang, make_environment(project.languages), cache)
    out = Output(project.docs_out(lang))
    rendered = [renderer.render(spec) for spec in pages]
    for page in rendered:
        out.write_text(page.path, page.text)
    search_docs = [doc_of_page(page) for page in rendered if page.searchable]
    for relative, source in project.written_pages(lang).items():
        if relative.endswith(".md"):
            markdown = source.read_text(encoding="utf-8")
            search_docs.append(doc_of_written(relative, markdown, kind_word("page", lang, fallback)))
            out.write_text(relative, with_anchors(markdown))
        else:
            out.write(relative, source.read_bytes())
    for relative, source in project.assets().items():
        out.write(relative, source.read_bytes())
    for redirect in redirects(site):
        target = posixpath.relpath(urls.address(redirect.new) or ".", posixpath.dirname(redirect.old))
        out.write_text(redirect.old, xml_environment().get_template("redirect.html.j2").render(lang=lang, target=target + "/"))
    index = build_index(search_docs, lang)
    index["synonyms"] = synonyms([entry for words in site.search_words for entry in words.entries], lang)
    out.write_text(urls.SEARCH_INDEX, json.dumps(index, ensure_ascii=False, separators=(",", ":")))
    for relative, text in data_files(site, lang, fallback).items():
        out.write_text(relative, text)
    base_url = project.language_url(lang)
    name = ui("site_name", lang, fallback)
    out.write_text(urls.FEED, atom_feed(xml_environment(), site, lang, fallback, base_url, name))
    if base_url and lang == project.languages.default:  # robots.txt names the sitemaps by address
        out.write_text(urls.ROBOTS, robots_txt(project.base_url, project.languages))
    out.prune()
    return RenderResult(out.written, out.unchanged, out.removed, renderer.reused, renderer.cache_updates)


_FORKED: tuple[Project, Site, list[PageSpec], dict[str, PageCache] | None] | None = None


def _render_forked(lang: str) -> RenderResult:
    assert _FORKED is not None
    project, site, pages, caches = _FORKED
    return render_language(project, site, pages, lang, caches.get(lang) if caches is not None else None)


def render(
    project: Project, site: Site, langs: tuple[str, ...] | None = None, caches: dict[str, PageCache] | None = None
) -> dict[str, RenderResult]:
    """Plan the pages, then render each language into build/docs/<lang>/.

    The languages are independent, so with more than one core each is rendered in a forked
    process (the Site is shared copy-on-write; nothing is pickled but the small results)."""
    global _FORKED
    langs = langs or project.languages.codes
    pages = plan(site, project.languages.codes)
    if caches is not None:
        for lang in langs:
            caches.setdefault(lang, {})
    if len(langs) > 1 and (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
        _FORKED = (project, site, pages, caches)
        try:
            with multiprocessing.get_context("fork").Pool(len(langs)) as pool:
                results = dict(zip(langs, pool.map(_render_forked, langs), strict=True))
        finally:
            _FORKED = None
    else:
        results = {lang: render_language(project, site, pages, lang, caches.get(lang) if caches else None) for lang in langs}
    for lang, result in results.items():  # new renderings (made in the children), kept here
        if caches is not None:
            caches[lang].update(result.cache_updates)
    return results


def fingerprint(project: Project, builder: builders.Builder, langs: tuple[str, ...], admin: dict[str, bytes]) -> str:
    """A hash of everything the builder reads: rendered docs, its configs, theme overrides."""
    digest = hashlib.sha256(f"{builder.name};{builder.version()}".encode())
    files = [p for lang in langs for p in sorted(project.docs_out(lang).rglob("*")) if p.is_file()]
    for path in files + builder.inputs(project, langs):
        if path.exists():
            digest.update(str(path.relative_to(project.root)).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    for relative, content in sorted(admin.items()):
        digest.update(f"admin/{relative}".encode() + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()


def editor_files(project: Project, site: Site) -> dict[str, bytes]:
    """The partners' editor at /admin/ (editor.py), when its npm packages are installed."""
    try:
        return editor.admin_files(project, site.regions, set(site.protocols))
    except editor.EditorMissing as missing:
        log.warning("no /admin/ editor: %s is missing; `make site` installs it (npm ci in editor/)", missing)
        return {}


def add_editor(files: dict[str, bytes], site_root: Path) -> None:
    out = Output(site_root / editor.ADMIN)
    for relative, content in files.items():
        out.write(relative, content)


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


# --- commands ---------------------------------------------------------------------------


def build(
    project: Project, langs: tuple[str, ...] | None = None, cache: PreviewCache | None = None, builder: str = builders.DEFAULT
) -> BuildReport:
    """Validate, render and build the whole site; site/ changes only if everything succeeded.

    `serve` passes its cache so that its first full build also prepares later previews."""
    langs = langs or project.languages.codes
    site = load_site(project, cache.files if cache else None)
    chosen = builders.get(builder)
    with build_lock(project.build):
        rendered = render(project, site, langs, cache.pages if cache else None)
        chosen.configure(project, site, langs)
        admin = editor_files(project, site)
        stamp = project.build / "site.fingerprint"
        current = fingerprint(project, chosen, langs, admin)
        if project.site.is_dir() and stamp.exists() and stamp.read_text() == current:
            return BuildReport(site, rendered, skipped=True)
        with staging(project.site) as stage:
            chosen.build(project, langs, stage)
            final = assemble(stage, project, langs)
            add_editor(admin, final)
            swap_in(final, project.site)
        stamp.write_text(current)
    return BuildReport(site, rendered, skipped=False)


def preview_build(project: Project, cache: PreviewCache) -> BuildReport:
    """For `serve`: re-check only changed files, re-render only changed record pages, then
    let MkDocs rebuild only the pages whose Markdown changed. Not atomic — a preview;
    invalid content still stops before MkDocs."""
    from .builders.mkdocs import BUILDER as mkdocs_builder

    langs = project.languages.codes
    started = time.perf_counter()
    site = load_site(project, cache.files)
    loaded = time.perf_counter()
    with build_lock(project.build):
        rendered = render(project, site, langs, cache.pages)
        mkdocs_builder.configure(project, site, langs)
        done = time.perf_counter()
        if not project.site.is_dir():
            raise BuildError("no site/ to update; run a full build first")
        mkdocs_builder.preview(project, langs)
    log.info(
        "preview: load %.2f s, render %.2f s (%d pages reused), MkDocs %.2f s",
        loaded - started,
        done - loaded,
        sum(r.reused for r in rendered.values()),
        time.perf_counter() - done,
    )
    return BuildReport(site, rendered, skipped=False)
