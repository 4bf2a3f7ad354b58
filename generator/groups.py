"""Practices grouped by region, measure and target group: each group has a paged list of
its own, and the practices page lists the groups. Part of planning (plan.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import urls, walker
from .schema import Practice
from .urls import Address

if TYPE_CHECKING:
    from .model import Site

Group = tuple[Any, Address, list[Practice]]  # heading (record or value), listing page, practices


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

    old: Address
    new: Address


def redirects(site: Site) -> list[Redirect]:
    found = []
    for heading, address, _ in practice_groups(site)["target"]:
        old = urls.moved("target", heading)
        if old:
            found.append(Redirect(old, address))
    return found


def folder_redirects(pages: list[Address]) -> list[Redirect]:
    """An address trimmed by hand (practices/by-region/ from practices/by-region/ruse/) leads
    somewhere, never to a 404: a folder with no page of its own sends the reader to its only
    page, or else to the nearest page above it."""
    urls_with_pages = {page.url for page in pages}
    folders: set[str] = set()
    for page in pages:
        parts = page.url.rstrip("/").split("/")[:-1]
        folders |= {"/".join(parts[:depth]) + "/" for depth in range(1, len(parts) + 1)}
    found = []
    for folder in sorted(folders - urls_with_pages):
        inside = [page for page in pages if page.url.startswith(folder)]
        if len(inside) == 1:
            target = inside[0]
        else:
            above = folder.rstrip("/").split("/")[:-1]
            while above and "/".join(above) + "/" not in urls_with_pages:
                above.pop()
            nearest = "/".join(above) + "/" if above else ""
            target = next((page for page in pages if page.url == nearest), urls.at_url(nearest))
        found.append(Redirect(urls.at_url(folder), target))
    return found
