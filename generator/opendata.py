"""Open data and feeds, written beside the Markdown of each language (render stage).

- data/<kinds>.json: every record whole (both languages, as in the YAML), with its slug
  and the address of its page in this language; data/<kinds>.schema.json validates it
  (built from the record kind's JSON Schema, so it cannot drift from the model).
- data/records.csv: one table of every record, for spreadsheets (below, "The table").
- data/LICENSE.txt: the terms of reuse.
- feed.xml: an Atom feed of the records, newest change first (templates/feed.xml.j2:
  Atom is a few elements, and a template keeps its shape beside the pages' shapes, with
  Jinja's escaping; a feed library would add a dependency for no gain).
- robots.txt: where the sitemaps are.

Field lists come from the schema walker; addresses from the URL map; words from the
catalogue (locale/labels.yaml), as the pages show them.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from babel import UnknownLocaleError
from babel.numbers import get_decimal_symbol
from jinja2 import Environment
from pydantic import BaseModel

from . import urls, walker
from .kinds import REGISTRY, Kind
from .model import Site, draft_fields
from .project import Language, Languages
from .schema import Record, Strict, Text
from .schema_export import json_schema
from .urls import Address

LICENSE = """WEGO3 knowledge base — open data / Отворени данни

The terms of reuse of these data have not yet been decided by the project partners.
Until they are, please cite the WEGO3 project and the sources listed in each record,
and ask the project's lead organisation before republishing.

Условията за повторна употреба на тези данни още не са решени от партньорите по
проекта. Дотогава цитирайте проект WEGO3 и източниците, посочени във всеки запис, и
се обърнете към водещата организация на проекта преди повторно публикуване.
"""


def page_address(record: Record) -> Address:
    return urls.record_page(REGISTRY.of(record), record.slug)


def page_url(record: Record) -> str:
    return page_address(record).url


def record_data(record: Record) -> dict[str, Any]:
    return {"slug": record.slug, "url": page_url(record), "record": record.model_dump(mode="json")}


def data_schema(kind: Kind) -> dict[str, Any]:
    record_schema = json_schema(kind)
    definitions = record_schema.pop("$defs", {})
    for key in ("$schema", "$id", "title", "description"):
        record_schema.pop(key, None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"WEGO3 open data: {kind.plural}",
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["slug", "url", "record"],
            "properties": {
                "slug": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"},
                "url": {"type": "string", "description": "Address of the record's page, relative to this language's site root."},
                "record": record_schema,
            },
        },
        "$defs": definitions,
    }


# --- the table: data/records.csv ----------------------------------------------------------
#
# One file per language, at the same path under each language's root (data/records.csv,
# en/data/records.csv), as every other generated file: the open-data page of each language
# links it by the same relative path. One row per record of every kind, so that one file
# opens as one table a reader can filter by kind, region or measure; the records whole,
# with every nested field, are in the JSON files. Every cell is flat text a person reads:
# words of the catalogue for allowed values and kinds (the pages' own words), names for
# references, lists joined with LIST_JOIN, never JSON.

RECORDS_CSV = urls.data_file("records", "csv")
LIST_JOIN = "; "
# The allowed values that say where a record stands (a measure in a region, the pilot).
STATE_GROUPS = ("RegionState", "PilotState")
# A cell a spreadsheet would run as a formula (OWASP, "CSV Injection"): it starts with one
# of these. Such a cell is written with a leading apostrophe, which spreadsheets show as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel reads a CSV without a byte-order mark in the computer's legacy code page, which
# turns Cyrillic into mojibake; with it, Excel (and LibreOffice, and Python's utf-8-sig)
# reads UTF-8.
BOM = "\ufeff"
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def delimiter(language: Language) -> str:
    """Excel splits a CSV it opens by double-click at the list separator of the computer's
    regional settings: ";" where the decimal mark is a comma (bg_BG, de_DE), else ",". The
    file of each language follows its locale (languages.yml), so that a reader of that
    language gets columns, not one column of text; both are said on the open-data page."""
    try:
        decimal = get_decimal_symbol(language.locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):  # a locale Babel does not know (languages.yml is the project's)
        return ","
    return ";" if decimal == "," else ","


def plain(text: str) -> str:
    """Partner text as a reader of a cell needs it: a Markdown link [words](address)
    becomes "words (address)"; everything else is left as it was written."""
    return MARKDOWN_LINK.sub(lambda link: f"{link.group(1)} ({link.group(2)})" if link.group(2) else link.group(1), text)


@dataclass(frozen=True)
class Sheet:
    """What the cells of a language's table are made of."""

    site: Site
    language: Language
    base_url: str  # the site's public address, "" when it has none

    def text(self, text: Text | None) -> str:
        return plain(self.language.text(text))

    def name(self, record: Record) -> str:
        return self.text(REGISTRY.of(record).title_of(record))

    def address(self, record: Record) -> str:
        """The page's absolute address when the site has one, else its path from the site's root."""
        page = page_address(record)
        return page.absolute(self.base_url, self.language) if self.base_url else page.url_in(self.language)


