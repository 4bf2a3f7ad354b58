"""Issue 4: search quality measured by typing into the real search box in headless Chromium.

Prints hit@1, hit@5 and MRR per language; fails below hit@5 = 0.95 for either language.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from browser import serve_folder

from generator.builders.mkdocs import config_path
from generator.search_index import markdown_to_text
from generator.stemmer import stem_bg, stem_en, tokens

pytestmark = pytest.mark.browser
QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text(encoding="utf-8"))


def type_query(page, query: str) -> list[str]:
    """Type into the header's search box as a person would; return result paths in order."""
    box = page.locator("#kb-search-input")
    box.fill("")
    box.press_sequentially(query, delay=5)
    page.wait_for_function(
        "q => document.getElementById('kb-search-results').dataset.query === q", arg=query.strip(), timeout=10_000
    )
    hrefs = page.locator("#kb-search-results .kb-search__link").evaluate_all("els => els.map(e => e.href)")
    return [urlsplit(h).path for h in hrefs]


def evaluate(page, base: str, root: str, queries: list[dict]) -> tuple[dict[str, float], list[str]]:
    page.goto(base + root)
    ranks, misses = [], []
    for item in queries:
        paths = type_query(page, item["q"])
        wanted = {"/" + root + e for e in item["expect"]}
        rank = next((i + 1 for i, p in enumerate(paths) if p in wanted), None)
        ranks.append(rank)
        if rank is None or rank > 5:
            misses.append(f"{item['q']!r} ({item['form']}): got {paths[:5]}")
    n = len(ranks)
    figures = {
        "queries": n,
        "hit@1": sum(1 for r in ranks if r == 1) / n,
        "hit@5": sum(1 for r in ranks if r and r <= 5) / n,
        "MRR": sum(1 / r for r in ranks if r) / n,
    }
    return figures, misses


def test_query_file_is_big_enough():
    assert len(QUERIES["bg"]) >= 40 and len(QUERIES["en"]) >= 20
    forms = " ".join(q["form"] for q in QUERIES["bg"])
    for form in ("articled", "plural", "two words", "misspelling"):
        assert form in forms


@pytest.mark.parametrize(("lang", "root"), [("bg", ""), ("en", "en/")])
def test_search_quality(real_site, browser, lang, root, capsys):
    page = browser.new_page()
    with serve_folder(real_site.site) as base:
        figures, misses = evaluate(page, base, root, QUERIES[lang])
        # Results come from this language only, with the record's kind on each.
        paths = type_query(page, QUERIES[lang][0]["q"])
        kinds = page.locator("#kb-search-results .kb-search__kind").all_inner_texts()
    page.close()
    with capsys.disabled():
        print(
            f"\nsearch [{lang}] " + ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items())
        )
        for miss in misses:
            print(f"  miss: {miss}")
    assert all(p.startswith("/en/") == (lang == "en") for p in paths)
    assert kinds and all(kinds)
    assert figures["hit@5"] >= 0.95, misses


def test_title_matches_rank_first(real_site, browser):
    page = browser.new_page()
    with serve_folder(real_site.site) as base:
        page.goto(base)
        paths = type_query(page, "протокол")
    page.close()
    assert paths[0] == "/regions/ruse/protocol/"


def page_words(project, lang: str) -> list[str]:
    """Every word of a language's pages (their rendered Markdown, front matter included)."""
    words: set[str] = set()
    for path in sorted(project.docs_out(lang).rglob("*.md")):
        words.update(tokens(markdown_to_text(path.read_text(encoding="utf-8"))))
    return sorted(words)


def test_javascript_and_python_stemmers_agree(real_site, browser):
    """The index holds stems made in Python, queries are stemmed in JavaScript: same rules, every word."""
    stemmers = {"bg": stem_bg, "en": stem_en}
    words = {lang: page_words(real_site, lang) for lang in ("bg", "en")}
    words["bg"] += tokens("жилището детските градини квалификацията работници краеве бегове жените героите града")
    for lang, prefix in (("bg", ""), ("en", "en")):
        index = json.loads((real_site.site / prefix / "assets" / "search-index.json").read_text(encoding="utf-8"))
        # The words collected here are the words the index was made from: each stem comes from one.
        assert set(index["terms"]) <= {stemmers[lang](w) for w in words[lang]}, lang
    page = browser.new_page()
    with serve_folder(real_site.site) as base:
        page.goto(base)
        page.wait_for_function("() => window.kbSearch !== undefined")
        js_bg = page.evaluate("ws => ws.map(w => window.kbSearch.stemBg(w))", words["bg"])
        js_en = page.evaluate("ws => ws.map(w => window.kbSearch.stemEn(w))", words["en"])
    page.close()
    assert js_bg == [stem_bg(w) for w in words["bg"]]
    assert js_en == [stem_en(w) for w in words["en"]]
    assert len(words["bg"]) > 500


def test_index_is_smaller_than_materials_for_the_same_pages(real_site, tmp_path):
    """Material's own (lunr) index for the same Bulgarian pages, built for comparison."""
    import subprocess
    import sys

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
    print(f"search index bytes: ours {ours}, Material {theirs}")
    assert ours <= 2 * theirs
