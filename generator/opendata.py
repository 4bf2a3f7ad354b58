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
from .kinds import REGISTRY, Kind
from .model import Site
from .project import Language, Languages
from .schema import Record, Text
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


def page_url(record: Record) -> str:
    return urls.record_page(REGISTRY.of(record), record.slug).url


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


def flat_value(value: Any, language: Language) -> str:
    if value is None:
        return ""
    if isinstance(value, Text):
        return language.text(value)
    if isinstance(value, BaseModel):
        return json.dumps(value.model_dump(mode="json"), ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "; ".join(flat_value(item, language) for item in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


# A cell a spreadsheet would run as a formula (OWASP, "CSV Injection"): it starts with one
# of these. Such a cell is written with a leading apostrophe, which spreadsheets show as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # so that Excel opens the file as UTF-8 and shows Cyrillic


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def records_csv(records: list[Record], language: Language) -> str:
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
            page_url(record),
            *(flat_value(getattr(record, f), language) for f in fields),
            record.review.state,
            sources,
        ]
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def data_files(site: Site, language: Language) -> dict[str, str]:
    """Relative path → text, for every open-data file of a language."""
    files = {"data/LICENSE.txt": LICENSE}
    for kind in REGISTRY:
        records = sorted(site.of(kind.name), key=lambda r: r.slug)
        files[urls.data_file(kind.plural, "json")] = json.dumps(
            [record_data(r) for r in records], ensure_ascii=False, separators=(",", ":")
        )
        files[urls.data_file(kind.plural, "csv")] = records_csv(records, language)
        files[urls.data_file(kind.plural, "schema.json")] = json.dumps(data_schema(kind), ensure_ascii=False, indent=1)
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


def atom_feed(env: Environment, site: Site, language: Language, base_url: str) -> str:
    """Atom feed of every record, the most recently changed first; `base_url`: the
    language's public root ("" when the site has no address)."""
    today = datetime.date.today()
    changed = site.changed
    records = sorted(site.records, key=lambda r: (changed.get(r.path, today), r.path), reverse=True)
    entries = [
        FeedEntry(
            title=language.text(REGISTRY.of(record).title_of(record)),
            address=page_url(record),
            updated=changed.get(record.path, today),
            kind=REGISTRY.of(record).name,
            summary=language.text(REGISTRY.of(record).summary_of(record)),
        )
        for record in records
    ]
    newest = max((entry.updated for entry in entries), default=today)
    return env.get_template("feed.xml.j2").render(
        lang=language.code, base_url=base_url, site_name=language.word("site_name"), feed=urls.FEED, updated=newest, entries=entries, tag=FEED_TAG
    )


def robots_txt(base_url: str, languages: Languages) -> str:
    """Where the sitemap of every language is."""
    sitemaps = "".join(f"Sitemap: {Address(urls.SITEMAP).absolute(base_url, language)}\n" for language in languages)
    return f"User-agent: *\nAllow: /\n{sitemaps}"
