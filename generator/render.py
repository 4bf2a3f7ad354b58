"""Stage 5 — render: a planned page becomes Markdown in one language, with its title,
description and headings. Nothing is written here (writer.py writes).

Python decides which pages exist and what each receives (plan.py); Jinja templates decide
how a page looks. Each template names its page's title and description once
(`{% set page_title = … %}`); the front matter and the search index both take them from
there, so nothing re-reads the Markdown to find them.

Partner text is untrusted: it reaches the page either escaped (inline text) or as
Markdown turned into HTML and cleaned by nh3 with an allow-list (block text). Content is
data passed to templates, never a template itself, so "{{ … }}" in a record stays text.
"""

from __future__ import annotations

import html
import json
import os
import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import nh3
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateSyntaxError, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from . import schema, urls, walker
from .abbreviations import FullName, with_full_names
from .kinds import REGISTRY
from .model import Site, draft_fields, missing_fields
from .pageinputs import PageInputs, Read, SiteReads, read_values, reads_unchanged
from .plan import PageSpec
from .problems import LANGS, Position, Problem, say
from .project import Language, Languages, Project
from .schema import Record, Text
from .slugs import unique_anchors
from .urls import Address, UnknownPage
from .words import labels, ui

TEMPLATES = Path(__file__).parent / "templates"
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "blockquote", "code", "h3", "h4"}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
# Characters that Markdown would read as markup inside inline text.
MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|~])")


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


def _language(context: Context) -> Language:
    return context["language"]  # type: ignore[no-any-return]


@pass_context
def html_filter(context: Context, text: Text) -> Markup:
    """A block of partner text as cleaned HTML on one line (the `block` macro wraps it)."""
    return Markup(clean_html(_language(context).text(text)).replace("\n", " "))


@pass_context
def words_filter(context: Context, text: Text) -> Markup:
    """One line of partner text, escaped for Markdown and HTML (the `inline` macro wraps it)."""
    return Markup(html.escape(md_escape(_language(context).text(text)), quote=False))


@pass_context
def plain_filter(context: Context, text: Text | None) -> str:
    """The raw string in the page's language (escaped later by finalize/autoescape)."""
    return _language(context).text(text)


@pass_context
def description_filter(context: Context, text: Text | None, otherwise: str) -> str:
    """A page's description (what search engines show under its title): the text in the
    page's language unless it is a draft — a draft sentence shown there loses its mark and
    reads as a fact — else `otherwise`, a description of the page written for the site."""
    if text is None or text.draft:
        return otherwise
    return _language(context).text(text)


@pass_context
def year_month_filter(context: Context, value: str) -> str:
    """"2021-03" as a reader writes it: „март 2021 г.“, "March 2021"; a bare year as it is."""
    language = _language(context)
    year, _, month = str(value).partition("-")
    if not month:
        return language.word("year_only").format(year=year)
    name = language.word("month_names").split()[int(month) - 1]
    return language.word("month_and_year").format(month=name, year=year)


@pass_context
def text_lang(context: Context, text: Text) -> str:
    """The language a text is shown in on this page (its own until translated)."""
    language = _language(context)
    return text.in_language(language.code, language.fallback)[1]


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


@pass_context
def t_global(context: Context, key: str) -> str:
    return _language(context).word(key)


@pass_context
def enum_label(context: Context, group: str, value: str) -> str:
    return _language(context).choice(group, value)


@pass_context
def kind_label(context: Context, record: Record) -> str:
    return REGISTRY.of(record).word(_language(context))


@pass_context
def href(context: Context, target: Record | Address | str) -> Markup:
    """A link to another page, relative to the current one (the builder checks and rewrites
    it): a record, an address the plan passed in, or a page's name ("measures"). A name
    the site does not have is an error (the page's failure names it), never a dead link."""
    if isinstance(target, Record):
        address = urls.record_page(REGISTRY.of(target), target.slug)
    elif isinstance(target, Address):
        address = target
    else:
        address = urls.named(str(target), REGISTRY)
    return Markup(address.link_from(context["page"]))


CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN_WORDS = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}")


