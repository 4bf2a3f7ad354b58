"""A live preview of one record's page, from what the web form holds (the local editor's
preview pane): the validator's messages while the record has errors, else the page's
content HTML as the site will show it.

Nothing here has rules of its own; each step is the site's:

- the form's data becomes the file the form would save (editor/src/format.js: texts
  cleaned, empty values left out, the hidden slug dropped, fields in the schema's order);
- that file is checked by the validator's own steps (validate.check_file, and the checks
  across records) with it in place of the one on disk, or beside the others when new: the
  other files' results are remembered between previews by their size and time stamp
  (validate.FileCache), so one preview reads one file;
- a valid record goes into the Site (model.build_site), its page is found in the plan and
  rendered by the renderer, and the Markdown becomes HTML through Python-Markdown with the
  extensions MkDocs builds the site with (mkdocs.yml, plus MkDocs' built-in ones).

Nothing is written under the repository: the form's file exists only as a temporary file,
which check_file reads under the record's own name.
"""

from __future__ import annotations

import datetime
import html
import logging
import re
import tempfile
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import markdown

from . import history, schema
from .editor import SLUG_FIELD, form_fields, to_yaml
from .kinds import REGISTRY
from .model import Site, build_site
from .plan import PageSpec, PlanError, plan, record_pages
from .problems import LANGS, Position, Problem, format_text, message
from .project import Project
from .render import PageFailed, Renderer, project_environment
from .schema import Record
from .validate import Checked, FileCache, check_content, check_file, check_path, not_a_record
from .walker import FieldSpec
from .words import labels

log = logging.getLogger(__name__)

CONTENT = "content"  # the folder `relative` starts with (Project.content, as the repository names it)
# What a message names when the preview itself failed (not the record): "Проблем в „…“".
PREVIEW_WORDS = {"bg": "предварителния преглед", "en": "the preview", "path": ""}


@dataclass(frozen=True)
class Preview:
    html: str  # the page's content HTML (the article, not the theme's page); "" while the record has errors
    problems: list[str]  # the validator's messages for this record, as the command line prints them
    messages: list[str] = field(default_factory=list)  # the same without file and line: the form shows these

    @classmethod
    def refused(cls, problems: list[Problem], lang: str) -> Preview:
        return cls("", [format_text(problem, lang) for problem in problems], [message(problem, lang) for problem in problems])


# --- the file the form would save (editor/src/format.js) ----------------------------------

# Line breaks the generator's reader refuses (YAML 1.1's own) and control characters: the
# form writes the first as ordinary line breaks and leaves the second out (cleanText).
FORM_LINE_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")
FORM_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")
# Outer white space as the form trims it (Python's str.strip would take more, U+001C… too).
FORM_OUTER_SPACE = re.compile(
    "^[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$"
)


def clean_text(value: Any) -> Any:
    """Every string as the form saves it (format.js cleanText): so that the preview checks
    the characters the saved file will hold, not the ones the form refuses to write."""
    if isinstance(value, str):
        text = FORM_CONTROLS.sub("", FORM_LINE_BREAKS.sub("\n", value))
        return FORM_OUTER_SPACE.sub("", unicodedata.normalize("NFC", text))
    if isinstance(value, list):
        return [clean_text(item) for item in value]
    if isinstance(value, dict):
        return {key: clean_text(child) for key, child in value.items()}
    return value


def _is_text(value: dict[str, Any]) -> bool:
    return set(value) <= {*schema.LANGUAGE_CODES, "draft"}


def prune(value: Any) -> Any:
    """Empty values out, as the form leaves them out (format.js prune): None, blank strings,
    empty lists and mappings, texts with no language written; a text's `draft: false` (the
    default) too. None for a value that is left out."""
    if isinstance(value, list):
        items = [kept for kept in (prune(item) for item in value) if kept is not None]
        return items or None
    if isinstance(value, dict):
        out = {key: kept for key, child in value.items() if (kept := prune(child)) is not None}
        if out and _is_text(out):
            if not any(out.get(code) for code in schema.LANGUAGE_CODES):
                return None
            if out.get("draft") is False:
                del out["draft"]
        return out or None
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value


def in_form_order(value: Any, fields: list[FieldSpec]) -> Any:
    """Keys in the order of the schema's fields, as the form writes them; unknown keys last,
    as they came. The messages' line numbers are then those of the file the form saves."""
    if isinstance(value, list):
        return [in_form_order(item, fields) for item in value]
    if not isinstance(value, dict):
        return value
    specs = {spec.name: spec for spec in fields}
    order = list(specs)
    keys = sorted(value, key=lambda key: order.index(key) if key in specs else len(order))
    return {key: in_form_order(value[key], specs[key].fields if key in specs else []) for key in keys}


def schema_line(relative: PurePosixPath) -> str:
    """The first line the form writes (format.js schemaLine), for the editors' schema."""
    kind = REGISTRY.for_path(relative)
    name = kind.name if kind is not None else "record"
    return f"# yaml-language-server: $schema={'../' * len(relative.parts)}schemas/{name}.schema.json\n"