def related(site: Site, record: Record, kind: str) -> list[Record]:
    """The records of `kind` a record is about: itself (a region is about itself), the
    record whose folder holds it (a practice's region), the ones it refers to."""
    own = REGISTRY.of(record)
    found: list[Record | None] = [record] if own.name == kind else []
    if own.within == kind:
        found.append(site.get(kind, record._region))  # the folder's slug, set on loading
    found += [site.get(name, slug) for _, name, slug, _, _ in walker.references(record) if name == kind]
    unique: dict[str, Record] = {}
    for item in found:
        if item is not None:
            unique.setdefault(item.slug, item)
    return list(unique.values())


def chosen(value: BaseModel) -> Iterator[tuple[BaseModel, walker.FieldSpec, str]]:
    """Every allowed value a record holds, at any depth: (the object holding it, its field, the value)."""
    for spec in walker.fields_of(type(value)):
        held = getattr(value, spec.name)
        items = held if spec.many else [held]
        for item in items if held is not None else []:
            if spec.shape == "choice":
                yield value, spec, str(item)
            elif spec.shape == "group" and spec.group is not Text:
                yield from chosen(item)


def named_by(holder: BaseModel) -> Record | None:
    """The record a nested object names (a measure's status names its region)."""
    if not isinstance(holder, Strict):
        return None
    for spec in walker.fields_of(type(holder)):
        if spec.shape == "ref" and not spec.many and isinstance(target := holder.ref(spec.name), Record):
            return target
    return None


def states(sheet: Sheet, record: Record) -> list[str]:
    """Where the record stands: "Русе: Обсъдена на срещите" for a measure in each region,
    the state alone for the pilot."""
    found = []
    for holder, spec, value in chosen(record):
        if spec.choice_group in STATE_GROUPS:
            label = sheet.language.choice(spec.choice_group, value)
            place = named_by(holder) if holder is not record else None
            found.append(f"{sheet.name(place)}: {label}" if place is not None else label)
    return found


def labels_of(sheet: Sheet, record: Record, group: str) -> list[str]:
    return [sheet.language.choice(group, value) for _, spec, value in chosen(record) if spec.choice_group == group]


def draft_texts(sheet: Sheet, record: Record) -> list[str]:
    """The names of the fields whose text is a draft, as the page's draft notice names them."""
    specs = {spec.name: spec for spec in walker.fields_of(type(record))}
    order = sheet.language.order
    return [next((specs[name].label[code] for code in order if code in specs[name].label), name) for name in draft_fields(record)]


def changed_on(sheet: Sheet, record: Record) -> str:
    date = sheet.site.changed.get(record.path)
    return date.isoformat() if date else ""  # ISO dates: spreadsheets read them as dates


Cell = Callable[[Sheet, Record], str | list[str]]


@dataclass(frozen=True)
class Column:
    header: str  # a word of locale/labels.yaml: the column's name in the file's language
    cell: Cell


COLUMNS = (
    Column("kind", lambda sheet, record: REGISTRY.of(record).word(sheet.language)),
    Column("data_title", lambda sheet, record: sheet.name(record)),
    Column("data_summary", lambda sheet, record: sheet.text(REGISTRY.of(record).summary_of(record))),
    Column("region", lambda sheet, record: [sheet.name(r) for r in related(sheet.site, record, "region")]),
    Column("measures", lambda sheet, record: [sheet.name(m) for m in related(sheet.site, record, "measure")]),
    Column("state", states),
    Column("target_groups", lambda sheet, record: labels_of(sheet, record, "TargetGroup")),
    Column("review_state", lambda sheet, record: sheet.language.choice("ReviewState", record.review.state)),
    Column("data_draft_texts", draft_texts),
    Column("last_changed", changed_on),
    Column("data_page", lambda sheet, record: sheet.address(record)),
    # "title <address>": angle brackets set an address apart in plain text (RFC 3986, appendix C).
    Column("sources", lambda sheet, record: [f"{source.title} <{source.url}>" for source in record.sources]),
    Column("data_slug", lambda sheet, record: record.slug),  # joins a row to its record in data/<kinds>.json
)