@pass_context
def name_lang(context: Context, name: str) -> str:
    """The language a name is written in, when it differs from the page's ("" otherwise, and
    for a bare domain such as vesti.bg): „КНСБ“ on an English page is Bulgarian, "Center for
    Sustainable Communities Development" on a Bulgarian one English — marked so that screen
    readers say them right and readers see them as names."""
    found = "bg" if CYRILLIC.search(name) else "en" if LATIN_WORDS.search(name) else ""
    return found if found != _lang(context) else ""


@pass_context
def page_url(context: Context, target: Record) -> Markup:
    """A link for raw HTML (which no builder rewrites): from this page's URL to the record's."""
    return Markup(urls.record_page(REGISTRY.of(target), target.slug).url_from(context["page"]))


def missing_in(code: str, lang: str, languages: Languages) -> str:
    """"Missing English text": a heading of the translation status, for any language code."""
    if f"missing_in_{code}" in labels():
        return ui(f"missing_in_{code}", lang, languages.fallback(lang))
    return ui("missing_in_other", lang, languages.fallback(lang)).format(language=languages.get(code).name)


@pass_context
def missing_in_global(context: Context, code: str) -> str:
    return missing_in(code, _lang(context), context.environment.globals["languages"])  # type: ignore[arg-type]


@pass_context
def draft_parts(context: Context, record: Record) -> list[str]:
    """The names (in this page's language) of the record's fields that hold draft text."""
    language = _language(context)
    specs = {spec.name: spec for spec in walker.fields_of(type(record))}
    return [_first_of(specs[name].label, language.order) for name in draft_fields(record)]


def _first_of(texts: dict[str, str], order: tuple[str, ...]) -> str:
    """The first of `order`'s languages that `texts` has, else any."""
    return next((texts[code] for code in order if code in texts), next(iter(texts.values())))


@pass_context
def missing_here(context: Context, record: Record | None) -> bool:
    """Whether the page's record lacks text in this page's language."""
    return bool(record and missing_fields(record, _lang(context)))


# One environment per project and languages for the life of the process: its templates are
# compiled once (Jinja reloads a template whose file changed), and a forked renderer inherits
# them compiled — `serve` compiled every template again on every save, in each language.
_ENVIRONMENTS: dict[tuple[Path, Languages], Environment] = {}


def project_environment(project: Project) -> Environment:
    key = (project.root.resolve(), project.languages)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = make_environment(project.languages, project.root / "templates")
    return _ENVIRONMENTS[key]


def page_templates(env: Environment) -> list[str]:
    return env.list_templates(filter_func=lambda name: name.endswith(".j2"))


def compile_templates(env: Environment) -> None:
    """Every page template compiled now, before the languages' renderers fork."""
    for name in page_templates(env):
        env.get_template(name)


def make_environment(languages: Languages, own_templates: Path | None = None) -> Environment:
    """The pages' Jinja environment; a project's own templates/ folder (a kind it declares,
    a page it reshapes) is searched before the generator's."""
    folders = [own_templates] if own_templates is not None and own_templates.is_dir() else []
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in (*folders, TEMPLATES)]),
        extensions=["jinja2.ext.do"],
        autoescape=True,  # every template, .md included: partner text never becomes markup
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        html=html_filter, words=words_filter, plain=plain_filter, description=description_filter, year_month=year_month_filter, url=url_filter, yaml_string=yaml_string
    )
    env.globals.update(
        t=t_global,
        enum=enum_label,
        kind_label=kind_label,
        href=href,
        page_url=page_url,
        name_lang=name_lang,
        missing_here=missing_here,
        draft_parts=draft_parts,
        missing_in=missing_in_global,
        text_lang=text_lang,
    )
    env.globals["languages"] = languages
    return env


@dataclass(frozen=True)
class RenderedPage:
    """A page's Markdown in one language, with what the search index needs to know of it."""

    path: str
    text: str
    title: str
    description: str
    headings: list[str]
    kind: str  # the kind's label, shown with search results
    searchable: bool
    other_titles: dict[str, str] = field(default_factory=dict)  # a record page's title in the other languages


@dataclass(frozen=True)
class CachedPage:
    """A rendered page, the key of what it was made from (pageinputs.py) and what its
    template read of the site, with what it found."""

    key: Any
    reads: tuple[tuple[Read, Any], ...]
    page: RenderedPage


