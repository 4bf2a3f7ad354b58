"""Stage 4 — render: the Site becomes plain Markdown, one folder per language.

Python decides which pages exist and what each receives; Jinja templates decide how a
page looks. Output goes to build/docs/<lang>/, which any Markdown site builder can take
(MkDocs here, through build/mkdocs.<lang>.yml). A file is rewritten only when its content
changed, so a rebuild touches only what an edit affects.

Partner text is untrusted: it reaches the page either escaped (inline text) or as
Markdown turned into HTML and cleaned by nh3 with an allow-list (block text). Content is
data passed to templates, never a template itself, so "{{ … }}" in a record stays text.
"""

from __future__ import annotations

import dataclasses
import html
import json
import logging
import os
import posixpath
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, get_args

import markdown
import nh3
import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from . import schema
from .model import Site, draft_records, kind_of, page_path, translation_rows
from .opendata import atom_feed, data_files, robots_txt
from .problems import LANGS
from .schema import Record, Text
from .search_index import SearchDoc, index_json, search_doc

SEARCH_INDEX_PATH = "assets/search-index.json"

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
LABELS = Path(__file__).parent / "locale" / "labels.yaml"
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "blockquote", "code", "h3", "h4"}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
# Characters that Markdown would read as markup inside inline text.
MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|~])")


class RenderError(Exception):
    """Rendering cannot go on (e.g. two pages would claim one address)."""


