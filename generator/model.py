"""Stage 3 — model: validated records become a Site, with every reference resolved once.

Every reference field (found by the schema walker) is resolved to the record it names:
`practice.ref("measures")`, `actor.ref("partner")`, `region.ref("centre")`. Templates
receive the objects made here (records, and lists already grouped and sorted); they
never look records up or compute relations themselves. The Site also carries its
history: the days each record's file changed, from git (history.py).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from . import walker
from .history import FileHistory
from .kinds import REGISTRY
from .schema import Abbreviation, Body, LegalBasis, Measure, Meeting, Practice, Record, Region, Resolved, Strict, Text
from .validate import Loaded


@dataclass(frozen=True)
class StatusCell:
    """A measure in a region: what differs from one region to the next."""

    measure: Measure
    region: Region
    state: str  # a RegionState, or "unknown" when the measure has no entry for the region
    note: Text | None
    bodies: list[Body] = field(default_factory=list)  # who would decide and act there
    ordinances: list[LegalBasis] = field(default_factory=list)  # the region's own acts
    practices: list[Practice] = field(default_factory=list)  # the region's practices for the measure


@dataclass(frozen=True)
class Support:
    meeting: Meeting
    support: str


@dataclass
class Site:
    """Every record, by kind, in its kind's order, with the relations templates show.

    `site.measures`, `site.practices` …: a kind's records by its plural (kinds.py)."""

    by_kind: dict[str, list[Record]]
    practices_by_measure: dict[str, list[Practice]] = field(default_factory=dict)
    practices_by_region: dict[str, list[Practice]] = field(default_factory=dict)
    practices_by_target: dict[str, list[Practice]] = field(default_factory=dict)
    support_by_measure: dict[str, list[Support]] = field(default_factory=dict)
    status: dict[tuple[str, str], StatusCell] = field(default_factory=dict)
    changed: dict[str, datetime.date] = field(default_factory=dict)  # record path → last change (the feed's)
    history: dict[str, FileHistory] = field(default_factory=dict)  # record path → the days it changed
    withdrawn: list[Record] = field(default_factory=list)  # marked to be deleted: checked, not published
    _slugs: dict[str, dict[str, Record]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._slugs = {kind: {record.slug: record for record in records} for kind, records in self.by_kind.items()}

    def __getattr__(self, name: str) -> list[Any]:
        if name.startswith("_") or name == "by_kind":  # not yet set (a copy being made)
            raise AttributeError(name)
        for kind in REGISTRY:
            if kind.plural.replace("-", "_") == name:
                return self.by_kind.get(kind.name, [])
        raise AttributeError(name)

    def of(self, kind: str) -> list[Any]:
        return self.by_kind.get(kind, [])

    def get(self, kind: str, slug: str | None) -> Any:
        return self._slugs.get(kind, {}).get(slug) if slug else None

    @property
    def records(self) -> list[Record]:
        return [record for records in self.by_kind.values() for record in records]

    @property
    def abbreviations(self) -> list[Abbreviation]:
        """Every acronym the content declares, with its full name (pages write it out at first use)."""
        return [item for words in self.search_words for item in words.abbreviations]

    def history_of(self, record: Record) -> FileHistory | None:
        """When the record's file changed; None without a history (no date is shown)."""
        return self.history.get(record.path)


def build_site(
    loaded: list[Loaded], changed: dict[str, datetime.date] | None = None, *, history: dict[str, FileHistory] | None = None
) -> Site:
    """The Site of valid records. `history` (history.read) dates the records' pages; the
    last-changed dates the feed sorts by follow from it unless `changed` gives them."""
    found: dict[str, list[Record]] = {kind.name: [] for kind in REGISTRY}
    withdrawn: list[Record] = []
    for item in sorted(loaded, key=lambda i: i.record.path):
        (withdrawn if item.record.is_withdrawn else found[item.kind.name]).append(item.record)
    by_kind = {kind.name: sorted(found[kind.name], key=kind.sort_key) for kind in REGISTRY}
    history = history or {}
    if changed is None:
        changed = {path: one.changed for path, one in history.items()}
    site = Site(by_kind=by_kind, changed=changed, history=history, withdrawn=withdrawn)
    _resolve_references(site)
    _index_practices(site)
    _index_support(site)
    _index_status(site)
    return site


def _resolve_references(site: Site) -> None:
    """Fill each model's resolved references (validation has made sure they exist). Made
    afresh and then put in place, never added to: `serve` keeps records that did not change
    between saves and builds a new Site from them, and adding to what the last Site resolved
    listed a practice's measures once more on every save."""
    _put_resolved(site, site.records)


def resolve_record(site: Site, record: Record) -> bool:
    """One record's references resolved against a site it is not in yet (`serve`'s first look
    at a saved record); False, and nothing resolved, when one names a record the site lacks."""
    if any(site.get(kind, slug) is None for _, kind, slug, _, _ in references_of(record)):
        return False
    _put_resolved(site, [record])
    return True


def _put_resolved(site: Site, records: list[Record]) -> None:
    fresh: dict[int, tuple[Strict, Resolved]] = {}
    for record in records:
        for _, kind, slug, holder, spec in references_of(record):
            resolved = fresh.setdefault(id(holder), (holder, Resolved()))[1]
            target = site.get(kind, slug)
            if spec.many:
                resolved.setdefault(spec.name, []).append(target)
            else:
                resolved[spec.name] = target
    for holder, resolved in fresh.values():
        holder._resolved = resolved


def references_of(record: Record) -> list[tuple[walker.Location, str, str, Strict, walker.FieldSpec]]:
    """Every reference in the record (walker.references), walked once per record."""
    return record.derived("references", lambda: list(walker.references(record)))


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
    practices_by_pair: dict[tuple[str, str], list[Practice]] = defaultdict(list)
    for practice in site.practices:
        for slug in dict.fromkeys(practice.measures):
            practices_by_pair[(slug, practice.region)].append(practice)
    for measure in site.measures:
        given = {entry.region: entry for entry in measure.regions}
        for region in site.regions:
            entry = given.get(region.slug)
            practices = practices_by_pair.get((measure.slug, region.slug), [])
            site.status[(measure.slug, region.slug)] = StatusCell(
                measure,
                region,
                entry.state if entry else "unknown",
                entry.note if entry else None,
                list(entry.bodies) if entry else [],
                list(entry.ordinances) if entry else [],
                practices,
            )


# --- translation state ------------------------------------------------------------------


def draft_fields(record: Record) -> list[str]:
    """The record's fields (top level) that hold draft text, in the schema's order."""
    found: list[str] = []
    for location, text in texts_of(record):
        if text.draft and str(location[0]) not in found:
            found.append(str(location[0]))
    return found


def texts_of(record: Record) -> list[tuple[walker.Location, Text]]:
    """Every text of the record, with its location (walked once per record)."""
    return record.derived("texts", lambda: list(walker.texts(record)))


def missing_fields(record: Record, lang: str) -> list[str]:
    """Field paths whose text is not yet written in `lang`."""
    return record.derived(
        f"missing {lang}", lambda: [walker.dotted(location) for location, text in texts_of(record) if not text.has(lang)]
    )


@dataclass(frozen=True)
class TranslationRow:
    record: Record
    kind: str
    missing: list[str]


def translation_rows(site: Site, lang: str) -> list[TranslationRow]:
    rows = [TranslationRow(r, REGISTRY.of(r).name, missing_fields(r, lang)) for r in site.records]
    return sorted((row for row in rows if row.missing), key=lambda row: (row.kind, row.record.slug))


def draft_records(site: Site) -> list[Record]:
    return sorted((r for r in site.records if r.is_draft), key=lambda r: (REGISTRY.of(r).name, r.slug))
