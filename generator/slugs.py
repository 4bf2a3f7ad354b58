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


def unique_anchors(headings: Iterable[str]) -> list[str]:
    """An anchor for each heading of a page, readable and unique (a second "Източници"
    becomes iztochnitsi-2)."""
    seen: dict[str, int] = {}
    anchors = []
    for heading in headings:
        base = slugify(heading) or "section"
        seen[base] = seen.get(base, 0) + 1
        anchors.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return anchors
