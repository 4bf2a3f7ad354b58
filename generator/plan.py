"""Stage 4 — plan: which pages the site has, each with its template and the objects it shows.

The plan is the same in every language (the language switcher relies on it). Paths come
from the URL map (urls.py); lists longer than a page are split, so no page grows with the
site.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import urls, walker
from .model import Site, Support, draft_records, translation_rows
from .schema import Measure, Practice, Record, Region

# Lists longer than this are split over pages, so no page grows with the site.
LIST_PAGE = 50
INLINE_PRACTICES = 10  # practices shown on a measure or region page before "all …"
MATRIX_REGIONS, MATRIX_MEASURES = 8, 40


class PlanError(Exception):
    """The plan is impossible (e.g. two pages would claim one address)."""


@dataclass(frozen=True)
class PageSpec:
    """One page to render: where, with which template, and the objects it shows."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    record: Record | None = None
    searchable: bool = True  # list pages beyond the first only repeat record titles


@dataclass(frozen=True)
class Pager:
    """Where a page sits in a list split over several pages."""

    number: int
    paths: list[str]  # the path of every page of the list, in order
    total: int


def paged(
    first: str, template: str, items: list[Any], context: dict[str, Any], size: int = LIST_PAGE, searchable: bool = True
) -> list[PageSpec]:
    """first.md, first-2.md, … each with `items` (its share) and a Pager."""
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    paths = [first] + [urls.numbered(first, n) for n in range(2, len(chunks) + 1)]
    return [
        PageSpec(
            path,
            template,
            {**context, "items": chunk, "pager": Pager(n + 1, paths, len(items))},
            searchable=n == 0 and searchable,
        )
        for n, (path, chunk) in enumerate(zip(paths, chunks, strict=True))
    ]


def plan(site: Site, langs: tuple[str, ...]) -> list[PageSpec]:
    """Every page of the site, the same in each language."""
    pages = [
        *section_pages(site),
        *practice_group_pages(site),
        *matrix_pages(site),
        *translation_pages(site, langs),
        *record_pages(site),
    ]
    clashes = sorted(path for path, count in Counter(spec.path for spec in pages).items() if count > 1)
    if clashes:  # validation reserves the site's own names; this is the last line of defence
        raise PlanError(f"two pages would be written to: {', '.join(clashes)}")
    return pages


@dataclass(frozen=True)
class MeasureRow:
    """A measure in the overview an officer scans: who decides, the hooks, the vote, practices."""

    measure: Measure
    support: list[Support]
    practices: int


def section_pages(site: Site) -> list[PageSpec]:
    home = {"measures": site.measures[:INLINE_PRACTICES], "regions": site.regions[:INLINE_PRACTICES]}
    rows = [
        MeasureRow(m, site.support_by_measure.get(m.slug, []), len(site.practices_by_measure.get(m.slug, [])))
        for m in site.measures
    ]
    return [
        PageSpec(urls.section("home"), "home.md.j2", home),
        *paged(urls.section("measures"), "measures.md.j2", rows, {}),
        *paged(urls.section("regions"), "regions.md.j2", site.regions, {"map": bulgaria_map(site, None)}),
        PageSpec(
            urls.section("practices"),
            "practices.md.j2",
            {"groups": practice_groups(site), "inline": len(site.practices) <= LIST_PAGE},
        ),
        *paged(urls.section("partners"), "partners.md.j2", site.partners, {}),
        PageSpec(urls.section("meetings"), "meetings.md.j2"),
        PageSpec(urls.section("pilot"), "pilots.md.j2"),
        PageSpec(urls.section("topics"), "topics.md.j2"),
        PageSpec(urls.section("search"), "search.md.j2", searchable=False),
    ]


def record_pages(site: Site) -> list[PageSpec]:
    pages = []
    for measure in site.measures:
        practices = site.practices_by_measure.get(measure.slug, [])
        context = {
            "measure": measure,
            "practices": practices[:INLINE_PRACTICES],
            "practices_total": len(practices),
            "practices_all": urls.practice_group("measure", measure.slug),
            "support": site.support_by_measure.get(measure.slug, []),
            "status": [site.status[(measure.slug, region.slug)] for region in site.regions],
        }
        pages.append(PageSpec(urls.record_page(measure), "measure.md.j2", context, measure))
    for region in site.regions:
        known_status = [cell for m in site.measures if (cell := site.status[(m.slug, region.slug)]).state != "unknown"]
        practices = site.practices_by_region.get(region.slug, [])
        context = {
            "region": region,
            "centre": region.ref("centre"),
            "protocol": site.protocols.get(region.slug),
            "practices": practices[:INLINE_PRACTICES],
            "practices_total": len(practices),
            "practices_all": urls.practice_group("region", region.slug),
            "status": known_status[:LIST_PAGE],
            "status_total": len(known_status),
            "ordinances": [(cell.measure, act) for cell in known_status for act in cell.ordinances],
            "map": bulgaria_map(site, region),
        }
        pages.append(PageSpec(urls.record_page(region), "region.md.j2", context, region))
    for protocol in site.protocols.values():
        context = {"protocol": protocol, "region": site.get("region", protocol.slug)}
        pages.append(PageSpec(urls.record_page(protocol), "protocol.md.j2", context, protocol))
    for practice in site.practices:
        context = {"practice": practice, "region": site.get("region", practice.region), "measures": practice.ref("measures") or []}
        pages.append(PageSpec(urls.record_page(practice), "practice.md.j2", context, practice))
    for partner in site.partners:
        context = {"partner": partner, "region": partner.ref("region")}
        pages.append(PageSpec(urls.record_page(partner), "partner.md.j2", context, partner))
    for meeting in site.meetings:
        context = {"meeting": meeting, "regions": meeting.ref("regions") or []}
        if meeting.vote:
            context["results"] = [(result.ref("measure"), result.support) for result in meeting.vote.results]
        pages.append(PageSpec(urls.record_page(meeting), "meeting.md.j2", context, meeting))
    for pilot in site.pilots:
        context = {"pilot": pilot, "measure": pilot.ref("measure"), "region": pilot.ref("region")}
        pages.append(PageSpec(urls.record_page(pilot), "pilot.md.j2", context, pilot))
    for topic in site.topics:
        pages.append(PageSpec(urls.record_page(topic), "topic.md.j2", {"topic": topic}, topic))
    for words in site.search_words:
        pages.append(PageSpec(urls.record_page(words), "search_words.md.j2", {"words": words}, words, searchable=False))
    for help_record in site.help:
        pages.append(PageSpec(urls.record_page(help_record), "help.md.j2", {"help": help_record}, help_record))
    return pages


