"""Stemmers for the search index: search_index.py stores the stems these make, at build
time, and docs/assets/search.js applies the same rules to the query only.

Bulgarian: the light stemmer of Jacques Savoy, "Searching strategies for the Bulgarian
language" (Information Retrieval 10, 2007) — the algorithm Lucene ships as
BulgarianStemmer: it removes definite articles (-ът, -ят, -та, -то, -те, -ия…), plural
endings (-ове, -еве, -ища, -ци → к, -зи → г, -си → х…) and a final vowel. No maintained
Python package implements it, so it is written here, rule for rule, and a test runs the
JavaScript copy in Chromium over the whole vocabulary to prove the two agree.

English: the S-stemmer (Harman, 1991): plural endings only. Together with prefix matching
in the search it is enough for a small site and cannot over-conflate.
"""

from __future__ import annotations

import re
from collections.abc import Callable

WORD = re.compile(r"[^\W_]+")

STOP_WORDS = {
    "bg": frozenset("и в във на за с със от по до да се че как какво е са към или не ли а но".split()),
    "en": frozenset("the a an of for to in on and or with how what is are by at as be it its from".split()),
}


def tokens(text: str) -> list[str]:
    """Lower-case words: runs of letters and digits (Cyrillic included)."""
    return WORD.findall(text.lower())


def stem_bg(word: str) -> str:
    s = list(word)
    n = len(s)
    if n < 4:
        return word
    if n > 5 and word.endswith("ища"):
        return word[: n - 3]
    n = _remove_article(s, n)
    n = _remove_plural(s, n)
    if n > 3:
        if _ends(s, n, "я"):
            n -= 1
        if _ends(s, n, "а") or _ends(s, n, "о") or _ends(s, n, "е"):
            n -= 1
    if n > 4 and _ends(s, n, "ен"):
        s[n - 2] = "н"
        n -= 1
    if n > 5 and s[n - 2] == "ъ":
        s[n - 2] = s[n - 1]
        n -= 1
    return "".join(s[:n])


def _ends(s: list[str], n: int, suffix: str) -> bool:
    return n >= len(suffix) and "".join(s[n - len(suffix) : n]) == suffix


def _remove_article(s: list[str], n: int) -> int:
    if n > 6 and _ends(s, n, "ият"):
        return n - 3
    if n > 5 and any(_ends(s, n, suffix) for suffix in ("ът", "то", "те", "та", "ия")):
        return n - 2
    if n > 4 and _ends(s, n, "ят"):
        return n - 2
    return n


def _remove_plural(s: list[str], n: int) -> int:
    if n > 6:
        if _ends(s, n, "овци"):
            return n - 3
        if _ends(s, n, "ове"):
            return n - 3
        if _ends(s, n, "еве"):
            s[n - 3] = "й"
            return n - 2
    if n > 5:
        if _ends(s, n, "ища"):
            return n - 3
        if _ends(s, n, "та"):
            return n - 2
        if _ends(s, n, "ци"):
            s[n - 2] = "к"
            return n - 1
        if _ends(s, n, "зи"):
            s[n - 2] = "г"
            return n - 1
        if s[n - 3] == "е" and s[n - 1] == "и":
            s[n - 3] = "я"
            return n - 1
    if n > 4:
        if _ends(s, n, "си"):
            s[n - 2] = "х"
            return n - 1
        if _ends(s, n, "и"):
            return n - 1
    return n


def stem_en(word: str) -> str:
    if len(word) > 3 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def no_stem(word: str) -> str:
    return word


# The stemmer of each language, by its code (docs/assets/search.js keeps the same table for
# queries); a language without one is matched by whole words.
STEMMERS: dict[str, Callable[[str], str]] = {"bg": stem_bg, "en": stem_en}


def stemmer_for(lang: str) -> Callable[[str], str]:
    return STEMMERS.get(lang, no_stem)


def stem(word: str, lang: str) -> str:
    return stemmer_for(lang)(word)