@dataclass(frozen=True)
class PageSpec:
    """One page to write: where, with which template, and the objects it shows."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    record: Record | None = None
    searchable: bool = True  # list pages beyond the first only repeat record titles


@cache
def labels() -> dict[str, Any]:
    with LABELS.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def enum_values(name: str) -> tuple[str, ...]:
    return get_args(getattr(schema, name))


# Lists longer than this are split over pages, so no page grows with the site.
LIST_PAGE = 50
INLINE_PRACTICES = 10  # practices shown on a measure or region page before "all …"
MATRIX_REGIONS, MATRIX_MEASURES = 8, 40


@dataclass(frozen=True)
class Pager:
    """Where a page sits in a list split over several pages."""

    number: int
    paths: list[str]  # the path of every page of the list, in order
    total: int


def paged(
    base: str, template: str, items: list[Any], context: dict[str, Any], size: int = LIST_PAGE, searchable: bool = True
) -> list[PageSpec]:
    """base.md, base-2.md, … each with `items` (its share) and a Pager."""
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    stem = base[: -len(".md")]
    paths = [base] + [f"{stem}-{n}.md" for n in range(2, len(chunks) + 1)]
    return [
        PageSpec(
            path,
            template,
            {**context, "items": chunk, "pager": Pager(n + 1, paths, len(items))},
            searchable=n == 0 and searchable,
        )
        for n, (path, chunk) in enumerate(zip(paths, chunks, strict=True))
    ]


def page_specs(site: Site) -> list[PageSpec]:
    """Every page of the site, the same in each language."""
    pages = [
        PageSpec(
            "index.md", "home.md.j2", {"measures": site.measures[:INLINE_PRACTICES], "regions": site.regions[:INLINE_PRACTICES]}
        ),
        *paged("measures/index.md", "measures.md.j2", site.measures, {}),
        *paged("regions/index.md", "regions.md.j2", site.regions, {}),
        PageSpec(
            "practices/index.md", "practices.md.j2", {"groups": practice_groups(site), "inline": len(site.practices) <= LIST_PAGE}
        ),
        *practice_group_pages(site),
        *paged("partners/index.md", "partners.md.j2", site.partners, {}),
        PageSpec("meetings/index.md", "meetings.md.j2"),
        PageSpec("pilot/index.md", "pilots.md.j2"),
        PageSpec("topics/index.md", "topics.md.j2"),
        *matrix_pages(site),
        *translation_pages(site),
        PageSpec("search.md", "search.md.j2"),
    ]
    for measure in site.measures:
        context = {
            "measure": measure,
            "practices": site.practices_by_measure.get(measure.slug, [])[:INLINE_PRACTICES],
            "practices_total": len(site.practices_by_measure.get(measure.slug, [])),
            "support": site.support_by_measure.get(measure.slug, []),
            "status": [site.status[(measure.slug, region.slug)] for region in site.regions],
        }
        pages.append(PageSpec(page_path(measure), "measure.md.j2", context, measure))
    for region in site.regions:
        known_status = [cell for m in site.measures if (cell := site.status[(m.slug, region.slug)]).state != "unknown"]
        context = {
            "region": region,
            "centre": site.get("partner", region.centre),
            "protocol": site.protocols.get(region.slug),
            "practices": site.practices_by_region.get(region.slug, [])[:INLINE_PRACTICES],
            "practices_total": len(site.practices_by_region.get(region.slug, [])),
            "status": known_status[:LIST_PAGE],
            "status_total": len(known_status),
        }
        pages.append(PageSpec(page_path(region), "region.md.j2", context, region))
    for protocol in site.protocols.values():
        context = {"protocol": protocol, "region": site.get("region", protocol.slug)}
        pages.append(PageSpec(page_path(protocol), "protocol.md.j2", context, protocol))
    for practice in site.practices:
        context = {
            "practice": practice,
            "region": site.get("region", practice.region),
            "measures": [site.get("measure", slug) for slug in practice.measures],
        }
        pages.append(PageSpec(page_path(practice), "practice.md.j2", context, practice))
    for partner in site.partners:
        context = {"partner": partner, "region": site.get("region", partner.region)}
        pages.append(PageSpec(page_path(partner), "partner.md.j2", context, partner))
    for meeting in site.meetings:
        context = {"meeting": meeting, "regions": [site.get("region", slug) for slug in meeting.regions]}
        if meeting.vote:
            context["results"] = [(site.get("measure", r.measure), r.support) for r in meeting.vote.results]
        pages.append(PageSpec(page_path(meeting), "meeting.md.j2", context, meeting))
    for pilot in site.pilots:
        context = {"pilot": pilot, "measure": site.get("measure", pilot.measure), "region": site.get("region", pilot.region)}
        pages.append(PageSpec(page_path(pilot), "pilot.md.j2", context, pilot))
    for topic in site.topics:
        pages.append(PageSpec(page_path(topic), "topic.md.j2", {"topic": topic}, topic))
    for help_record in site.help:
        pages.append(PageSpec(page_path(help_record), "help.md.j2", {"help": help_record}, help_record))
    return pages


def practice_groups(site: Site) -> dict[str, list[tuple[Any, str, list[Any]]]]:
    """Practices grouped three ways: (heading record or value, listing page, practices)."""
    by_measure: list[tuple[Any, str, list[Any]]] = [
        (m, f"practices/by-measure/{m.slug}.md", site.practices_by_measure[m.slug])
        for m in site.measures
        if m.slug in site.practices_by_measure
    ]
    unlinked = [p for p in site.practices if not p.measures]
    if unlinked:
        by_measure.append((None, "practices/by-measure/none.md", unlinked))
    return {
        "region": [
            (r, f"practices/by-region/{r.slug}.md", site.practices_by_region[r.slug])
            for r in site.regions
            if r.slug in site.practices_by_region
        ],
        "measure": by_measure,
        "target": [
            (g, f"practices/by-target/{g}.md", site.practices_by_target[g])
            for g in enum_values("TargetGroup")
            if g in site.practices_by_target
        ],
    }


def practice_group_pages(site: Site) -> list[PageSpec]:
    """A paged list of practices for every region, measure and target group."""
    pages = []
    for grouping, groups in practice_groups(site).items():
        for heading, path, practices in groups:
            pages += paged(path, "practice_group.md.j2", practices, {"grouping": grouping, "heading": heading}, searchable=False)
    return pages


def matrix_pages(site: Site) -> list[PageSpec]:
    """The measure × region matrix, in blocks small enough for one page each."""
    region_blocks = [site.regions[i : i + MATRIX_REGIONS] for i in range(0, len(site.regions), MATRIX_REGIONS)] or [[]]
    measure_blocks = [site.measures[i : i + MATRIX_MEASURES] for i in range(0, len(site.measures), MATRIX_MEASURES)] or [[]]
    blocks = [(r, m) for m in measure_blocks for r in region_blocks]
    paths = ["matrix.md"] + [f"matrix/part-{n}.md" for n in range(2, len(blocks) + 1)]
    pager_total = len(blocks)
    return [
        PageSpec(
            path,
            "matrix.md.j2",
            {
                "regions": regions,
                "rows": [(m, [site.status[(m.slug, r.slug)] for r in regions]) for m in measures],
                "pager": Pager(n + 1, paths, pager_total),
            },
            searchable=n == 0,
        )
        for n, (path, (regions, measures)) in enumerate(zip(paths, blocks, strict=True))
    ]


def translation_pages(site: Site) -> list[PageSpec]:
    missing = {code: translation_rows(site, code) for code in LANGS}
    drafts = draft_records(site)
    pages = [
        PageSpec(
            "translation-status.md",
            "translation_status.md.j2",
            {
                "missing": {code: rows[:LIST_PAGE] for code, rows in missing.items()},
                "drafts_shown": drafts[:LIST_PAGE],
                "totals": {**{code: len(rows) for code, rows in missing.items()}, "drafts": len(drafts)},
            },
        )
    ]
    for code in LANGS:
        if len(missing[code]) > LIST_PAGE:
            pages += paged(
                f"translation-status/missing-{code}.md", "status_list.md.j2", missing[code], {"section": f"missing_in_{code}"}
            )
    if len(drafts) > LIST_PAGE:
        pages += paged("translation-status/drafts.md", "status_list.md.j2", drafts, {"section": "drafts"})
    return pages


# --- escaping and text filters ------------------------------------------------------------


def md_escape(value: str) -> str:
    """Make a string safe as inline Markdown: markup characters become literal, no newlines."""
    return MD_SPECIAL.sub(r"\\\1", " ".join(value.split()))


def finalize(value: Any) -> Any:
    """Applied to every {{ … }}: plain strings are Markdown-escaped (HTML escaping follows)."""
    if value is None:
        return ""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return md_escape(value)


# Text with none of these characters has no Markdown or HTML in it: plain paragraphs.
MARKUP_CHARS = re.compile(r"[\\`*_\[\]{}#<>&!|~+=-]|^\s*\d+[.)]\s|^ {4}", re.M)


def clean_html(text: str) -> str:
    """Partner Markdown → HTML with only the allowed tags, attributes and link schemes."""
    if not MARKUP_CHARS.search(text):
        # Fast path (most partner text): paragraphs of plain words need no parser.
        return "".join(
            f"<p>{html.escape(' '.join(part.split()), quote=False)}</p>" for part in re.split(r"\n\s*\n", text) if part.strip()
        )
    rendered = markdown.markdown(text, output_format="html")
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )


def _lang(context: Context) -> str:
    return str(context["lang"])


@pass_context
def html_filter(context: Context, text: Text) -> Markup:
    """A block of partner text as cleaned HTML on one line (the `block` macro wraps it)."""
    return Markup(clean_html(text.get(_lang(context))).replace("\n", " "))


@pass_context
def words_filter(context: Context, text: Text) -> Markup:
    """One line of partner text, escaped for Markdown and HTML (the `inline` macro wraps it)."""
    return Markup(html.escape(md_escape(text.get(_lang(context))), quote=False))


@pass_context
def plain_filter(context: Context, text: Text | None) -> str:
    """The raw string in the page's language (escaped later by finalize/autoescape)."""
    return text.get(_lang(context)) if text else ""