def form_file(relative: PurePosixPath, data: Any) -> str:
    """The YAML text the form would save for `data` at `relative` (under content/)."""
    if isinstance(data, dict):
        data = {key: value for key, value in data.items() if key != SLUG_FIELD}  # the file's name, never a field
    kind = REGISTRY.for_path(relative)
    value = prune(clean_text(data))
    if kind is not None:
        value = in_form_order(value, form_fields(kind))
    return schema_line(relative) + (to_yaml(value) if value is not None else "")


# --- checking it as the validator does ----------------------------------------------------


@dataclass(frozen=True)
class Target:
    """The record being previewed: where it is (or would be), and its name in messages."""

    path: Path  # under the project's content folder
    relative: PurePosixPath  # to content/
    display: str  # as messages name it: content/…

    @classmethod
    def of(cls, project: Project, relative: str) -> Target | Problem:
        """The record's place, or the validator's problem for a file outside the content."""
        given = PurePosixPath(relative.replace("\\", "/"))
        inside = given.parts[1:] if given.parts[:1] == (CONTENT,) else ()
        if not inside or given.is_absolute() or ".." in given.parts:
            return not_a_record(PurePosixPath(*(given.parts or ("?",))), given.as_posix())
        path = PurePosixPath(*inside)
        return cls(project.content.joinpath(*inside), path, f"{CONTENT}/{path.as_posix()}")


# A project's other files, checked once and then again only when changed (validate.FileCache),
# per project and per generation of the text languages (schema.use_languages).
_FILE_CACHES: dict[tuple[Path, int], FileCache] = {}


def file_cache(project: Project) -> FileCache:
    return _FILE_CACHES.setdefault((project.root.resolve(), schema.GENERATION), {})


def check_form_file(target: Target, text: str) -> Checked:
    """The form's file checked by check_file under the record's own name: the same reading
    (size, encoding, line breaks, YAML) and the same model, from a temporary file."""
    with tempfile.TemporaryDirectory(prefix="wego3-preview-") as folder:
        path = Path(folder) / target.path.name
        path.write_text(text, encoding="utf-8", newline="")
        return check_file(path, target.relative, target.display)


def check_with(project: Project, target: Target, text: str) -> tuple[list[Checked], list[Problem]]:
    """validate_content with the form's file in place of the file at its path (or added):
    every file checked in the same order, so that the checks across records (references,
    unique names and values) say what they will say once the file is saved."""
    return check_content(project.content, project.root, file_cache(project), (target.path, lambda: check_form_file(target, text)))


def concerns(problem: Problem, display: str) -> bool:
    """A problem of this record: in its file, or in another file because of it (the second
    of two records with one number is told, naming the first)."""
    if problem.path == display:
        return True
    other = problem.params.get("other")
    named = other.values() if isinstance(other, dict) else [other]
    return any(isinstance(text, str) and display in text.split(", ") for text in named)


# --- the page -----------------------------------------------------------------------------


def dated(project: Project, paths: list[str], target: Target, edited: bool) -> dict[str, history.FileHistory]:
    """The records' histories as load_site reads them, the previewed record's as its page
    will show it once saved: today first and pending when the form holds other data than
    the file on disk (history.read dates an edited file so). Outside a repository nothing
    has a history, and no page shows a date."""
    found = history.read(project.root, paths, history.repository_url())
    if not edited or not found:
        return found
    known = found.get(target.display)
    today = datetime.date.today()
    earlier = tuple(day for day in (known.dates if known else ()) if day != today)
    dates = (today, *earlier)[: history.HISTORY_LENGTH]
    return found | {target.display: history.FileHistory(dates, pending=True, log_url=known.log_url if known else None)}


def on_disk(project: Project, target: Target) -> Any:
    """The data of the file on disk at the record's path (None for a new record, or a file
    that cannot be read), checked once and remembered like the other files."""
    if not target.path.is_file():
        return None
    document = check_path(target.path, project.content, project.root, file_cache(project)).document
    return document.data if document is not None else None


def page_of(site: Site, record: Record, codes: tuple[str, ...]) -> tuple[PageSpec | None, list[Problem]]:
    """The record's page as the plan makes it, or the plan's problems (two pages on one
    address). None for a record without a page (one the site does not publish)."""
    problems: list[Problem] = []
    try:
        pages = plan(site, codes)
    except PlanError as error:
        problems = error.problems
        pages = record_pages(site)
    return next((spec for spec in pages if spec.record is record), None), problems


def render_markdown(project: Project, site: Site, spec: PageSpec, lang: str) -> str:
    """The page's Markdown in `lang`, made as build.language_phases makes it (PageFailed when
    a template cannot make it)."""
    language = project.languages.get(lang)
    others = tuple(project.languages.get(code) for code in project.languages.codes if code != lang)
    return Renderer(site, language, project_environment(project), others=others).render(spec).text


# --- Markdown to HTML, as MkDocs does -------------------------------------------------------


