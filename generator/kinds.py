"""The record kinds: one declaration per kind, and the registry every stage iterates.

A kind's declaration holds everything about it — its model (schema.py), where its files
live under content/, which field names a record, where its page sits and with which
template, what its page receives besides the record, its list page, how its records are
sorted, its name in open data, its place in the navigation, its words in each language
and what partners may do with it in the web form and on the command line. Loading,
validation, the model, the URL map, planning, open data, the feed, the editor, `new` and
the navigation ask the registry; none of them names a kind. Adding a kind is one
declaration here (or `REGISTRY.register(...)`, as a test does) and one template.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

from . import schema, urls, words
from .groups import practice_groups
from .regionmap import bulgaria_map
from .schema import Record, Text

if TYPE_CHECKING:
    from .model import Site
    from .project import Language

# Lists longer than this are split over pages, so no page grows with the site.
LIST_PAGE = 50
INLINE_PRACTICES = 10  # practices shown on a measure or region page before "all …"

PageContext = Callable[["Site", Any], dict[str, Any]]
Nav = Literal["public", "partners"] | None


def _no_context(site: Site, record: Any) -> dict[str, Any]:
    return {}


def _by_slug(record: Record) -> Any:
    return record.slug


@dataclass(frozen=True)
class Listing:
    """A kind's list page: its name (the catalogue's word for it, and how templates link to
    it: href('measures')), its path, its template, and what it receives: `items` (by default
    the kind's records) split over pages of LIST_PAGE, or with paged=False one page that
    finds its records itself."""

    name: str
    path: str
    template: str = "kind_list.md.j2"  # a list of the records' titles and summaries
    items: Callable[[Site], list[Any]] | None = None  # None: the kind's records
    context: Callable[[Site], dict[str, Any]] = lambda site: {}
    paged: bool = True


@dataclass(frozen=True)
class Form:
    """What partners may do with a kind's records in the web form."""

    create: bool = True
    delete: bool = False


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[Record]
    pattern: str  # glob under content/
    page: str  # the record page's path in a language's docs folder, with {slug}
    plural: str  # its name in open data (data/<plural>.json) and its folder's plain name
    slug_from: Literal["stem", "parent"] = "stem"  # the file's name, or its folder's (region.yaml)
    title_field: str = "title"  # the text that names a record (page title, feed, lists)
    summary_field: str = "summary"  # the text that describes it in a line or two
    template: str = ""  # the record page's template; default <name>.md.j2
    context: PageContext = _no_context  # what the page receives besides the record
    sort_key: Callable[[Any], Any] = _by_slug
    listing: Listing | None = None
    nav: Nav = None  # where its list page sits in the navigation
    searchable: bool = True  # whether its pages are in the search index
    within: str | None = None  # the kind whose folder holds its files (regions/<slug>/…)
    form: Form = field(default_factory=Form)
    new: bool = True  # `python -m generator new <kind>` writes one
    words: dict[str, tuple[str, str]] = field(default_factory=dict)  # lang → (one, many), else the catalogue

    @property
    def page_template(self) -> str:
        return self.template or f"{self.name}.md.j2"

    def slug_for(self, relative: PurePosixPath) -> str:
        return relative.stem if self.slug_from == "stem" else relative.parent.name

    def folder_for(self, relative: PurePosixPath) -> str:
        """The slug of the record whose folder holds the file ('' for a kind not `within`)."""
        if self.within is None:
            return ""
        return relative.parts[PurePosixPath(self.pattern).parts.index("*")]

    def matches(self, relative: PurePosixPath) -> bool:
        return relative.match(self.pattern) and len(relative.parts) == len(PurePosixPath(self.pattern).parts)

    def file_for(self, slug: str, folder: str | None) -> PurePosixPath:
        """Where a new record's file goes: the pattern with its folder and name filled in."""
        parts = list(PurePosixPath(self.pattern).parts)
        if self.slug_from == "parent":
            parts[parts.index("*")] = folder or slug
        else:
            if "*" in parts[:-1]:
                parts[parts.index("*")] = folder or ""
            parts[-1] = parts[-1].replace("*", slug)
        return PurePosixPath(*parts)

    def title_of(self, record: Record) -> Text:
        return getattr(record, self.title_field)  # type: ignore[no-any-return]

    def summary_of(self, record: Record) -> Text:
        return getattr(record, self.summary_field)  # type: ignore[no-any-return]

    def word(self, language: Language) -> str:
        """Its name in a language ("Мярка"): from its declaration, else the catalogue."""
        if language.code in self.words:
            return self.words[language.code][0]
        return language.kind_word(self.name) if self.name in words.labels()["kinds"] else self.name

    def plural_word(self, language: Language) -> str:
        """The name of its list ("Мерки"): from its declaration, else the catalogue."""
        if language.code in self.words:
            return self.words[language.code][1]
        name = self.listing.name if self.listing else self.plural
        return language.word(name) if name in words.labels() else name

    def record_context(self, site: Site, record: Record) -> dict[str, Any]:
        return {self.name: record, **self.context(site, record)}


class Registry:
    """The kinds, in the order pages, lists, open data and the form show them."""

    def __init__(self, kinds: tuple[Kind, ...]) -> None:
        self._kinds: list[Kind] = list(kinds)
        self._by_model: dict[type, Kind] | None = None  # of(): made when first asked, forgotten on a change

    def __iter__(self) -> Iterator[Kind]:
        return iter(tuple(self._kinds))

    def __getitem__(self, name: str) -> Kind:
        return next(kind for kind in self._kinds if kind.name == name)

    def __contains__(self, name: object) -> bool:
        return any(kind.name == name for kind in self._kinds)

    def names(self) -> tuple[str, ...]:
        return tuple(kind.name for kind in self._kinds)

    def of(self, record: Record) -> Kind:
        # asked for every record on every page: a lookup by the record's class, not a search
        if self._by_model is None:
            self._by_model = {kind.model: kind for kind in reversed(self._kinds)}  # the first kind wins
        return self._by_model[type(record)]

    def for_path(self, relative: PurePosixPath) -> Kind | None:
        """The kind whose pattern matches a path relative to content/."""
        return next((kind for kind in self._kinds if kind.matches(relative)), None)

    def listings(self) -> list[tuple[Kind, Listing]]:
        return [(kind, kind.listing) for kind in self._kinds if kind.listing is not None]

    @contextmanager
    def registered(self, kind: Kind) -> Iterator[Kind]:
        """A kind added for a while (a test's fixture kind), then removed."""
        self._kinds.append(kind)
        self._by_model = None
        try:
            yield kind
        finally:
            self._kinds.remove(kind)
            self._by_model = None


# --- what each kind's page receives ------------------------------------------------------


def _measure_page(site: Site, measure: schema.Measure) -> dict[str, Any]:
    practices = site.practices_by_measure.get(measure.slug, [])
    return {
        "practices": practices[:INLINE_PRACTICES],
        "practices_total": len(practices),
        "practices_all": urls.practice_group("measure", measure.slug),
        "support": site.support_by_measure.get(measure.slug, []),
        "status": [site.status[(measure.slug, region.slug)] for region in site.regions],
    }


def _region_page(site: Site, region: schema.Region) -> dict[str, Any]:
    known_status = [cell for m in site.measures if (cell := site.status[(m.slug, region.slug)]).state != "unknown"]
    practices = site.practices_by_region.get(region.slug, [])
    return {
        "centre": region.ref("centre"),
        "protocol": site.get("protocol", region.slug),
        "practices": practices[:INLINE_PRACTICES],
        "practices_total": len(practices),
        "practices_all": urls.practice_group("region", region.slug),
        "status": known_status[:LIST_PAGE],
        "status_total": len(known_status),
        "ordinances": [(cell.measure, act) for cell in known_status for act in cell.ordinances],
        "map": bulgaria_map(site, region),
    }


def _meeting_page(site: Site, meeting: schema.Meeting) -> dict[str, Any]:
    context: dict[str, Any] = {"regions": meeting.ref("regions") or []}
    if meeting.vote:
        context["results"] = [(result.ref("measure"), result.support) for result in meeting.vote.results]
    return context


@dataclass(frozen=True)
class MeasureRow:
    """A measure in the overview an officer scans: who decides, the hooks, the vote, practices."""

    measure: schema.Measure
    support: list[Any]
    practices: int


def _measure_rows(site: Site) -> list[MeasureRow]:
    return [
        MeasureRow(m, site.support_by_measure.get(m.slug, []), len(site.practices_by_measure.get(m.slug, [])))
        for m in site.measures
    ]


def _regions_list(site: Site) -> dict[str, Any]:
    return {"map": bulgaria_map(site, None)}


def _practices_list(site: Site) -> dict[str, Any]:
    return {"groups": practice_groups(site), "inline": len(site.practices) <= LIST_PAGE}


REGISTRY = Registry(
    (
        Kind(
            "measure", schema.Measure, "measures/*.yaml", "measures/{slug}.md", "measures",
            context=_measure_page, sort_key=lambda m: (m.number, m.slug),
            listing=Listing("measures", "measures/index.md", "measures.md.j2", items=_measure_rows), nav="public",
        ),
        Kind(
            "region", schema.Region, "regions/*/region.yaml", "regions/{slug}/index.md", "regions", slug_from="parent",
            title_field="name", context=_region_page,
            listing=Listing("regions", "regions/index.md", "regions.md.j2", context=_regions_list),
            nav="public",
        ),
        Kind(
            "protocol", schema.Protocol, "regions/*/protocol.yaml", "regions/{slug}/protocol.md", "protocols",
            slug_from="parent", summary_field="origin", within="region",
            context=lambda site, protocol: {"region": site.get("region", protocol.slug)}, new=False,
        ),
        Kind(
            "practice", schema.Practice, "regions/*/practices/*.yaml", "practices/{slug}.md", "practices", within="region",
            context=lambda site, practice: {"region": site.get("region", practice.region), "measures": practice.ref("measures") or []},
            listing=Listing("practices", "practices/index.md", "practices.md.j2", context=_practices_list, paged=False),
            nav="public",
        ),
        Kind(
            "partner", schema.Partner, "partners/*.yaml", "partners/{slug}.md", "partners",
            title_field="name", summary_field="about", context=lambda site, partner: {"region": partner.ref("region")},
            sort_key=lambda p: (p.role != "lead_organisation", p.slug),
            listing=Listing("partners", "partners/index.md", "partners.md.j2"), nav="partners",
        ),
        Kind(
            "meeting", schema.Meeting, "meetings/*.yaml", "meetings/{slug}.md", "meetings", context=_meeting_page,
            listing=Listing("meetings", "meetings/index.md", "meetings.md.j2", paged=False), nav="public",
        ),
        Kind(
            "pilot", schema.Pilot, "pilot/*.yaml", "pilot/{slug}.md", "pilots",
            context=lambda site, pilot: {"measure": pilot.ref("measure"), "region": pilot.ref("region")},
            listing=Listing("pilot", "pilot/index.md", "pilots.md.j2", paged=False), nav="public", new=False,
        ),
        Kind(
            "topic", schema.Topic, "topics/*.yaml", "topics/{slug}.md", "topics",
            listing=Listing("topics", "topics/index.md", "topics.md.j2", paged=False), nav="public",
        ),
        Kind("help", schema.Help, "help/*.yaml", "help/{slug}.md", "help", summary_field="intro", new=False),
        Kind(
            "search_words", schema.SearchWords, "search/*.yaml", "search/{slug}.md", "search-words", searchable=False, new=False,
        ),
    )
)
