"""The URL map: the one place that knows where every page of the site sits.

A page's place is an `Address`: its Markdown path in a language's docs folder
("measures/x.md"). The address knows its URL inside a language ("measures/x/"), its URL
from the site's root in any language ("en/measures/x/"), its absolute URL, and the link
to it from any other page. Every language has the same paths, so the language switcher
can point at the counterpart page. A record's page comes from its kind's declaration
(kinds.py); the site's own pages are named here. Planning, templates, the theme, the
search index, open data, the feed and validation ask this module.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .kinds import Kind, Registry


class LanguageRoot(Protocol):
    """What an address needs of a language: where it sits under the site ("" or "en/")."""

    @property
    def root(self) -> str: ...


@dataclass(frozen=True, order=True)
class Address:
    """Where a page sits, in every language (the same path in each)."""

    path: str  # the Markdown file in a language's docs folder: measures/x.md

    @property
    def url(self) -> str:
        """Relative to its language's root: measures/x.md → measures/x/ ("" for the home)."""
        path = self.path
        if path == "index.md":
            return ""
        if path.endswith("/index.md"):
            return path[: -len("index.md")]
        if path.endswith(".md"):
            return path[: -len(".md")] + "/"
        return path  # a generated file (feed.xml, data/…)

    def url_in(self, language: LanguageRoot) -> str:
        """From the site's root, in a language: en/measures/x/."""
        return language.root + self.url

    def absolute(self, base_url: str, language: LanguageRoot) -> str:
        """The public address ("" when the site has none configured)."""
        return base_url + self.url_in(language) if base_url else ""

    def link_from(self, page: Address) -> str:
        """A link from `page` to this one, as written in page's Markdown (builders rewrite it)."""
        return posixpath.relpath(self.path, posixpath.dirname(page.path) or ".")

    def url_from(self, page: Address) -> str:
        """A link between built pages (HTML, no builder to rewrite it): from page's URL to this one's."""
        relative = posixpath.relpath(self.url or ".", page.url or ".")
        return relative + "/" if self.path.endswith(".md") and relative != "." else "./" if relative == "." else relative

    def __str__(self) -> str:
        return self.path


class UnknownPage(LookupError):
    """A link names a page the site does not have."""


# The site's own pages (besides each kind's list page), by name.
SITE_PAGES = {
    "home": "index.md",
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


def record_page(kind: Kind, slug: str) -> Address:
    return Address(kind.page.format(slug=slug))


def named(name: str, kinds: Registry) -> Address:
    """A page by its name: a site page ("matrix"), a kind's list ("measures"), a hand-written
    page ("privacy"). An unknown name is an error, never a link to nowhere."""
    if name in SITE_PAGES:
        return Address(SITE_PAGES[name])
    if name in WRITTEN:
        return Address(WRITTEN[name])
    for _, listing in kinds.listings():
        if listing.name == name:
            return Address(listing.path)
    raise UnknownPage(name)


def section(name: str) -> Address:
    return Address(SITE_PAGES[name])


def written(name: str) -> Address:
    return Address(WRITTEN[name])


def practice_group(grouping: str, key: str | None) -> Address:
    """Addresses use hyphens: a target group's value women_survivors is at women-survivors."""
    return Address(f"practices/by-{grouping}/{(key or NO_MEASURE).replace('_', '-')}.md")


def moved(grouping: str, key: str) -> Address | None:
    """Where a page used to be, if its address changed (underscores became hyphens)."""
    return Address(f"practices/by-{grouping}/{key}.md") if "_" in key else None


def at_url(url: str) -> Address:
    """The address of a page answering at `url` (from its language's root): a/b/ → a/b.md,
    "" → the home page."""
    return Address(url.strip("/") + ".md") if url.strip("/") else Address("index.md")


def redirect_file(old: Address) -> str:
    """The file that answers at a page's old address, sending the reader on."""
    return old.url + "index.html"


def numbered(first: Address, number: int) -> Address:
    """The n-th page of a list whose first page is `first` (n ≥ 2): measures/index-2.md."""
    return Address(f"{first.path[: -len('.md')]}-{number}.md")


def matrix_part(number: int) -> Address:
    return section("matrix") if number == 1 else Address(f"matrix/part-{number}.md")


def status_list(name: str) -> Address:
    """The full list behind a part of the translation-status page (missing-en, drafts)."""
    return Address(f"translation-status/{name}.md")


def data_file(plural: str, extension: str) -> str:
    return f"data/{plural}.{extension}"


# --- names a record may not take --------------------------------------------------------

# A folder's index (and its later pages, index-2 …) belongs to the site.
_INDEX = re.compile(r"^index(-[0-9]+)?$")


def own_names(kind: Kind, kinds: Registry) -> set[str]:
    """File names the site itself uses in the folder where `kind`'s pages sit."""
    folder = kind.page.rsplit("/", 1)[0]
    if "{slug}" in folder:
        return set()  # a folder per record (regions): nothing else lives beside it
    site_paths = [*SITE_PAGES.values(), *(listing.path for _, listing in kinds.listings())]
    names = set()
    for path in site_paths:
        parent, _, name = path.rpartition("/")
        if parent == folder:
            names.add(name[: -len(".md")])
    for grouping in PRACTICE_GROUPINGS:  # the folders of the practice groups' pages
        parent, _, name = posixpath.dirname(practice_group(grouping, "x").path).rpartition("/")
        if parent == folder:
            names.add(name)
    return names


def reserved(kind: Kind, slug: str, kinds: Registry, own: set[str] | None = None) -> bool:
    """Whether a record named `slug` would claim an address the site itself uses (`own`:
    own_names(kind, kinds), when the caller asks of many records)."""
    return _INDEX.match(slug) is not None or slug in (own if own is not None else own_names(kind, kinds))