PageCache = dict[str, CachedPage]  # page path → last rendering, for one language


@dataclass(frozen=True)
class Rendering:
    """A page rendered afresh, and what its template read of the site (plain values: made in
    a forked renderer, it is sent back to the driver, which keeps it in the page cache)."""

    page: RenderedPage
    reads: list[Read]


def templates_stamp(env: Environment) -> tuple[tuple[str, int], ...]:
    """When each template's file last changed: a page depends on the templates it includes
    too, so any template changed renders every page again."""
    stamps = []
    for name in page_templates(env):
        source = env.get_template(name).filename
        stamps.append((name, os.stat(source).st_mtime_ns if source and os.path.isfile(source) else 0))
    return tuple(stamps)


def page_key(inputs: PageInputs, spec: PageSpec, stamp: Any, full_names: tuple[FullName, ...]) -> Any:
    """What the page is made from, but for what its template reads of the site."""
    key = inputs.pages.get(spec.path)
    if key is None:
        changed = inputs.site.changed.get(spec.record.path) if spec.record else None
        key = (spec.template, spec.searchable, stamp, full_names, changed, inputs.of(spec.record), inputs.of(spec.context))
        inputs.pages[spec.path] = key
    return key


def full_names_of(site: Site) -> tuple[FullName, ...]:
    return tuple(FullName.of(item) for item in site.abbreviations)


def keep_renderings(
    site: Site,
    env: Environment,
    pages: list[PageSpec],
    fresh: dict[str, Rendering],
    cache: PageCache,
    inputs: PageInputs | None = None,
) -> None:
    """Put the pages rendered afresh into the cache, each with its key, and forget the pages
    the site no longer has. Done where the cache lives: the keys hold this process's records."""
    inputs, stamp, full_names = inputs or PageInputs(site), templates_stamp(env), full_names_of(site)
    planned = set()
    for spec in pages:
        planned.add(spec.path)
        rendering = fresh.get(spec.path)
        if rendering is not None:
            key = page_key(inputs, spec, stamp, full_names)
            cache[spec.path] = CachedPage(key, read_values(inputs, rendering.reads), rendering.page)
    for gone in set(cache) - planned:
        del cache[gone]


class PageFailed(Exception):
    """A page could not be made after its content was valid (a template's mistake, a link
    to a page the site does not have): which page, which record, where in which template."""

    def __init__(self, page: str, record: str, template: str, line: int, detail: str) -> None:
        # Plain values only, all passed to Exception: a failure made in a forked renderer
        # is pickled back to the driver, which rebuilds it from its args.
        super().__init__(page, record, template, line, detail)
        self.page = page
        self.record = record  # the record's file, "" for the site's own pages
        self.template = template
        self.line = line
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.page}: {self.template}:{self.line}: {self.detail}"

    def problem(self) -> Problem:
        """Told like a content problem: at the template's line, naming the page and record."""
        record = {lang: say("page_failed_record", lang, path=self.record) if self.record else "" for lang in LANGS}
        params = {"page": self.page, "record": record, "template": self.template, "line": self.line, "detail": self.detail}
        return Problem(self.template, Position(self.line or 1, 1), "page_failed", params)


def failure(spec: PageSpec, error: Exception) -> PageFailed:
    """Where in the templates a page failed: the innermost template frame of the error
    (Jinja maps its frames to template lines), or the template named by a syntax error."""
    record = spec.record.path if spec.record else ""
    if isinstance(error, TemplateSyntaxError):
        name = _template_name(error.filename or error.name or spec.template)
        return PageFailed(spec.path, record, name, error.lineno, error.message or "")
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename.endswith(".j2")]
    where = frames[-1] if frames else None
    detail = f"{type(error).__name__}: {error}" if not isinstance(error, UnknownPage) else f"no page named {error}"
    line = (where.lineno or 0) if where else 0
    return PageFailed(spec.path, record, _template_name(where.filename if where else spec.template), line, detail)


def _template_name(filename: str) -> str:
    """A template as the repository names it: generator/templates/x.md.j2, or a project's
    own templates/x.md.j2."""
    path = Path(filename)
    if not path.is_absolute():
        return f"generator/templates/{filename}"
    return f"generator/templates/{path.name}" if path.parent == TEMPLATES else f"{path.parent.name}/{path.name}"