@cache
def _extensions(config_file: Path, stamp: int) -> tuple[tuple[str, ...], dict[str, dict[str, Any]]]:
    """MkDocs' reading of `markdown_extensions`: its built-in ones first, then the
    configuration's, with their settings (MkDocsConfig's own option does the reading).
    MkDocs is imported here, when first needed: it takes a second to import, and the
    editor's server need not wait for it to start."""
    from mkdocs.config.config_options import MarkdownExtensions
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.utils.yaml import yaml_load

    with config_file.open("rb") as handle:
        config = yaml_load(handle)  # MkDocs' YAML: INHERIT, !ENV and !relative as it reads them
    builtin = MkDocsConfig.markdown_extensions  # the option MkDocs reads them with: its built-ins
    assert isinstance(builtin, MarkdownExtensions)
    option = MarkdownExtensions(builtins=builtin.builtins, configkey=builtin.configkey)
    names = option.validate(config.get("markdown_extensions", []))
    return tuple(names), dict(option.configdata)


def markdown_extensions(project: Project) -> tuple[tuple[str, ...], dict[str, dict[str, Any]]]:
    """The extensions (and their settings) of the site's MkDocs build. The per-language
    configurations (builders/mkdocs.py) inherit them from mkdocs.yml and never change them."""
    return _extensions(project.mkdocs_yml.resolve(), project.mkdocs_yml.stat().st_mtime_ns)


def page_html(project: Project, page_markdown: str) -> str:
    """A rendered page's Markdown as MkDocs makes its content: the front matter taken off
    (MkDocs' meta reader), the rest converted with the build's extensions. Links stay as
    written (MkDocs would only rewrite .md links into the built site's addresses)."""
    from mkdocs.utils.meta import get_data

    body, _meta = get_data(page_markdown)
    names, configs = markdown_extensions(project)
    return markdown.Markdown(extensions=list(names), extension_configs=configs).convert(body)


# --- the preview ----------------------------------------------------------------------------

# One preview at a time: the remembered files and records are shared, and building a Site
# puts each record's resolved references in place.
_LOCK = threading.Lock()


def message_lang(project: Project, lang: str) -> str:
    """The messages' language: the page's, else the first of its fallbacks they are written in."""
    order = project.languages.get(lang).order if lang in project.languages.codes else (lang,)
    return next((code for code in order if code in LANGS), LANGS[0])


def preview(project: Project, relative: str, data: dict[str, Any], lang: str = "bg") -> Preview:
    """relative: the record's file path under the repository, e.g. 'content/regions/ruse/practices/x.yaml'
    (may not exist yet: a new record); data: the record's fields as the form holds them (JSON-like:
    dicts, lists, strings, numbers, booleans, None)."""
    said = LANGS[0]
    with _LOCK:
        try:
            said = message_lang(project, lang)
            return _preview(project, relative, data, lang, said)
        except Exception as error:  # noqa: BLE001 - a preview answers with a message, never a traceback
            log.exception("preview of %s failed", relative)
            return Preview.refused([failed(relative, f"{type(error).__name__}: {error}")], said)


def failed(relative: str, detail: str) -> Problem:
    return Problem(relative, Position(1, 1), "generic", {"field": PREVIEW_WORDS, "detail": detail})


def _preview(project: Project, relative: str, data: dict[str, Any], lang: str, said: str) -> Preview:
    if lang not in project.languages.codes:
        return Preview.refused([failed(relative, f"no language {lang!r} ({', '.join(project.languages.codes)})")], said)
    target = Target.of(project, relative)
    if isinstance(target, Problem):
        return Preview.refused([target], said)
    text = form_file(target.relative, data)
    checked, problems = check_with(project, target, text)
    ours = [problem for problem in problems if concerns(problem, target.display)]
    mine = next(item for item in checked if item.path == target.display)
    if ours or mine.loaded is None:
        return Preview.refused(ours, said)
    if mine.record is not None and mine.record.is_withdrawn:  # no page: say why the pane is empty
        return Preview(f'<p class="wego3-withdrawn">{html.escape(labels()["preview_withdrawn"][said])}</p>', [])
    page_markdown, problems = markdown_of(project, target, checked, mine, lang)
    if problems:
        return Preview.refused(problems, said)
    return Preview(page_html(project, page_markdown) if page_markdown else "", [])


def markdown_of(project: Project, target: Target, checked: list[Checked], mine: Checked, lang: str) -> tuple[str, list[Problem]]:
    """The record's page in `lang` from a Site of every valid record, this one in place of
    the one on disk; "" for a record the site does not publish. Problems when its page
    collides with another, or cannot be made."""
    loaded = [item.loaded for item in checked if item.loaded is not None]
    assert mine.record is not None and mine.document is not None
    edited = on_disk(project, target) != mine.document.data
    site = build_site(loaded, history=dated(project, [item.record.path for item in loaded], target, edited))
    spec, problems = page_of(site, mine.record, project.languages.codes)
    ours = [problem for problem in problems if concerns(problem, target.display)]
    if ours or spec is None:
        return "", ours
    try:
        return render_markdown(project, site, spec, lang), []
    except PageFailed as failure:
        return "", [failure.problem()]


__all__ = ["Preview", "form_file", "markdown_extensions", "preview"]
