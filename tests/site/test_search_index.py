"""The built search index (assets/search-index.json per language): stems of the pages' own
words, per language, in UTF-8 — and a fraction of the size of Material's own index for the
same pages. (Unit tests of the index: tests/unit/search/; in Chromium: tests/browser/.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from generator.builders.mkdocs import config_path
from generator.project import Project
from generator.search_index import markdown_to_text
from generator.stemmer import stem_bg, stem_en, tokens


def index_of(project: Project, prefix: str) -> dict:
    return json.loads((project.site / prefix / "assets" / "search-index.json").read_text(encoding="utf-8"))


def test_search_index_holds_cyrillic_words_per_language(real_site: Project):
    bg, en = index_of(real_site, ""), index_of(real_site, "en")
    # The index holds stems (issue 10): the browser stems only the query.
    for word in ("детска", "градина", "квалификация", "търговище", "протокол"):
        assert stem_bg(word) in bg["terms"]
    assert stem_en("kindergarten") in en["terms"] and stem_bg("градина") not in en["terms"]
    assert (bg["lang"], en["lang"]) == ("bg", "en")
    urls = [doc[0] for doc in bg["docs"]]
    assert "measures/kindergarten-place/" in urls and not any(u.startswith("en/") for u in urls)
    assert "\\u04" not in (real_site.site / "assets" / "search-index.json").read_text(encoding="utf-8")


def page_words(project: Project, lang: str) -> set[str]:
    """Every word of a language's pages (their rendered Markdown, front matter included)."""
    words: set[str] = set()
    for path in sorted(project.docs_out(lang).rglob("*.md")):
        words.update(tokens(markdown_to_text(path.read_text(encoding="utf-8"))))
    return words


def test_every_term_is_the_stem_of_a_word_of_the_pages(real_site: Project):
    """(So that the browser, stemming the query by the same rules, meets it: tests/browser/test_search_quality.py.)"""
    for lang, prefix, stem in (("bg", "", stem_bg), ("en", "en", stem_en)):
        terms = set(index_of(real_site, prefix)["terms"])
        assert len(terms) > 300
        assert terms <= {stem(word) for word in page_words(real_site, lang)}, lang


def test_index_is_a_fraction_of_materials_for_the_same_pages(real_site: Project, tmp_path: Path):
    """Material's own (lunr) index for the same Bulgarian pages, built for comparison."""
    config = yaml.safe_load(config_path(real_site, "bg").read_text(encoding="utf-8"))
    config["plugins"] = [{"search": {"lang": "en"}}]
    variant = real_site.build / "mkdocs.material-search.yml"
    variant.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "material"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(variant), "-d", str(out)], check=True, cwd=real_site.root
    )
    theirs = (out / "search" / "search_index.json").stat().st_size
    ours = (real_site.site / "assets" / "search-index.json").stat().st_size
    print(f"search index bytes: ours {ours}, Material {theirs} ({ours / theirs:.2f}×)")
    assert ours <= theirs / 4  # "a small fraction" (README); 0.19× when this bound was set


def pages_with(index: dict, stem: str) -> set[str]:
    if stem not in index["terms"]:
        return set()
    entries = index["postings"][index["terms"].index(stem)]
    return {index["docs"][number][0] for number in entries[0::2]}


def test_only_public_content_is_indexed(real_site: Project):
    """Issue 20: the translation status (for partners), the map's credit line and the date
    line („Последна промяна: 29 ноември 2026“) are not what a page is about."""
    bg, en = index_of(real_site, ""), index_of(real_site, "en")
    for index in (bg, en):
        assert not [doc for doc in index["docs"] if doc[0].startswith("translation-status")]
    assert not pages_with(en, stem_en("earth")) and not pages_with(bg, stem_bg("natural"))
    assert not {doc for doc in pages_with(en, stem_en("domain")) if doc.startswith("regions/")}


def test_a_measures_number_is_a_title_word(real_site: Project):
    bg = index_of(real_site, "")
    postings = bg["postings"][bg["terms"].index("3")]
    weights = dict(zip(postings[0::2], postings[1::2], strict=True))
    url_of = {number: doc[0] for number, doc in enumerate(bg["docs"])}
    best = max(weights, key=weights.__getitem__)
    assert url_of[best] == "measures/extra-paid-leave/" and weights[best] >= 10


def test_each_page_carries_its_titles_in_the_other_language(real_site: Project):
    bg, en = index_of(real_site, ""), index_of(real_site, "en")
    [english] = bg["others"]
    assert english["lang"] == "en" and english["name"] == "английски"
    assert stem_en("kindergarten") in english["terms"]
    docs = {doc[0]: doc for doc in en["docs"]}
    assert docs["matrix/"][4] == {"bg": "Мерки по региони"}  # section pages too
    assert docs["safety/"][4]["bg"]  # and hand-written pages
    assert "acronyms" not in bg  # acronyms are words people use: in the synonyms
    assert [["дсп"], ["dsp"]] in [entry[0] for entry in bg["synonyms"]] or [["dsp"], ["дсп"]] in [entry[0] for entry in bg["synonyms"]]
