"""The region map marks a project region by its identity (its slug: the folder
content/regions/<slug>/), not by how its name is written: „Област Русе“, a trailing space
or an English-only name dropped the region from its map and the overview, silently."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from generator.regionmap import bulgaria_map
from generator.schema import Region, Text


def region(slug: str, bg: str, en: str) -> Region:
    record = Region.model_construct(name=Text.model_construct(bg=bg, en=en))
    record._slug = slug
    return record


@pytest.mark.parametrize(("bg", "en"), [("Русе", "Ruse"), ("Област Русе", "Ruse Province"), ("Русе ", "Ruse "), ("", "Ruse")])
def test_a_region_is_marked_whatever_its_name(bg: str, en: str):
    ruse = region("ruse", bg, en)
    plovdiv = region("plovdiv", "Пловдив", "Plovdiv")
    found = bulgaria_map(SimpleNamespace(regions=[ruse, plovdiv]), ruse)
    assert found is not None
    marked = {p.name.get("en"): p for p in found.provinces if p.project}
    assert set(marked) == {"Ruse", "Plovdiv"}
    assert marked["Ruse"].current and marked["Ruse"].region is ruse and not marked["Plovdiv"].current