def url_filter(value: str) -> Markup:
    """An external URL (validated by the schema) made safe inside a Markdown link."""
    for char, code in (("(", "%28"), (")", "%29"), (" ", "%20"), ("<", "%3C"), (">", "%3E")):
        value = value.replace(char, code)
    return Markup(html.escape(value, quote=True))


def yaml_string(value: str) -> Markup:
    """A string as a YAML scalar for front matter (JSON strings are valid YAML).

    HTML-escaped too: MkDocs themes put page.meta.title and .description into <title> and
    attributes without escaping, so partner text must arrive there already safe."""
    return Markup(json.dumps(html.escape(" ".join(value.split()), quote=True), ensure_ascii=False))


def ui(key: str, lang: str) -> str:
    return str(labels()[key][lang])


@pass_context
def t_global(context: Context, key: str) -> str:
    return ui(key, _lang(context))


@pass_context
def enum_label(context: Context, group: str, value: str) -> str:
    return str(labels()["enums"][group][value][_lang(context)])


@pass_context
def kind_label(context: Context, record: Record) -> str:
    return str(labels()["kinds"][kind_of(record)][_lang(context)])


@pass_context
def href(context: Context, target: Record | str) -> Markup:
    """A link to another page, relative to the current one (MkDocs checks and rewrites it)."""
    path = page_path(target) if isinstance(target, Record) else target
    here = posixpath.dirname(str(context["page_path"]))
    return Markup(posixpath.relpath(path, here or "."))


@pass_context
def missing_here(context: Context, record: Record | None) -> bool:
    """Whether the page's record lacks text in this page's language."""
    from .model import missing_fields

    return bool(record and missing_fields(record, _lang(context)))


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, .md included: partner text never becomes markup
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(html=html_filter, words=words_filter, plain=plain_filter, url=url_filter, yaml_string=yaml_string)
    env.globals.update(t=t_global, enum=enum_label, kind_label=kind_label, href=href, missing_here=missing_here)
    return env


# --- writing ----------------------------------------------------------------------------