@dataclass(frozen=True)
class Province:
    path: str
    names: dict[str, str]  # {"bg": "Русе", "en": "Ruse"}
    project: bool  # one of the project's regions
    current: bool  # the region whose page this is


@dataclass(frozen=True)
class BulgariaMap:
    view_box: str
    provinces: list[Province]
    marked: list[dict[str, str]]  # the project's regions, by name
    source: str  # the boundary dataset and its licence


MAP_DATA = Path(__file__).parent / "data" / "bulgaria-regions.json"


@cache
def _map_data() -> dict[str, Any] | None:
    return json.loads(MAP_DATA.read_text(encoding="utf-8")) if MAP_DATA.exists() else None


def bulgaria_map(site: Site, current: Region | None) -> BulgariaMap | None:
    """Bulgaria's provinces with the project's regions marked (by their Bulgarian names)."""
    data = _map_data()
    if data is None:
        return None
    names = {region.name.bg: region for region in site.regions}
    provinces = [
        Province(
            p["path"],
            {"bg": p["name_bg"], "en": p["name_en"]},
            p["name_bg"] in names,
            current is not None and p["name_bg"] == current.name.bg,
        )
        for p in data["provinces"]
    ]
    marked = [p.names for p in provinces if p.project]
    return BulgariaMap(data["viewBox"], provinces, marked, data["source"])


Group = tuple[Any, str, list[Practice]]  # heading (record or value), listing page, practices


def practice_groups(site: Site) -> dict[str, list[Group]]:
    """Practices grouped three ways."""
    by_measure: list[Group] = [
        (m, urls.practice_group("measure", m.slug), site.practices_by_measure[m.slug])
        for m in site.measures
        if m.slug in site.practices_by_measure
    ]
    unlinked = [p for p in site.practices if not p.measures]
    if unlinked:
        by_measure.append((None, urls.practice_group("measure", None), unlinked))
    target_groups = walker.field(Practice, "target_groups")
    return {
        "region": [
            (r, urls.practice_group("region", r.slug), site.practices_by_region[r.slug])
            for r in site.regions
            if r.slug in site.practices_by_region
        ],
        "measure": by_measure,
        "target": [
            (g, urls.practice_group("target", g), site.practices_by_target[g])
            for g in (target_groups.choices if target_groups else ())
            if g in site.practices_by_target
        ],
    }


@dataclass(frozen=True)
class Redirect:
    """An old address that leads to a page's new one."""

    old: str  # file to write, relative to the language's root
    new: str  # the page's path now


def redirects(site: Site) -> list[Redirect]:
    found = []
    for heading, path, _ in practice_groups(site)["target"]:
        old = urls.moved("target", heading)
        if old:
            found.append(Redirect(urls.redirect_file(old), path))
    return found


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
    paths = [urls.matrix_part(n) for n in range(1, len(blocks) + 1)]
    return [
        PageSpec(
            path,
            "matrix.md.j2",
            {
                "regions": regions,
                "rows": [(m, [site.status[(m.slug, r.slug)] for r in regions]) for m in measures],
                "pager": Pager(n + 1, paths, len(blocks)),
            },
            searchable=n == 0,
        )
        for n, (path, (regions, measures)) in enumerate(zip(paths, blocks, strict=True))
    ]


def translation_pages(site: Site, langs: tuple[str, ...]) -> list[PageSpec]:
    # The translations first: content is written in the default language first.
    missing = {code: translation_rows(site, code) for code in (*langs[1:], langs[0])}
    drafts = draft_records(site)
    pages = [
        PageSpec(
            urls.section("translation_status"),
            "translation_status.md.j2",
            {
                "missing": {code: rows[:LIST_PAGE] for code, rows in missing.items()},
                "missing_all": {code: urls.status_list(f"missing-{code}") for code in langs},
                "drafts_shown": drafts[:LIST_PAGE],
                "drafts_all": urls.status_list("drafts"),
                "totals": {**{code: len(rows) for code, rows in missing.items()}, "drafts": len(drafts)},
            },
        )
    ]
    for code in langs:
        if len(missing[code]) > LIST_PAGE:
            pages += paged(
                urls.status_list(f"missing-{code}"), "status_list.md.j2", missing[code], {"missing": code}
            )
    if len(drafts) > LIST_PAGE:
        pages += paged(urls.status_list("drafts"), "status_list.md.j2", drafts, {"missing": None})
    return pages