@dataclass
class Renderer:
    """Renders planned pages in one language. With a page cache (kept by `serve`), a page
    whose inputs (pageinputs.py) are what they were last time is not rendered again."""

    site: Site
    language: Language
    env: Environment
    cache: PageCache | None = None
    reused: int = 0
    fresh: dict[str, Rendering] = field(default_factory=dict)  # pages rendered afresh (with a cache)
    others: tuple[Language, ...] = ()  # the site's other languages: a page's title there is searched too
    full_names: tuple[FullName, ...] = field(init=False, default=())  # acronyms written out at first use (abbreviations.py)
    inputs: PageInputs | None = None  # the pages' keys: one for every language of a build
    stamp: Any = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.full_names = full_names_of(self.site)
        self.inputs = self.inputs or PageInputs(self.site)
        if self.cache is not None:
            self.stamp = templates_stamp(self.env)

    def unchanged(self, spec: PageSpec) -> RenderedPage | None:
        """The page as last rendered, when nothing it is made from has changed since."""
        cached = self.cache.get(spec.path) if self.cache is not None else None
        assert self.inputs is not None
        if cached is None or cached.key != page_key(self.inputs, spec, self.stamp, self.full_names):
            return None
        return cached.page if reads_unchanged(self.inputs, cached.reads) else None

    def _section_titles(self, template: Any, variables: dict[str, Any], spec: PageSpec) -> dict[str, str]:
        return _section_titles_of(template, variables, self.others) if spec.searchable else {}

    def render(self, spec: PageSpec) -> RenderedPage:
        """The page's Markdown, or PageFailed saying where it went wrong."""
        try:
            return self._render(spec)
        except Exception as error:  # any mistake in a template: told per page, with its line
            raise failure(spec, error) from error

    def _render(self, spec: PageSpec) -> RenderedPage:
        earlier = self.unchanged(spec)
        if earlier is not None:
            self.reused += 1
            return earlier
        template = self.env.get_template(spec.template)
        changed = self.site.changed.get(spec.record.path) if spec.record else None
        seen = SiteReads(self.site)
        variables = {
            "site": seen if self.cache is not None else self.site,  # reads are noted for the cache only
            "lang": self.language.code,
            "language": self.language,
            **spec.context,
            "page": spec.address,
            "record": spec.record,
            "changed": changed,
        }
        context = template.new_context(variables)
        try:
            text = self.env.concat(template.root_render_func(context))  # type: ignore[attr-defined]
        except Exception:
            self.env.handle_exception()  # raises it again, its frames mapped to template lines
        headings = _headings(text)
        text = with_full_names(with_anchors(text), self.full_names, self.language.code, self.language.fallback, self.language.word("first_use"))
        page = RenderedPage(
            path=spec.path,
            text=text,
            title=_plain(context.vars["page_title"]),
            description=_plain(context.vars["page_description"]),
            headings=headings,
            kind=REGISTRY.of(spec.record).word(self.language) if spec.record else self.language.kind_word("section"),
            searchable=spec.searchable,
            other_titles=_record_other_titles(spec.record, self.language.code) if spec.record else self._section_titles(template, variables, spec),
        )
        if self.cache is not None:
            self.fresh[spec.path] = Rendering(page, seen.reads)
        return page


def _section_titles_of(template: Any, variables: dict[str, Any], others: tuple[Language, ...]) -> dict[str, str]:
    """A section page's title in the other languages: its template's page_title, made in each."""
    titles = {}
    for other in others:
        context = template.new_context({**variables, "lang": other.code, "language": other})
        for _ in template.root_render_func(context):
            pass
        titles[other.code] = _plain(context.vars.get("page_title", ""))
    return titles


def _record_other_titles(record: Record | None, lang: str) -> dict[str, str]:
    if record is None:
        return {}
    title = REGISTRY.of(record).title_of(record)
    return {code: title.get(code) for code in schema.LANGUAGE_CODES if code != lang and title.has(code)}


def _plain(value: Any) -> str:
    """A title or description as a person reads it (no markup, no HTML entities)."""
    return " ".join(html.unescape(str(value)).split())


