"""The URL map: the one place that knows where every page of the site sits.

A page is named by its Markdown path in a language's docs folder ("measures/x.md"); the
builders turn that into the address "measures/x/". Every language has the same paths, so
the language switcher can point at the counterpart page. Planning, templates, the search
index, open data, the feed and validation's reserved names all ask this module.
"""

from __future__ import annotations

import re

from .schema import Record, kind_of

# Where each kind's page sits.
RECORD_PAGES = {
    "measure": "measures/{slug}.md",
    "region": "regions/{slug}/index.md",
    "protocol": "regions/{slug}/protocol.md",
    "practice": "practices/{slug}.md",
    "partner": "partners/{slug}.md",
    "meeting": "meetings/{slug}.md",
    "pilot": "pilot/{slug}.md",
    "topic": "topics/{slug}.md",
    "help": "help/{slug}.md",
    "search_words": "search/{slug}.md",
}

# The site's own pages, by name.
SECTIONS = {
    "home": "index.md",
    "measures": "measures/index.md",
    "regions": "regions/index.md",
    "practices": "practices/index.md",
    "partners": "partners/index.md",
    "meetings": "meetings/index.md",
    "pilot": "pilot/index.md",
    "topics": "topics/index.md",
    "matrix": "matrix.md",
    "translation_status": "translation-status.md",
    "search": "search.md",
}

# Hand-written pages (docs/<lang>/<file>), by name.
WRITTEN = {
    "safe_browsing": "safety.md",
    "privacy": "privacy.md",
    "accessibility": "accessibility.md",
    "open_data": "open-data.md",
}

# Practices listed by region, measure or target group: practices/by-<grouping>/<key>.md
PRACTICE_GROUPINGS = ("region", "measure", "target")
NO_MEASURE = "none"  # the group of practices linked to no measure

SEARCH_INDEX = "assets/search-index.json"
FEED = "feed.xml"
ROBOTS = "robots.txt"
SITEMAP = "sitemap.xml"


def record_page(record: Record) -> str:
    return record_page_of(kind_of(record).name, record.slug)


def record_page_of(kind: str, slug: str) -> str:
    return RECORD_PAGES[kind].format(slug=slug)


def section(name: str) -> str:
    return SECTIONS[name]


def written(name: str) -> str:
    return WRITTEN[name]


def practice_group(grouping: str, key: str | None) -> str:
    """Addresses use hyphens: a target group's value women_survivors is at women-survivors."""
    return f"practices/by-{grouping}/{(key or NO_MEASURE).replace('_', '-')}.md"


def moved(grouping: str, key: str) -> str | None:
    """Where a page used to be, if its address changed (underscores became hyphens)."""
    return f"practices/by-{grouping}/{key}.md" if "_" in key else None


def redirect_file(old_page: str) -> str:
    """The file that answers at a page's old address, sending the reader on."""
    return address(old_page) + "index.html"


def numbered(first: str, number: int) -> str:
    """The n-th page of a list whose first page is `first` (n ≥ 2): measures/index-2.md."""
    return f"{first[: -len('.md')]}-{number}.md"


def matrix_part(number: int) -> str:
    return SECTIONS["matrix"] if number == 1 else f"matrix/part-{number}.md"


def status_list(name: str) -> str:
    """The full list behind a part of the translation-status page (missing-en, drafts)."""
    return f"translation-status/{name}.md"


def data_file(plural: str, extension: str) -> str:
    return f"data/{plural}.{extension}"


def address(path: str) -> str:
    """A page's address relative to its language's root: measures/x.md → measures/x/."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


# --- names a record may not take --------------------------------------------------------

# A folder's index (and its later pages, index-2 …) belongs to the site.
_INDEX = re.compile(r"^index(-[0-9]+)?$")


def _own_names(kind: str) -> set[str]:
    """File names the site itself uses in the folder where `kind`'s pages sit."""
    folder = RECORD_PAGES[kind].rsplit("/", 1)[0]
    if "{slug}" in folder:
        return set()  # a folder per record (regions): nothing else lives beside it
    names = set()
    for path in SECTIONS.values():
        parent, _, name = path.rpartition("/")
        if parent == folder:
            names.add(name[: -len(".md")])
    if folder == "practices":
        names |= {f"by-{grouping}" for grouping in PRACTICE_GROUPINGS}
    return names


def reserved(kind: str, slug: str) -> bool:
    """Whether a record named `slug` would claim an address the site itself uses."""
    return _INDEX.match(slug) is not None or slug in _own_names(kind)
