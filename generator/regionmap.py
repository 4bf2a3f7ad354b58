"""The small map of Bulgaria on the region pages: every province, the project's regions
marked (generator/data/bulgaria-regions.json, made by tools/bulgaria_map.py)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .schema import Region, Text
from .slugs import slugify

if TYPE_CHECKING:
    from .model import Site

MAP_DATA = Path(__file__).parent / "data" / "bulgaria-regions.json"
DATA_LANGUAGE = "bg"  # the language the boundary data names provinces in, besides English


@dataclass(frozen=True)
class Province:
    path: str
    name: Text  # in each language the data has
    project: bool  # one of the project's regions
    current: bool  # the region whose page this is
    region: Region | None = None  # the project's region drawn here (its page is a tap away)
    centre: tuple[int, int] = (0, 0)  # where its name is written on the map



@dataclass(frozen=True)
class BulgariaMap:
    view_box: str
    provinces: list[Province]
    marked: list[Text]  # the project's regions, by name
    source: str  # the boundary dataset and its licence (in full: the data file)
    credit_url: str  # where the boundary data comes from, linked from the short credit


@cache
def _map_data() -> dict[str, Any] | None:
    return json.loads(MAP_DATA.read_text(encoding="utf-8")) if MAP_DATA.exists() else None


def _names(province: dict[str, Any]) -> Text:
    """The data's names (name_bg, name_en …) as a text in each language."""
    return Text.model_construct(**{key[len("name_"):]: value for key, value in province.items() if key.startswith("name_")})


def _centre(path: str) -> tuple[int, int]:
    """The middle of a province's outline (of its bounding box: enough to place a name)."""
    numbers = [int(float(n)) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]
    xs, ys = numbers[0::2], numbers[1::2]
    return (min(xs) + max(xs)) // 2, (min(ys) + max(ys)) // 2


def province_slug(province: dict[str, Any]) -> str:
    """A province's address, made from its Bulgarian name as a region's file name is made
    (Русе → ruse, Търговище → targovishte)."""
    return slugify(province[f"name_{DATA_LANGUAGE}"])


@dataclass(frozen=True)
class Outline:
    """A province as the data file draws it (read once: every region page has the map)."""

    path: str
    name: Text
    slug: str
    centre: tuple[int, int]


@cache
def _outlines() -> tuple[Outline, ...]:
    data = _map_data()
    return tuple(Outline(p["path"], _names(p), province_slug(p), _centre(p["path"])) for p in data["provinces"]) if data else ()


def bulgaria_map(site: Site, current: Region | None) -> BulgariaMap | None:
    """Bulgaria's provinces with the project's regions marked. A region is matched by its
    identity (its slug, the folder content/regions/<slug>/), never by its name: „Област
    Русе“, „Русе “ or an English-only name still mark Ruse."""
    data = _map_data()
    if data is None:
        return None
    regions = {region.slug: region for region in site.regions}
    provinces = []
    for outline in _outlines():
        region = regions.get(outline.slug)
        is_current = current is not None and region is not None and region.slug == current.slug
        provinces.append(Province(outline.path, outline.name, region is not None, is_current, region, outline.centre))
    credit = re.search(r"https://www\.naturalearthdata\.com/\S*", data["source"])
    return BulgariaMap(
        data["viewBox"], provinces, [p.name for p in provinces if p.project], data["source"], credit.group(0) if credit else ""
    )
