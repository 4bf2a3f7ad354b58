"""Open data and feeds, written beside the Markdown of each language (render stage).

- data/<kinds>.json: every record whole (both languages, as in the YAML), with its slug
  and the address of its page in this language; data/<kinds>.schema.json validates it
  (built from the record kind's JSON Schema, so it cannot drift from the model).
- data/<kinds>.csv: one row per record, texts in this language, for spreadsheets.
- data/LICENSE.txt: the terms of reuse.
- feed.xml: an Atom feed of the records, newest change first.
- robots.txt: where the sitemaps are.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pydantic import BaseModel

from .model import Site, kind_of, page_path
from .schema import KINDS, Record, Text
from .schema_export import json_schema
from .search_index import url_of

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
        "url": url_of(page_path(record)),
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


def flat_value(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, BaseModel):
        return json.dumps(value.model_dump(mode="json"), ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "; ".join(flat_value(item, lang) for item in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def records_csv(records: list[Record], lang: str) -> str:
    if not records:
        return ""
    fields = [name for name in type(records[0]).model_fields if name not in {"review", "sources"}]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["slug", "url", *fields, "review", "sources"])
    for record in records:
        sources = "; ".join(source.url for source in record.sources)
        writer.writerow(
            [
                record.slug,
                url_of(page_path(record)),
                *(flat_value(getattr(record, f), lang) for f in fields),
                record.review.state,
                sources,
            ]
        )
    return buffer.getvalue()


def data_files(site: Site, lang: str) -> dict[str, str]:
    """Relative path → text, for every open-data file of a language."""
    files = {"data/LICENSE.txt": LICENSE}
    for kind in KINDS:
        records = sorted(site.by_kind[kind.name].values(), key=lambda r: r.slug)
        name = PLURALS[kind.name]
        files[f"data/{name}.json"] = json.dumps(
            [record_data(r, lang) for r in records], ensure_ascii=False, separators=(",", ":")
        )
        files[f"data/{name}.csv"] = records_csv(records, lang)
        files[f"data/{name}.schema.json"] = json.dumps(data_schema(kind.name), ensure_ascii=False, indent=1)
    return files


def _title(record: Record, lang: str) -> str:
    title = getattr(record, "title", None) or getattr(record, "name", None)
    return title.get(lang) if isinstance(title, Text) else record.slug


def _summary(record: Record, lang: str) -> str:
    for field in ("summary", "about", "intro", "origin"):
        value = getattr(record, field, None)
        if isinstance(value, Text):
            return value.get(lang)
    return ""


def atom_feed(site: Site, lang: str, base_url: str, site_name: str, changed: dict[str, datetime.date]) -> str:
    """Atom feed of every record, the most recently changed first."""
    today = datetime.date.today()
    records = sorted(site.records, key=lambda r: (changed.get(r.path, today), r.path), reverse=True)
    newest = max((changed.get(r.path, today) for r in records), default=today)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}" xml:base={quoteattr(base_url)}>',
        f"  <title>{escape(site_name)}</title>",
        f"  <id>{escape(base_url)}feed.xml</id>",
        f'  <link rel="self" href="{escape(base_url)}feed.xml"/>',
        f'  <link rel="alternate" href="{escape(base_url)}"/>',
        f"  <updated>{newest.isoformat()}T00:00:00Z</updated>",
        "  <author><name>WEGO3</name></author>",
    ]
    for record in records:
        url = base_url + url_of(page_path(record))
        updated = changed.get(record.path, today).isoformat()
        lines += [
            "  <entry>",
            f"    <title>{escape(_title(record, lang))}</title>",
            f"    <id>{escape(url)}</id>",
            f'    <link rel="alternate" href="{escape(url)}"/>',
            f"    <updated>{updated}T00:00:00Z</updated>",
            f'    <category term="{kind_of(record)}"/>',
            f"    <summary>{escape(_summary(record, lang))}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def robots_txt(base_root: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {base_root}sitemap.xml\nSitemap: {base_root}en/sitemap.xml\n"