def _headings(text: str) -> list[str]:
    """The Markdown headings of a rendered page, in order."""
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return [line.lstrip("#").strip() for line in body.split("\n") if line.startswith("#")]


# A heading line (at the margin of its block): its marks, its words, and an attribute list
# it may end with ({: .class } or {#id}, attr_list), and a carriage return it keeps. Matched
# on one line: `\s*$` across lines took the line break after a heading as well.
HEADING = re.compile(r"(#{1,6})[ \t]+(.+?)(?:[ \t]+\{:?[ \t]*([^}\n]*)\})?[ \t]*(\r?)")
# A line that opens an admonition (!!! note, ??? note): its body is indented four spaces more.
ADMONITION = re.compile(r"(?:!!!|\?\?\?\+?)[ \t]")
ATTRIBUTE_LIST = re.compile(r"(?<!\\)\{:?[ \t]*([^}\n]*)\}")
ATTRIBUTE_ID = re.compile(r"(?:^|[ \t])#([^\s}]+)")
HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"']*)["']""")
# Ids overrides/ puts on every page beside the headings' (main.html's skip-link target, the
# header's search box and its results); Material's own begin with "__", which no anchor does.
PAGE_IDS = frozenset({"kb-content", "kb-search-input", "kb-search-results"})
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def heading_words(heading: str) -> str:
    """A Markdown heading as a reader sees it (for its anchor): no links, tags, escapes."""
    text = MARKDOWN_LINK.sub(r"\1", heading)
    text = re.sub(r"<[^>]+>", "", text).replace("\\", "")
    return html.unescape(text)


def with_anchors(text: str) -> str:
    """Every heading gets a readable anchor, transliterated (#pravna-osnova, not #_4):
    Python-Markdown's own would drop every Cyrillic letter. No two ids of a page are the
    same: the ids written on it ({#id}, {: #id }, id="…") and the theme's are reserved first,
    a heading that names its own id keeps it, and every other one gets an id not yet used."""
    lines = text.split("\n")
    found = [(number, indent, match) for number, indent, match in _heading_lines(lines) if not _own_id(match)]
    anchors = unique_anchors((heading_words(match[2]) for _, _, match in found), PAGE_IDS | _written_ids(text))
    for (number, indent, match), anchor in zip(found, anchors, strict=True):
        marks, words, attributes, end = match.groups()
        attributes = f"{{: #{anchor} {attributes.strip()} }}" if attributes and attributes.strip() else f"{{#{anchor}}}"
        lines[number] = f"{lines[number][:indent]}{marks} {words} {attributes}{end}"
    return "\n".join(lines)


def _heading_lines(lines: list[str]) -> list[tuple[int, int, re.Match[str]]]:
    """The lines Markdown reads as headings (number, indentation, match): at the margin, or
    at the margin of an admonition's body; never in the front matter or in indented code."""
    found = []
    depth = 0  # admonitions open around the line
    for number in range(_body_start(lines), len(lines)):
        line = lines[number]
        if not line.strip():
            continue
        depth = min(depth, (len(line) - len(line.lstrip(" "))) // 4)
        body = line[4 * depth :]
        if ADMONITION.match(body):
            depth += 1
        elif match := HEADING.fullmatch(body):
            found.append((number, 4 * depth, match))
    return found


def _body_start(lines: list[str]) -> int:
    """The first line after the front matter (---, YAML, ---), if the page has one."""
    if lines[0].rstrip() != "---":
        return 0
    return next((number + 1 for number in range(1, len(lines)) if lines[number].rstrip() == "---"), 0)


def _own_id(heading: re.Match[str]) -> bool:
    return bool(heading[3] and ATTRIBUTE_ID.search(heading[3]))


def _written_ids(text: str) -> set[str]:
    """The ids a page's Markdown names itself, in attribute lists and in HTML."""
    ids = set(HTML_ID.findall(text))
    return ids | {found for attributes in ATTRIBUTE_LIST.findall(text) for found in ATTRIBUTE_ID.findall(attributes)}


def page_body(page: RenderedPage) -> str:
    return page.text.split("\n---\n", 1)[1] if page.text.startswith("---\n") else page.text


def xml_environment() -> Environment:
    """For feeds: the same templates folder, XML-escaped, without Markdown escaping."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
