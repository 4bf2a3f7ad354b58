"""The driver: content in, site out, in phases.

    load + validate → model → plan → render → emit → write     (each language in parallel)
    → builder → swap site/

`render()` stops after writing build/docs/<lang>/ — plain Markdown and the files beside it,
which any builder can take; it needs no site builder installed. `build()` then hands them
to a builder (builders/) and swaps the result in for site/ atomically (writer.py).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import builders, buildstate, editor, history
from .builders import BuildError, LivePreview
from .emit import beside_pages, derived_files
from .kinds import REGISTRY
from .model import Site, build_site, resolve_record
from .pageinputs import PageInputs
from .plan import PageSpec, PlanError, plan, record_page
from .problems import ContentError, Position, Problem
from .project import Language, Project
from .render import (
    PageCache,
    PageFailed,
    RenderedPage,
    Renderer,
    Rendering,
    compile_templates,
    keep_renderings,
    project_environment,
)
from .schema import Record
from .search_index import doc_of_page, weighed
from .validate import FileCache, Inside, Loaded, check_path, content_files, load_valid
from .writer import Output, build_lock, replace_file, staging, swap_in

log = logging.getLogger(__name__)

__all__ = ["BuildError", "BuildReport", "PreviewCache", "Project", "build", "load_site", "preview_build", "render"]


@dataclass
class PreviewCache:
    """What `serve` keeps between rebuilds: checked files, rendered pages, the Markdown pages
    each language has, the builder's live preview, and the files still being made after the
    last save was shown."""

    files: FileCache = field(default_factory=dict)
    pages: dict[str, PageCache] = field(default_factory=dict)
    markdown: dict[str, set[str]] = field(default_factory=dict)  # language → its pages' paths in build/docs/<lang>/
    live: LivePreview | None = None
    finishing: Finishing | None = None
    site: Site | None = None  # the last site previewed or built
    theme: tuple[tuple[str, int, int], ...] | None = None  # theme_stamp of the last full build

    def settle(self) -> None:
        """Wait until the files made after the last save are in site/ (tests, the benchmark)."""
        if self.finishing is not None:
            self.finishing.wait()

    def close(self) -> None:
        if self.finishing is not None:
            self.finishing.stop()
        if self.live is not None:
            self.live.close()
            self.live = None


@dataclass
class RenderResult:
    """What rendering one language wrote into build/docs/<lang>/."""

    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    removed: list[Path] = field(default_factory=list)
    reused: int = 0  # pages taken from the page cache
    fresh: dict[str, Rendering] = field(default_factory=dict)  # pages rendered afresh, when there is a cache
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
    if cache is not None:  # serve's: site/ is made afresh, so the live preview starts afresh
        cache.close()
        cache.markdown.clear()
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
    if cache is not None:
        cache.site, cache.theme = site, theme_stamp(project)
    return BuildReport(site, rendered, skipped=skipped, withdrawn=withdrawn)


def theme_stamp(project: Project) -> tuple[tuple[str, int, int], ...]:
    """When the shared mkdocs.yml and the theme's overrides last changed: an edit there
    changes every page's HTML, which `serve`'s live builder would never make again."""
    stamps = []
    for path in [project.mkdocs_yml, *sorted(project.overrides.rglob("*"))]:
        if path.is_file():
            stat = path.stat()
            stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


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
    if caches is not None:  # new renderings (made in the children), kept here
        for lang, result in results.items():
            keep_renderings(site, project_environment(project), pages, result.fresh, caches[lang])
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


def language_renderer(project: Project, site: Site, language: Language, cache: PageCache | None = None, inputs: PageInputs | None = None) -> Renderer:
    others = tuple(project.languages.get(code) for code in project.languages.codes if code != language.code)
    return Renderer(site, language, project_environment(project), cache, others=others, inputs=inputs)


def render_pages(renderer: Renderer, pages: list[PageSpec]) -> tuple[list[RenderedPage], list[PageFailed]]:
    """Every page, or every failure (a page that cannot be made is told with the others)."""
    rendered, failures = [], []
    for spec in pages:
        try:
            rendered.append(renderer.render(spec))
        except PageFailed as failed:
            failures.append(failed)
    return rendered, failures


def language_phases(project: Project, site: Site, pages: list[PageSpec], language: Language, cache: PageCache | None) -> RenderResult:
    """render → write, page by page, then emit what is made of every page → write, for one
    language. A page is written as soon as it is rendered and only its search entry (its
    stems' weights) is kept: the language's pages are never all in memory at once. After a
    page that cannot be made the rest are still rendered, for their failures, not written
    (build/docs/ is scratch; site/ changes only after a whole build)."""
    renderer = language_renderer(project, site, language, cache)
    out = Output(project.docs_out(language.code))
    found, paths, failures = [], [], []
    for spec in pages:
        try:
            page = renderer.render(spec)
        except PageFailed as failed:
            failures.append(failed)
            continue
        if not failures:
            out.write(page.path, page.text.encode())
            paths.append(page.path)
            if page.searchable:
                found.append(weighed(doc_of_page(page), language.code))
    if failures:
        return RenderResult(failures=failures)
    beside = beside_pages(project, language)
    for relative, content in beside.items():
        out.write(relative, content)
    markdown = paths + [relative for relative in beside if relative.endswith(".md")]
    for relative, content in derived_files(project, site, language, found, markdown).items():
        out.write(relative, content)
    out.prune()
    return RenderResult(out.written, out.unchanged, out.removed, renderer.reused, renderer.fresh)


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


def show_saved(project: Project, cache: PreviewCache) -> list[str]:
    """The saved records' own pages at once (first_look), or [] — also when anything goes
    wrong on the way: the preview that follows then does all of it, and tells what failed."""
    try:
        return first_look(project, cache)
    except Exception:  # noqa: BLE001 - a shortcut only; the preview reports the cause
        log.debug("first look at a save failed", exc_info=True)
        return []


def first_look(project: Project, cache: PreviewCache) -> list[str]:
    """For `serve`, before its preview: the saved records' own pages, at once. When the save
    changed records that were there and are valid by themselves, each is rendered into the
    last site (its references resolved there) and its page alone made into HTML; the preview
    that follows makes every page exact (lists, the matrix, the records that show its title)
    and checks the records across files. Returns the pages shown; [] when the save is not
    such a change (a new or deleted file, a mistake, something else than content), and the
    preview is all there is."""
    site, live = cache.site, cache.live
    saved = saved_records(project, cache) if site is not None and live is not None else None
    if not saved or site is None or live is None:
        return []
    specs = []
    for record in saved:
        if not resolve_record(site, record):
            return []
        specs.append(record_page(site, REGISTRY.of(record), record))
    made = {}
    for language in project.languages:
        made[language.code], failures = render_pages(language_renderer(project, site, language), specs)
        if failures:
            return []
    changed: dict[str, list[str]] = {}
    for code, rendered in made.items():
        out = Output(project.docs_out(code))
        for page in rendered:
            out.write(page.path, page.text.encode())
        changed[code] = markdown_written(out)
    buildstate.forget(project)  # site/ is changed in place: the next build must build it whole
    try:
        live.update(changed, {})
    except BuildError:  # the builder's processes stopped: the preview starts them again
        cache.live = None
        return []
    return [spec.path for spec in specs]


def saved_records(project: Project, cache: PreviewCache) -> list[Record] | None:
    """The records whose files changed since the last preview, checked (into the file cache);
    None when a file was added or deleted, or a changed one is not a valid record by itself."""
    tree = content_files(project.content)
    if tree.unreadable or cache.site is None:
        return None
    present = set(tree.paths)
    last = {record.path for record in (*cache.site.records, *cache.site.withdrawn)}
    if any(path not in present and checked.path in last for path, (_, checked) in cache.files.items()):
        return None  # a record's file is gone
    within = Inside(project.content, project.root)
    saved = []
    for path in tree.paths:
        known = cache.files.get(path)
        if known is None:
            return None  # a new file
        try:
            stat = path.lstat()
        except OSError:
            return None
        if (stat.st_size, stat.st_mtime_ns) == known[0]:
            continue
        checked = check_path(path, project.content, project.root, cache.files, within)
        before = known[1].record
        if checked.problems or checked.record is None or before is None or checked.record.is_withdrawn or before.is_withdrawn:
            return None
        saved.append(checked.record)
    return saved


def preview_build(project: Project, cache: PreviewCache) -> BuildReport:
    """For `serve`: what a save changed, shown at once. Only changed files are checked again,
    only pages whose inputs changed are rendered again (render.py's page cache), and the
    builder's live preview turns only the Markdown that changed into HTML. What is made from
    every page together (search index, open data, feed) follows in the background (Finishing),
    given up for the next save's if one comes first. Not atomic — a preview; invalid content
    still stops before the builder."""
    chosen = builders.get(builders.DEFAULT)
    langs = project.languages.codes
    if cache.finishing is not None:
        cache.finishing.stop()  # an older save's: made again below, from this one
    if cache.theme != theme_stamp(project):  # every page's HTML changes: a build from the start
        return build(project, cache=cache)
    started = time.perf_counter()
    site = load_site(project, cache.files)
    loaded = time.perf_counter()
    with build_lock(project.build):
        pages = plan(site, project.languages.codes)
        inputs = PageInputs(site)  # the pages' keys, the same in every language
        made = [render_language(project, site, pages, project.languages.get(lang), cache, inputs) for lang in langs]
        failures = [failure.problem() for one in made for failure in one.failures]
        if failures:
            raise ContentError(failures)
        shown = {one.language.code: show_language(project, site, pages, one, cache) for one in made}
        reconfigured = chosen.configure(project, site, langs)
        rendered = time.perf_counter()
        if not project.site.is_dir():
            raise BuildError("no site/ to update; run a full build first")
        buildstate.forget(project)  # site/ is changed in place: the next build must build it whole
        if cache.live is None:
            cache.live = chosen.live(project, langs)
        try:
            cache.live.update(
                {lang: one.changed_pages for lang, one in shown.items()},
                {lang: reconfigured or one.pages_moved for lang, one in shown.items()},
            )
        except BuildError:
            cache.live = None  # stopped: the next preview starts it again, and it reads every page
            raise
        for lang, one in shown.items():
            publish(project, lang, one.out.written)
        cache.finishing = Finishing.start(project, site, shown)
        cache.site = site
    log.info(
        "preview: load %.2f s, render %.2f s (%d pages reused), builder %.2f s",
        loaded - started,
        rendered - loaded,
        sum(one.result.reused for one in shown.values()),
        time.perf_counter() - rendered,
    )
    return BuildReport(site, {lang: one.result for lang, one in shown.items()}, skipped=False)


@dataclass
class Shown:
    """What a save changed in one language's pages (the first part of a preview)."""

    result: RenderResult
    out: Output
    rendered: list[RenderedPage] = field(default_factory=list)
    changed_pages: list[str] = field(default_factory=list)  # Markdown pages written (paths in build/docs/<lang>/)
    pages_moved: bool = False  # a page added or gone: the builder reads the list of pages again


@dataclass
class Rendered:
    """One language's pages rendered for a preview, nothing written yet."""

    language: Language
    renderer: Renderer
    pages: list[RenderedPage]
    failures: list[PageFailed]


def render_language(project: Project, site: Site, pages: list[PageSpec], language: Language, cache: PreviewCache, inputs: PageInputs) -> Rendered:
    """Every page of one language, from the page cache where its inputs did not change; in the
    process that keeps the cache (few pages are rendered; a fork would copy its page tables).
    Nothing is written and the cache is not changed, so that a page one language cannot make
    leaves both languages as they were."""
    renderer = language_renderer(project, site, language, cache.pages.setdefault(language.code, {}), inputs)
    return Rendered(language, renderer, *render_pages(renderer, pages))


def show_language(project: Project, site: Site, pages: list[PageSpec], rendered: Rendered, cache: PreviewCache) -> Shown:
    """write, for one language: the pages rendered afresh (kept in the page cache), the files
    beside them, and the pages no longer made removed."""
    code, renderer = rendered.language.code, rendered.renderer
    assert renderer.inputs is not None and renderer.cache is not None
    keep_renderings(site, project_environment(project), pages, renderer.fresh, renderer.cache, renderer.inputs)
    out = Output(project.docs_out(code))
    for page in rendered.pages:
        if page.path in renderer.fresh:
            out.write(page.path, page.text.encode())
        else:
            out.keep(page.path)
    for relative, content in beside_pages(project, rendered.language).items():
        out.write(relative, content)
    folder = project.docs_out(code)
    before = cache.markdown.get(code)
    if before is None:
        before = {path.relative_to(folder).as_posix() for path in folder.rglob("*.md")}
    now = {relative for relative in out.relatives if relative.endswith(".md")}
    for gone in before - now:
        (folder / gone).unlink(missing_ok=True)
    cache.markdown[code] = now
    result = RenderResult(out.written, out.unchanged, [folder / gone for gone in sorted(before - now)], renderer.reused, renderer.fresh)
    return Shown(result, out, rendered.pages, markdown_written(out), pages_moved=before != now)


def markdown_written(out: Output) -> list[str]:
    """The Markdown pages an Output wrote (paths in its folder): what the builder makes again."""
    return [path.relative_to(out.folder).as_posix() for path in out.written if path.suffix == ".md"]


def publish(project: Project, lang: str, written: list[Path]) -> None:
    """Files beside the pages (images), copied into site/ as the builder copies them; the pages
    themselves are the builder's, and a file no longer made is removed by Finishing
    (publish_derived), which knows every file of the language."""
    folder = project.docs_out(lang)
    target = project.site / project.languages.root(lang)
    for path in written:
        if path.suffix != ".md":
            replace_file(target / path.relative_to(folder), path.read_bytes())


def publish_derived(project: Project, lang: str, files: dict[str, bytes], removed: list[str], pages: set[str]) -> None:
    """The search index, open data, feed and redirects into site/, each whose copy there
    differs (compared there, not in build/docs/: a Finishing stopped between the two left
    build/docs/ new and site/ old); a file no longer made is removed, unless a page's HTML
    took its place (a folder's redirect gives way to the folder's own page)."""
    target = project.site / project.languages.root(lang)
    for relative, content in files.items():
        path = target / relative
        if not (path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content):
            replace_file(path, content)
    shown = {page_html(page) for page in pages}
    for relative in removed:
        if not relative.endswith(".md") and relative not in shown:
            (target / relative).unlink(missing_ok=True)


def page_html(markdown: str) -> str:
    """Where a Markdown page's HTML is in site/ (MkDocs' addresses: a/b.md → a/b/index.html)."""
    stem = markdown.removesuffix(".md")
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


@dataclass
class Finishing:
    """The rest of a preview, made after the save is shown: each language's redirects, search
    index, open data and feed, in a forked process of its own (the pages, site and records
    are shared copy-on-write), written into build/docs/ and copied into site/. A newer save
    stops it: its files are written whole or not at all (writer.replace_file), and the next
    preview makes them again."""

    children: dict[str, int]

    @classmethod
    def start(cls, project: Project, site: Site, shown: dict[str, Shown]) -> Finishing:
        children = {}
        for lang, one in shown.items():
            pid = os.fork()
            if pid == 0:  # the child makes one language's files and exits without returning
                code = 1
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops this child
                try:
                    finish_language(project, site, project.languages.get(lang), one)
                    code = 0
                except BaseException as error:  # noqa: BLE001 - told by the exit code, printed here
                    print(f"[{lang}] {type(error).__name__}: {error}", file=sys.stderr)
                finally:
                    os._exit(code)
            children[lang] = pid
        return cls(children)

    def wait(self) -> None:
        """Until every language's files are in place; BuildError if one could not be made."""
        failed = [lang for lang, pid in self.children.items() if _exit_code(pid) != 0]
        self.children = {}
        if failed:
            raise BuildError(f"the search index and open data could not be made for: {', '.join(failed)}")

    def stop(self) -> None:
        for pid in self.children.values():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for pid in self.children.values():
            _exit_code(pid)
        self.children = {}


def _exit_code(pid: int) -> int:
    try:
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    except ChildProcessError:  # already waited for
        return 0


def finish_language(project: Project, site: Site, language: Language, shown: Shown) -> None:
    out = Output(project.docs_out(language.code), whole=True)
    for relative in shown.out.relatives:
        out.keep(relative)
    markdown = [relative for relative in shown.out.relatives if relative.endswith(".md")]
    found = [doc_of_page(page) for page in shown.rendered if page.searchable]
    files = derived_files(project, site, language, found, markdown)
    for relative, content in files.items():
        out.write(relative, content)
    out.prune()
    removed = [path.relative_to(out.folder).as_posix() for path in out.removed]
    publish_derived(project, language.code, files, removed, set(markdown))
