"""Search finds pages in the words people type — typed into the real search box in Chromium.

The evaluation over tests/search_queries.yaml (test_search_quality.py) holds the bar; these
tests show each kind working on its own: Bulgarian in Latin letters, everyday words from
content/search/, questions, and the answer when nothing matches."""

from __future__ import annotations

import pytest
from chromium import serve_folder, type_query

from generator.project import Project


@pytest.mark.browser
@pytest.mark.parametrize(
    ("root", "query", "expected"),
    [
        ("", "detska gradina", "/measures/kindergarten-place/"),  # official transliteration
        ("", "jilishte", "/measures/municipal-housing/"),  # ж typed as j
        ("", "pomo6t", "/help/helplines/"),  # щ typed as 6t
        ("", "квартира", "/measures/municipal-housing/"),  # an everyday word the pages do not use
        ("", "къде мога да намеря квартира", "/measures/municipal-housing/"),  # a question
        ("en/", "Targovishte", "/en/regions/targovishte/"),  # a Bulgarian name, in Latin letters
        ("en/", "preschool", "/en/measures/kindergarten-place/"),  # an English synonym
        ("en/", "where can I find a lawyer", "/en/practices/legal-advice-women-lawyers/"),
    ],
)
def test_people_find_pages_in_their_own_words(search_box, root: str, query: str, expected: str):
    assert expected in type_query(search_box(root), query)[:3], query


@pytest.mark.browser
def test_latin_and_cyrillic_find_the_same_pages(real_site: Project, browser):
    page = browser.new_page()
    with serve_folder(real_site.site) as base:
        page.goto(base)
        for cyrillic, latin in (("жилище", "zhilishte"), ("детска градина", "detska gradina"), ("квалификация", "kvalifikatsia")):
            found = type_query(page, cyrillic)[:3]
            assert found and type_query(page, latin)[:3] == found, (cyrillic, latin)
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize(("root", "query", "suggestion"), [("", "квалификацйя", "квалификация"), ("en/", "kindergartem", "kindergarten")])
def test_when_nothing_matches_the_search_says_so_and_offers_help(real_site: Project, browser, root: str, query: str, suggestion: str):
    page = browser.new_page()
    with serve_folder(real_site.site) as base:
        page.goto(base + root)
        assert type_query(page, "zzqxw") == []
        panel = page.locator("#kb-search-results")
        assert panel.locator(".kb-search__meta").inner_text().startswith("Нищо не намерихме" if not root else "We found nothing")
        offers = panel.locator(".kb-search__offers a")
        hrefs = [offers.nth(i).get_attribute("href") for i in range(offers.count())]
        assert any(h.endswith("help/helplines/") for h in hrefs) and any(h.endswith("measures/") for h in hrefs)
        # A misspelling gets a spelling from the page titles (shown as "did you mean" when
        # nothing is found; these two are found anyway, by the typo tolerance).
        assert page.evaluate("q => window.kbSearch.load().then(index => index.suggest(q))", query) == suggestion
        assert page.evaluate("() => window.kbSearch.load().then(index => index.suggest('zzqxw'))") == ""
    page.close()
