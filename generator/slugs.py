"""Addresses made from words: the official Bulgarian transliteration (Transliteration Act,
2009), used for record file names (`generator new`, the web editor's JavaScript copy in
editor/src/format.js) and for the anchors of headings.

Why cyrtranslit: a maintained library with the official Bulgarian table; two details of
the Act it does not follow are corrected here (ъ → a, word-final -ия → -ia).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import cyrtranslit

MAX_SLUG = 60


def slugify(title: str) -> str:
    """A page address from a title, Cyrillic transliterated by the official Bulgarian system.

    cyrtranslit's Bulgarian table gives щ → sht but ъ → ă; the Transliteration Act writes
    ъ as a, which folding the diacritic gives. The Act also writes a word-final -ия as -ia.
    """
    latin = cyrtranslit.to_latin(re.sub(r"ия\b", "иa", title, flags=re.IGNORECASE), "bg")
    ascii_text = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


def unique_anchors(headings: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """An anchor for each heading of a page, readable and unique: a second "Източници"
    becomes iztochnitsi-2, a heading with no letters "section". Unique by construction: an
    anchor is never one already given or `taken` (ids the page holds besides its headings),
    so "А", "А", "А 2" become a, a-2, a-2-2. Each is [a-z0-9]+ joined by single hyphens."""
    used = set(taken)
    tried: dict[str, int] = {}  # for each slug, the highest number tried (keeps it linear)
    anchors = []
    for heading in headings:
        base = slugify(heading) or "section"
        anchor, number = base, tried.get(base, 1)
        while anchor in used:
            number += 1
            anchor = f"{base}-{number}"
        tried[base] = number
        used.add(anchor)
        anchors.append(anchor)
    return anchors
