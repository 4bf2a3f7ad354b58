"""Open data and feeds, written beside the Markdown of each language (render stage).

- data/<kinds>.json: every record whole (both languages, as in the YAML), with its slug
  and the address of its page in this language; data/<kinds>.schema.json validates it
  (built from the record kind's JSON Schema, so it cannot drift from the model).
- data/<kinds>.csv: one row per record, texts in this language, for spreadsheets.
- data/LICENSE.txt: the terms of reuse.
- feed.xml: an Atom feed of the records, newest change first (templates/feed.xml.j2:
  Atom is a few elements, and a template keeps its shape beside the pages' shapes, with
  Jinja's escaping; a feed library would add a dependency for no gain).
- robots.txt: where the sitemaps are.

Field lists come from the schema walker; addresses from the URL map.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from pydantic import BaseModel

from . import urls, walker
from .model import Site
from .project import Languages
from .schema import KINDS, Record, Text, kind_of, summary_of, title_of
from .schema_export import json_schema

PLURALS = {
    "measure": "measures",
    "region": "regions",
    "protocol": "protocols",
    "practice": "practices",
    "partner": "partners",
    "meeting": "meetings",
    "pilot": "pilots",
    "topic": "topics",
    "help": "help",
    "search_words": "search-words",
}

LICENSE = """WEGO3 knowledge base — open data / Отворени данни

The terms of reuse of these data have not yet been decided by the project partners.
Until they are, please cite the WEGO3 project and the sources listed in each record,
and ask the project's lead organisation before republishing.

Условията за повторна употреба на тези данни още не са решени от партньорите по
проекта. Дотогава цитирайте проект WEGO3 и източниците, посочени във всеки запис, и
се обърнете към водещата организация на проекта преди повторно публикуване.
"""


def record_data(record: Record, lang: str) -> dict[str, Any]:
    return {
        "slug": record.slug,
        "url": urls.address(urls.record_page(record)),
        "record": record.model_dump(mode="json"),
    }


def data_schema(kind_name: str) -> dict[str, Any]:
    kind = next(k for k in KINDS if k.name == kind_name)
    record_schema = json_schema(kind)
    definitions = record_schema.pop("$defs", {})
    for key in ("$schema", "$id", "title", "description"):
        record_schema.pop(key, None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"WEGO3 open data: {PLURALS[kind_name]}",
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


def flat_value(value: Any, lang: str, fallback: tuple[str, ...]) -> str:
    if value is None:
        return ""
    if isinstance(value, Text):
        return value.get(lang, fallback)
    if isinstance(value, BaseModel):
        return json.dumps(value.model_dump(mode="json"), ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "; ".join(flat_value(item, lang, fallback) for item in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


# A cell a spreadsheet would run as a formula (OWASP, "CSV Injection"): it starts with one
# of these. Such a cell is written with a leading apostrophe, which spreadsheets show as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # so that Excel opens the file as UTF-8 and shows Cyrillic


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def records_csv(records: list[Record], lang: str, fallback: tuple[str, ...]) -> str:
    if not records:
        return BOM
    fields = [spec.name for spec in walker.fields_of(type(records[0])) if spec.name not in {"review", "sources"}]
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow(["slug", "url", *fields, "review", "sources"])
    for record in records:
        sources = "; ".join(source.url for source in record.sources)
        row = [
            record.slug,
            urls.address(urls.record_page(record)),
            *(flat_value(getattr(record, f), lang, fallback) for f in fields),
            record.review.state,
            sources,
        ]
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def data_files(site: Site, lang: str, fallback: tuple[str, ...]) -> dict[str, str]:
    """Relative path → text, for every open-data file of a language."""
    files = {"data/LICENSE.txt": LICENSE}
    for kind in KINDS:
        records = sorted(site.by_kind[kind.name].values(), key=lambda r: r.slug)
        name = PLURALS[kind.name]
        files[urls.data_file(name, "json")] = json.dumps(
            [record_data(r, lang) for r in records], ensure_ascii=False, separators=(",", ":")
        )
        files[urls.data_file(name, "csv")] = records_csv(records, lang, fallback)
        files[urls.data_file(name, "schema.json")] = json.dumps(data_schema(kind.name), ensure_ascii=False, indent=1)
    return files


# Atom ids must be absolute and should never change: a tag: URI (RFC 4151) under the
# project's own domain, independent of where the site is published.
FEED_TAG = "tag:wegoproject.eu,2021:wego3-kb/"


@dataclass(frozen=True)
class FeedEntry:
    title: str
    address: str  # relative to the language's root
    updated: datetime.date
    kind: str
    summary: str


def atom_feed(
    env: Environment, site: Site, lang: str, fallback: tuple[str, ...], base_url: str, site_name: str
) -> str:
    """Atom feed of every record, the most recently changed first."""
    today = datetime.date.today()
    changed = site.changed
    records = sorted(site.records, key=lambda r: (changed.get(r.path, today), r.path), reverse=True)
    entries = [
        FeedEntry(
            title=title_of(record).get(lang, fallback),
            address=urls.address(urls.record_page(record)),
            updated=changed.get(record.path, today),
            kind=kind_of(record).name,
            summary=summary_of(record).get(lang, fallback),
        )
        for record in records
    ]
    newest = max((entry.updated for entry in entries), default=today)
    return env.get_template("feed.xml.j2").render(
        lang=lang, base_url=base_url, site_name=site_name, feed=urls.FEED, updated=newest, entries=entries, tag=FEED_TAG
    )


def robots_txt(base_url: str, languages: Languages) -> str:
    """Where the sitemap of every language is."""
    sitemaps = "".join(f"Sitemap: {base_url}{languages.root(code)}{urls.SITEMAP}\n" for code in languages.codes)
    return f"User-agent: *\nAllow: /\n{sitemaps}"
