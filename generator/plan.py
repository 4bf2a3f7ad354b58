"""Stage 4 — plan: which pages the site has, each with its address, template and the
objects it shows.

The plan is the same in every language (the language switcher relies on it). Every kind
of the registry (kinds.py) gets a page per record and, if it declares one, its list page;
the site adds its own pages (home, matrix, translation status, search, the practice
groups). Addresses come from the URL map (urls.py); lists longer than a page are split,
so no page grows with the site. Two pages on one address are found here and told as
problems naming the records' files (validation asks the same question).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from . import urls
from .groups import practice_groups
from .kinds import INLINE_PRACTICES, LIST_PAGE, REGISTRY, Kind, Listing
from .model import Site, draft_records, translation_rows
from .problems import LANGS, ContentError, Position, Problem, say
from .schema import Record
from .urls import Address

MATRIX_REGIONS, MATRIX_MEASURES = 8, 40


@dataclass(frozen=True)
class PageSpec:
    """One page to render: where, with which template, and the objects it shows."""

    address: Address
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    record: Record | None = None
    searchable: bool = True  # list pages beyond the first only repeat record titles
    owner: Record | None = None  # the record a page is about without showing it whole (its practices' list)

    @property
    def path(self) -> str:
        return self.address.path


@dataclass(frozen=True)
class Pager:
    """Where a page sits in a list split over several pages."""

    number: int
    paths: list[Address]  # every page of the list, in order
    total: int


@dataclass(frozen=True)
class Collision:
    """Two or more pages planned on one address: the records (or the site's own page) behind each."""

    address: Address
    owners: list[Record | None]


class PlanError(ContentError):
    """The plan is impossible: pages collide. Told as problems of the records' files, so
    `validate` and the build say it the same way."""

    def __init__(self, collisions: list[Collision]) -> None:
        super().__init__([problem for collision in collisions for problem in collision_problems(collision)])
        self.collisions = collisions


def collision_problems(collision: Collision) -> list[Problem]:
    """One problem per record on the address, naming the other files (or the site's page)."""
    records = [owner for owner in collision.owners if owner is not None]
    address = "/" + collision.address.url
    site_page = {lang: say("address_taken_by_site", lang, page=address) for lang in LANGS}
    problems = []
    if not records:  # only the site's own pages: a fault of the generator, still told, never silent
        return [Problem("content", Position(1, 1), "address_taken", {"address": address, "other": site_page})]
    for record in records:
        others = [other.path for other in records if other is not record]
        other = {lang: ", ".join(others + ([site_page[lang]] if len(records) < len(collision.owners) else [])) for lang in LANGS}
        problems.append(Problem(record.path, Position(1, 1), "address_taken", {"address": address, "other": other}))
    return problems


def paged(
    first: Address,
    template: str,
    items: list[Any],
    context: dict[str, Any],
    size: int = LIST_PAGE,
    searchable: bool = True,
    owner: Record | None = None,
) -> list[PageSpec]:
    """first.md, first-2.md, … each with `items` (its share) and a Pager."""
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    addresses = [first] + [urls.numbered(first, n) for n in range(2, len(chunks) + 1)]
    return [
        PageSpec(
            address,
            template,
            {**context, "items": chunk, "pager": Pager(n + 1, addresses, len(items))},
            searchable=n == 0 and searchable,
            owner=owner,
        )
        for n, (address, chunk) in enumerate(zip(addresses, chunks, strict=True))
    ]


def plan(site: Site, langs: tuple[str, ...]) -> list[PageSpec]:
    """Every page of the site, the same in each language."""
    pages = [
        PageSpec(urls.section("home"), "home.md.j2", {"measures": site.measures[:INLINE_PRACTICES], "regions": site.regions[:INLINE_PRACTICES]}),
        *(page for kind, listing in REGISTRY.listings() for page in listing_pages(site, kind, listing)),
        PageSpec(urls.section("search"), "search.md.j2", searchable=False),
        *practice_group_pages(site),
        *matrix_pages(site),
        *translation_pages(site, langs),
        *record_pages(site),
    ]
    collisions = collisions_of(pages)
    if collisions:
        raise PlanError(collisions)
    return pages


def collisions_of(pages: list[PageSpec]) -> list[Collision]:
    owners: dict[Address, list[Record | None]] = defaultdict(list)
    for spec in pages:
        owners[spec.address].append(spec.record or spec.owner)
    return [Collision(address, found) for address, found in sorted(owners.items()) if len(found) > 1]


def listing_pages(site: Site, kind: Kind, listing: Listing) -> list[PageSpec]:
    first = Address(listing.path)
    context = {"kind": kind, **listing.context(site)}
    if not listing.paged:
        return [PageSpec(first, listing.template, context)]
    items = listing.items(site) if listing.items is not None else site.of(kind.name)
    return paged(first, listing.template, items, context)


def record_pages(site: Site) -> list[PageSpec]:
    return [record_page(site, kind, record) for kind in REGISTRY for record in site.of(kind.name)]


def record_page(site: Site, kind: Kind, record: Record) -> PageSpec:
    return PageSpec(urls.record_page(kind, record.slug), kind.page_template, kind.record_context(site, record), record, kind.searchable)


def practice_group_pages(site: Site) -> list[PageSpec]:
    """A paged list of practices for every region, measure and target group."""
    pages = []
    for grouping, groups in practice_groups(site).items():
        for heading, address, practices in groups:
            context = {"grouping": grouping, "heading": heading}
            owner = heading if isinstance(heading, Record) else None
            pages += paged(address, "practice_group.md.j2", practices, context, searchable=False, owner=owner)
    return pages


def matrix_pages(site: Site) -> list[PageSpec]:
    """The measure × region matrix, in blocks small enough for one page each."""
    region_blocks = [site.regions[i : i + MATRIX_REGIONS] for i in range(0, len(site.regions), MATRIX_REGIONS)] or [[]]
    measure_blocks = [site.measures[i : i + MATRIX_MEASURES] for i in range(0, len(site.measures), MATRIX_MEASURES)] or [[]]
    blocks = [(r, m) for m in measure_blocks for r in region_blocks]
    addresses = [urls.matrix_part(n) for n in range(1, len(blocks) + 1)]
    return [
        PageSpec(
            address,
            "matrix.md.j2",
            {
                "regions": regions,
                "rows": [(m, [site.status[(m.slug, r.slug)] for r in regions]) for m in measures],
                "pager": Pager(n + 1, addresses, len(blocks)),
            },
            searchable=n == 0,
        )
        for n, (address, (regions, measures)) in enumerate(zip(addresses, blocks, strict=True))
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
            searchable=False,  # for partners: it would answer every query about the content
        )
    ]
    for code in langs:
        if len(missing[code]) > LIST_PAGE:
            pages += paged(urls.status_list(f"missing-{code}"), "status_list.md.j2", missing[code], {"missing": code}, searchable=False)
    if len(drafts) > LIST_PAGE:
        pages += paged(urls.status_list("drafts"), "status_list.md.j2", drafts, {"missing": None}, searchable=False)
    return pages
