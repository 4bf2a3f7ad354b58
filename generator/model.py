"""Stage 3 — model: validated records become a Site, with every cross-reference resolved once.

Templates receive the objects made here (records, and lists already grouped and
sorted); they never look records up or compute relations themselves.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .schema import KINDS, Help, Measure, Meeting, Partner, Pilot, Practice, Protocol, Record, Region, Text, Topic
from .validate import Loaded

# Where each kind's page sits in a language's docs folder (same in every language, so the
# language switcher can point at the counterpart page).
PAGE_PATHS = {
    "measure": "measures/{slug}.md",
    "region": "regions/{slug}/index.md",
    "protocol": "regions/{slug}/protocol.md",
    "practice": "practices/{slug}.md",
    "partner": "partners/{slug}.md",
    "meeting": "meetings/{slug}.md",
    "pilot": "pilot/{slug}.md",
    "topic": "topics/{slug}.md",
    "help": "help/{slug}.md",
}
KIND_OF_MODEL: dict[type[Record], str] = {kind.model: kind.name for kind in KINDS}


def kind_of(record: Record) -> str:
    return KIND_OF_MODEL[type(record)]


def page_path(record: Record) -> str:
    return PAGE_PATHS[kind_of(record)].format(slug=record.slug)


@dataclass(frozen=True)
class StatusCell:
    measure: Measure
    region: Region
    state: str  # a RegionState, or "unknown" when the measure has no entry for the region
    note: Text | None


@dataclass(frozen=True)
class Support:
    meeting: Meeting
    support: str


@dataclass
class Site:
    measures: list[Measure]
    regions: list[Region]
    protocols: dict[str, Protocol]
    practices: list[Practice]
    partners: list[Partner]
    meetings: list[Meeting]
    pilots: list[Pilot]
    topics: list[Topic]
    help: list[Help]
    by_kind: dict[str, dict[str, Record]]
    practices_by_measure: dict[str, list[Practice]] = field(default_factory=dict)
    practices_by_region: dict[str, list[Practice]] = field(default_factory=dict)
    practices_by_target: dict[str, list[Practice]] = field(default_factory=dict)
    support_by_measure: dict[str, list[Support]] = field(default_factory=dict)
    status: dict[tuple[str, str], StatusCell] = field(default_factory=dict)
    changed: dict[str, datetime.date] = field(default_factory=dict)  # record path → last change

    def get(self, kind: str, slug: str | None) -> Any:
        return self.by_kind[kind].get(slug) if slug else None

    @property
    def records(self) -> list[Record]:
        return [record for records in self.by_kind.values() for record in records.values()]


def build_site(loaded: list[Loaded]) -> Site:
    by_kind: dict[str, dict[str, Record]] = {kind.name: {} for kind in KINDS}
    for item in sorted(loaded, key=lambda i: i.record.path):
        by_kind[item.kind.name][item.record.slug] = item.record

    def of(kind: str) -> list[Any]:
        return list(by_kind[kind].values())

    site = Site(
        measures=sorted(of("measure"), key=lambda m: (m.number, m.slug)),
        regions=sorted(of("region"), key=lambda r: r.slug),
        protocols={p.slug: p for p in of("protocol")},
        practices=sorted(of("practice"), key=lambda p: p.slug),
        partners=sorted(of("partner"), key=lambda p: (p.role != "lead_organisation", p.slug)),
        meetings=sorted(of("meeting"), key=lambda m: m.slug),
        pilots=sorted(of("pilot"), key=lambda p: p.slug),
        topics=sorted(of("topic"), key=lambda t: t.slug),
        help=sorted(of("help"), key=lambda h: h.slug),
        by_kind=by_kind,
    )
    _index_practices(site)
    _index_support(site)
    _index_status(site)
    return site


def _index_practices(site: Site) -> None:
    by_measure: dict[str, list[Practice]] = defaultdict(list)
    by_region: dict[str, list[Practice]] = defaultdict(list)
    by_target: dict[str, list[Practice]] = defaultdict(list)
    for practice in site.practices:
        by_region[practice.region].append(practice)
        for slug in practice.measures:
            by_measure[slug].append(practice)
        for group in practice.target_groups:
            by_target[group].append(practice)
    site.practices_by_measure = dict(by_measure)
    site.practices_by_region = dict(by_region)
    site.practices_by_target = dict(by_target)


def _index_support(site: Site) -> None:
    support: dict[str, list[Support]] = defaultdict(list)
    for meeting in site.meetings:
        if meeting.vote:
            for result in meeting.vote.results:
                support[result.measure].append(Support(meeting, result.support))
    site.support_by_measure = dict(support)


def _index_status(site: Site) -> None:
    for measure in site.measures:
        given = {entry.region: entry for entry in measure.regions}
        for region in site.regions:
            entry = given.get(region.slug)
            site.status[(measure.slug, region.slug)] = StatusCell(
                measure, region, entry.state if entry else "unknown", entry.note if entry else None
            )


# --- translation state ------------------------------------------------------------------


def texts(value: Any, location: str = "") -> list[tuple[str, Text]]:
    """Every bilingual text in a record, with its field path (e.g. 'steps[1]')."""
    if isinstance(value, Text):
        return [(location, value)]
    found: list[tuple[str, Text]] = []
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            found += texts(getattr(value, name), f"{location}.{name}" if location else name)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            found += texts(item, f"{location}[{index}]")
    return found


def missing_fields(record: Record, lang: str) -> list[str]:
    """Field paths whose text is not yet written in `lang`."""
    return [path for path, text in texts(record) if not text.has(lang)]


@dataclass(frozen=True)
class TranslationRow:
    record: Record
    kind: str
    missing: list[str]


def translation_rows(site: Site, lang: str) -> list[TranslationRow]:
    rows = [TranslationRow(r, kind_of(r), missing_fields(r, lang)) for r in site.records]
    return sorted((row for row in rows if row.missing), key=lambda row: (row.kind, row.record.slug))


def draft_records(site: Site) -> list[Record]:
    return sorted((r for r in site.records if r.is_draft), key=lambda r: (kind_of(r), r.slug))