def flat(value: str | list[str]) -> str:
    return LIST_JOIN.join(value) if isinstance(value, list) else value


def records_csv(site: Site, language: Language, base_url: str = "") -> str:
    """Every record of the site as one table in `language`, kinds in the registry's order."""
    sheet = Sheet(site, language, base_url)
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=delimiter(language))
    writer.writerow([safe_cell(language.word(column.header)) for column in COLUMNS])
    for kind in REGISTRY:
        for record in site.of(kind.name):
            writer.writerow([safe_cell(flat(column.cell(sheet, record))) for column in COLUMNS])
    return buffer.getvalue()


def data_files(site: Site, language: Language, base_url: str = "") -> dict[str, str]:
    """Relative path → text, for every open-data file of a language; `base_url`: the site's
    public address ("" when it has none)."""
    files = {"data/LICENSE.txt": LICENSE, RECORDS_CSV: records_csv(site, language, base_url)}
    for kind in REGISTRY:
        records = sorted(site.of(kind.name), key=lambda r: r.slug)
        files[urls.data_file(kind.plural, "json")] = json.dumps(
            [record_data(r) for r in records], ensure_ascii=False, separators=(",", ":")
        )
        files[urls.data_file(kind.plural, "schema.json")] = json.dumps(data_schema(kind), ensure_ascii=False, indent=1)
    return files


# --- the feed -----------------------------------------------------------------------------

# Atom ids must be absolute and should never change: a tag: URI (RFC 4151) under the
# project's own domain, independent of where the site is published.
FEED_TAG = "tag:wegoproject.eu,2021:wego3-kb/"
# Atom requires a date on every entry. A record the history has no date for takes the
# newest date the history knows (the site changed then at the latest), never the day of
# the build: a feed whose dates move every day tells readers every entry is new. With no
# history at all (a site modelled without git, an empty site) the feed takes its tag's
# date, the year the project began, so that its output does not change from day to day.
NO_HISTORY = datetime.date(2021, 1, 1)


@dataclass(frozen=True)
class FeedEntry:
    title: str
    link: str  # absolute when the site has an address, else relative to the feed
    address: str  # relative to the language's root: the entry's id
    updated: datetime.date
    category: str  # the kind's word in the feed's language
    summary: str  # "" for a draft: a feed reader shows it without the page's draft mark


def newest_change(site: Site) -> datetime.date:
    return max(site.changed.values(), default=NO_HISTORY)


def feed_entry(record: Record, language: Language, base_url: str, updated: datetime.date) -> FeedEntry:
    kind = REGISTRY.of(record)
    address = page_url(record)
    return FeedEntry(
        title=language.text(kind.title_of(record)),
        link=base_url + address if base_url else address or "./",
        address=address,
        updated=updated,
        category=kind.word(language),
        summary="" if (summary := kind.summary_of(record)) is None or summary.draft else language.text(summary),
    )


def atom_feed(env: Environment, site: Site, language: Language, base_url: str) -> str:
    """Atom feed of every record, the most recently changed first, each dated with its own
    last change; `base_url`: the language's public root ("" when the site has no address)."""
    newest = newest_change(site)
    dated = sorted(((site.changed.get(r.path, newest), r.path, r) for r in site.records), key=lambda item: item[:2], reverse=True)
    entries = [feed_entry(record, language, base_url, updated) for updated, _, record in dated]
    return env.get_template("feed.xml.j2").render(
        lang=language.code, base_url=base_url, site_name=language.word("site_name"), feed=urls.FEED, updated=newest, entries=entries, tag=FEED_TAG
    )


def robots_txt(base_url: str, languages: Languages) -> str:
    """Where the sitemap of every language is."""
    sitemaps = "".join(f"Sitemap: {Address(urls.SITEMAP).absolute(base_url, language)}\n" for language in languages)
    return f"User-agent: *\nAllow: /\n{sitemaps}"
