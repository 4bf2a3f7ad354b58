"""Search quality, measured by entering each query of tests/search_queries.yaml whole into the
real search box in headless Chromium (key by key: test_search_in_own_words.py): prints hit@1,
hit@5 and MRR per language and fails below hit@5 = 0.97 or hit@1 = 0.85 for either; the JavaScript stemmer (queries) agrees with Python's (the index)."""

from __future__ import annotations

import pytest
import yaml
from chromium import serve_folder, type_query
from conftest import TESTS

from generator.search_index import markdown_to_text
from generator.stemmer import stem_bg, stem_en, tokens

QUERIES = yaml.safe_load((TESTS / "search_queries.yaml").read_text(encoding="utf-8"))


# The kinds of query people type (issue 20), named at the start of each query's `form`; the
# others are the earlier ones (forms of a word, Latin letters, everyday words).
KINDS = ("run-together", "cross-language", "acronym", "transposition", "verb", "number", "long question", "danger", "typo", "not-content")


def kind_of(form: str) -> str:
    return next((kind for kind in KINDS if form.startswith(kind)), "earlier")


def evaluate(page, base: str, root: str, queries: list[dict]) -> tuple[dict[str, float], list[str]]:
    page.goto(base + root)
    ranks, misses = [], []
    by_kind: dict[str, list[bool]] = {}
    for item in queries:
        paths = type_query(page, item["q"], key_by_key=False)  # the ranking of whole queries
        wanted = {"/" + root + e for e in item["expect"]}
        rank = next((i + 1 for i, p in enumerate(paths) if p in wanted), None)
        # A page that must not answer (one for partners, one found by a credit line) among
        # the first five makes the query a miss, wherever the right page is.
        intruders = [p for p in paths[:5] if p in {"/" + root + a for a in item.get("avoid", [])}]
        if intruders:
            rank = None
        ranks.append(rank)
        by_kind.setdefault(kind_of(item["form"]), []).append(rank is not None and rank <= 5)
        if rank is None or rank > 5:
            misses.append(f"{item['q']!r} ({item['form']}): got {paths[:5]}" + (f", must not show {intruders}" if intruders else ""))
    n = len(ranks)
    figures = {
        "queries": n,
        "hit@1": sum(1 for r in ranks if r == 1) / n,
        "hit@5": sum(1 for r in ranks if r and r <= 5) / n,
        "MRR": sum(1 / r for r in ranks if r) / n,
    }
    figures |= {f"hit@5 {kind}": sum(hits) / len(hits) for kind, hits in sorted(by_kind.items())}
    return figures, misses


@pytest.mark.browser
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
    assert figures["hit@5"] >= 0.97 and figures["hit@1"] >= 0.85, (figures, misses)


@pytest.mark.browser
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


@pytest.mark.browser
def test_javascript_and_python_stemmers_agree(real_site, browser):
    """The index holds stems made in Python, queries are stemmed in JavaScript: same rules, every
    word of the pages (tests/site/test_search_index.py: these are the words the index was made from)."""
    words = {lang: page_words(real_site, lang) for lang in ("bg", "en")}
    words["bg"] += tokens("жилището детските градини квалификацията работници краеве бегове жените героите града")
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