@dataclass
class RenderResult:
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    removed: list[Path] = field(default_factory=list)
    reused: int = 0  # record pages taken from the page cache
    cache_updates: dict[str, CachedPage] = field(default_factory=dict)


@dataclass(frozen=True)
class CachedPage:
    """A rendered record page and the inputs it was made from (compared by value)."""

    key: Any
    text: str
    search: SearchDoc


PageCache = dict[str, CachedPage]  # page path → last rendering, for one language


def inputs_key(value: Any) -> Any:
    """A value-comparable snapshot of a page's inputs: records compare by their fields."""
    if isinstance(value, (list, tuple)):
        return tuple(inputs_key(item) for item in value)
    if isinstance(value, dict):
        return tuple((key, inputs_key(item)) for key, item in sorted(value.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(inputs_key(getattr(value, f.name)) for f in dataclasses.fields(value)))
    return value


def template_stamp(filename: str | None) -> int:
    return os.stat(filename).st_mtime_ns if filename else 0


def write_if_changed(path: Path, content: bytes, result: RenderResult) -> None:
    """Write only when the content differs, so unchanged files keep their time stamps."""
    if path.exists() and path.stat().st_size == len(content) and path.read_bytes() == content:
        result.unchanged += 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)  # build/docs is scratch: the site itself is swapped in atomically
    result.written.append(path)


def render_language(
    site: Site,
    lang: str,
    docs_source: Path,
    out_dir: Path,
    base_url: str = "",
    env: Environment | None = None,
    cache: PageCache | None = None,
) -> RenderResult:
    """Write the Markdown of every page in `lang` into out_dir; remove files no longer produced.

    base_url is the absolute address of this language's root (for the feed and robots.txt).
    With a page cache (kept by `serve`), a record page whose inputs — its records, the
    records it lists, its template — are equal to last time is not rendered again; index
    pages, which show many records, always are.
    """
    env = env or make_environment()
    result = RenderResult()
    produced: set[Path] = set()
    common = {
        "site": site,
        "lang": lang,
        "other_lang": "en" if lang == "bg" else "bg",
    }
    search_docs: list[SearchDoc] = []
    kinds = labels()["kinds"]
    specs = page_specs(site)
    claimed = Counter(spec.path for spec in specs)
    clashes = sorted(path for path, count in claimed.items() if count > 1)
    if clashes:  # validation reserves the site's own names; this is the last line of defence
        raise RenderError(f"two pages would be written to: {', '.join(clashes)}")
    for spec in specs:
        template = env.get_template(spec.template)
        changed = site.changed.get(spec.record.path) if spec.record else None
        key = (spec.template, template_stamp(template.filename), changed, inputs_key(spec.context)) if spec.record else None
        cached = cache.get(spec.path) if cache is not None and key is not None else None
        if cached is not None and cached.key == key:
            text, document = cached.text, cached.search
            result.reused += 1
        else:
            text = template.render(**common, **spec.context, page_path=spec.path, record=spec.record, changed=changed)
            kind = kind_of(spec.record) if spec.record else "section"
            document = search_doc(spec.path, text, kinds[kind][lang])
            if cache is not None and key is not None:
                result.cache_updates[spec.path] = CachedPage(key, text, document)
        target = out_dir / spec.path
        write_if_changed(target, text.encode("utf-8"), result)
        produced.add(target)
        if spec.searchable and spec.path != "search.md":
            search_docs.append(document)
    for source, relative in static_files(docs_source, lang):
        target = out_dir / relative
        write_if_changed(target, source.read_bytes(), result)
        produced.add(target)
        if relative.endswith(".md"):
            search_docs.append(search_doc(relative, source.read_text(encoding="utf-8"), kinds["page"][lang]))
    generated = {SEARCH_INDEX_PATH: index_json(search_docs, lang), **data_files(site, lang)}
    if base_url:
        generated["feed.xml"] = atom_feed(site, lang, base_url, ui("site_name", lang), site.changed)
        if lang == "bg":
            generated["robots.txt"] = robots_txt(base_url)
    for relative, content in generated.items():
        target = out_dir / relative
        write_if_changed(target, content.encode("utf-8"), result)
        produced.add(target)
    for stale in sorted(p for p in out_dir.rglob("*") if p.is_file() and p not in produced):
        stale.unlink()
        result.removed.append(stale)
    return result


def static_files(docs_source: Path, lang: str) -> Iterable[tuple[Path, str]]:
    """Hand-written pages of a language (docs/<lang>/) and shared assets (docs/assets/)."""
    for folder, prefix in ((docs_source / lang, ""), (docs_source / "assets", "assets/")):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    yield path, prefix + path.relative_to(folder).as_posix()
