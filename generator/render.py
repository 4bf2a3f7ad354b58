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

import dataclasses
import html
import json
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from . import urls, walker
from .model import Site, draft_fields, missing_fields
from .plan import PageSpec
from .project import Languages
from .schema import Record, Text, kind_of
from .slugs import unique_anchors
from .words import choice_label, kind_word, labels, ui

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


def _fallback(context: Context) -> tuple[str, ...]:
    languages: Languages = context.environment.globals["languages"]  # type: ignore[assignment]
    return languages.fallback(_lang(context))


@pass_context
def html_filter(context: Context, text: Text) -> Markup:
    """A block of partner text as cleaned HTML on one line (the `block` macro wraps it)."""
    return Markup(clean_html(text.get(_lang(context), _fallback(context))).replace("\n", " "))


@pass_context
def words_filter(context: Context, text: Text) -> Markup:
    """One line of partner text, escaped for Markdown and HTML (the `inline` macro wraps it)."""
    return Markup(html.escape(md_escape(text.get(_lang(context), _fallback(context))), quote=False))


@pass_context
def plain_filter(context: Context, text: Text | None) -> str:
    """The raw string in the page's language (escaped later by finalize/autoescape)."""
    return text.get(_lang(context), _fallback(context)) if text else ""


@pass_context
def text_lang(context: Context, text: Text) -> str:
    """The language a text is shown in on this page (its own until translated)."""
    return text.in_language(_lang(context), _fallback(context))[1]


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
    return ui(key, _lang(context), _fallback(context))


@pass_context
def enum_label(context: Context, group: str, value: str) -> str:
    return choice_label(group, value, _lang(context), _fallback(context))


@pass_context
def kind_label(context: Context, record: Record) -> str:
    return kind_word(kind_of(record).name, _lang(context), _fallback(context))


@pass_context
def href(context: Context, target: Record | str) -> Markup:
    """A link to another page, relative to the current one (the builder checks and rewrites
    it). The target is a record, a page's name in the URL map ("measures"), or a path the
    plan passed in."""
    if isinstance(target, Record):
        path = urls.record_page(target)
    elif target in urls.SECTIONS:
        path = urls.section(target)
    elif target in urls.WRITTEN:
        path = urls.written(target)
    else:
        path = target
    here = posixpath.dirname(str(context["page_path"]))
    return Markup(posixpath.relpath(path, here or "."))


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
    lang = _lang(context)
    specs = {spec.name: spec for spec in walker.fields_of(type(record))}
    return [specs[name].label.get(lang, specs[name].label["en"]) for name in draft_fields(record)]


@pass_context
def missing_here(context: Context, record: Record | None) -> bool:
    """Whether the page's record lacks text in this page's language."""
    return bool(record and missing_fields(record, _lang(context)))


def make_environment(languages: Languages) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        extensions=["jinja2.ext.do"],
        autoescape=True,  # every template, .md included: partner text never becomes markup
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(html=html_filter, words=words_filter, plain=plain_filter, url=url_filter, yaml_string=yaml_string)
    env.globals.update(
        t=t_global,
        enum=enum_label,
        kind_label=kind_label,
        href=href,
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


@dataclass(frozen=True)
class CachedPage:
    """A rendered record page and the inputs it was made from (compared by value)."""

    key: Any
    page: RenderedPage


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


def _template_stamp(filename: str | None) -> int:
    return os.stat(filename).st_mtime_ns if filename else 0


@dataclass
class Renderer:
    """Renders planned pages in one language. With a page cache (kept by `serve`), a record
    page whose inputs — its records, the records it lists, its template — are equal to last
    time is not rendered again; index pages, which show many records, always are."""

    site: Site
    lang: str
    env: Environment
    cache: PageCache | None = None
    reused: int = 0
    cache_updates: dict[str, CachedPage] = field(default_factory=dict)

    def render(self, spec: PageSpec) -> RenderedPage:
        template = self.env.get_template(spec.template)
        changed = self.site.changed.get(spec.record.path) if spec.record else None
        key = None
        if spec.record is not None:
            key = (spec.template, _template_stamp(template.filename), changed, inputs_key(spec.context))
            cached = self.cache.get(spec.path) if self.cache is not None else None
            if cached is not None and cached.key == key:
                self.reused += 1
                return cached.page
        variables = {
            "site": self.site,
            "lang": self.lang,
            **spec.context,
            "page_path": spec.path,
            "record": spec.record,
            "changed": changed,
        }
        context = template.new_context(variables)
        text = self.env.concat(template.root_render_func(context))  # type: ignore[attr-defined]
        headings = _headings(text)
        text = with_anchors(text)
        kind = kind_of(spec.record).name if spec.record else "section"
        page = RenderedPage(
            path=spec.path,
            text=text,
            title=_plain(context.vars["page_title"]),
            description=_plain(context.vars["page_description"]),
            headings=headings,
            kind=kind_word(kind, self.lang, self.env.globals["languages"].fallback(self.lang)),  # type: ignore[attr-defined]
            searchable=spec.searchable,
        )
        if self.cache is not None and key is not None:
            self.cache_updates[spec.path] = CachedPage(key, page)
        return page


def _plain(value: Any) -> str:
    """A title or description as a person reads it (no markup, no HTML entities)."""
    return " ".join(html.unescape(str(value)).split())


def _headings(text: str) -> list[str]:
    """The Markdown headings of a rendered page, in order."""
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return [line.lstrip("#").strip() for line in body.split("\n") if line.startswith("#")]


HEADING = re.compile(r"^(#{1,6}) (.+?)\s*$", re.M)
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def heading_words(heading: str) -> str:
    """A Markdown heading as a reader sees it (for its anchor): no links, tags, escapes."""
    text = MARKDOWN_LINK.sub(r"\1", heading)
    text = re.sub(r"<[^>]+>", "", text).replace("\\", "")
    return html.unescape(text)


def with_anchors(text: str) -> str:
    """Every heading gets a readable anchor, transliterated (#pravna-osnova, not #_4):
    Python-Markdown's own would drop every Cyrillic letter."""
    lines = HEADING.findall(text)
    anchors = iter(unique_anchors(heading_words(words) for _, words in lines))
    return HEADING.sub(lambda match: f"{match.group(1)} {match.group(2)} {{#{next(anchors)}}}", text)


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
