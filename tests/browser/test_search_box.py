"""The search box and the search page in headless Chromium (quality: test_search_quality.py)."""

from __future__ import annotations

import contextlib
import unicodedata
from urllib.parse import urlsplit

import pytest
from chromium import serve_folder, type_query
from playwright.sync_api import TimeoutError as PlaywrightTimeout


@pytest.mark.browser
def test_search_page_shows_results_for_the_query_in_its_address(real_site, browser):
    page = browser.new_page()
    with serve_folder(real_site.site) as base:
        page.goto(base + "search/?q=жилището")
        page.wait_for_selector(".kb-search-page .kb-search__link")
        first = page.locator(".kb-search-page .kb-search__link").first
        assert urlsplit(first.evaluate("a => a.href")).path == "/measures/municipal-housing/"
        assert page.locator("#kb-search-input").input_value() == "жилището"
        # Enter in the header box on another page goes to the search page.
        page.goto(base + "en/measures/")
        page.locator("#kb-search-input").fill("housing")
        page.locator("#kb-search-input").press("Enter")
        page.wait_for_selector(".kb-search-page .kb-search__link")
        assert urlsplit(page.url).path == "/en/search/"
    page.close()


@pytest.mark.browser
def test_results_are_keyboard_reachable_and_loaded_lazily(real_site, browser):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    with serve_folder(real_site.site) as base:
        page.goto(base + "en/")
        assert not any("search-index" in url for url in requests), "the index loads only when search is used"
        box = page.locator("#kb-search-input")
        box.focus()
        box.press_sequentially("babysitting")
        page.wait_for_selector("#kb-search-results .kb-search__link")
        assert any(url.endswith("/en/assets/search-index.json") for url in requests)
        box.press("ArrowDown")
        focused = page.evaluate("document.activeElement.getAttribute('href')")
        assert focused.endswith("practices/babysitting-agency/")
    page.close()


@pytest.mark.browser
def test_without_javascript_the_form_leads_to_a_page_with_the_lists(real_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    with serve_folder(real_site.site) as base:
        page.goto(base)
        page.locator("#kb-search-input").fill("жилище")
        page.locator("#kb-search-input").press("Enter")
        page.wait_for_load_state()
        assert urlsplit(page.url).path == "/search/"
        assert "Търсенето работи с JavaScript" in page.content()
    context.close()


@pytest.mark.browser
def test_the_browser_stems_only_the_query(real_site, browser):
    """The index holds stems (made in Python); a query in any form finds a page in another."""
    from generator.search_index import SearchDoc, build_index

    docs = [
        SearchDoc("a/", "Общински жилища", "Мярка", "", "", "Жилищата се дават под наем."),
        SearchDoc("b/", "Детски градини", "Мярка", "", "", "Място в детската градина."),
        SearchDoc("c/", "Работа", "Мярка", "", "", "Работници и детски градини."),
    ]
    index = build_index(docs, "bg")
    assert "жил" in index["terms"] and "жилища" not in index["terms"]
    page = browser.new_page()
    with serve_folder(real_site.site) as base:
        page.goto(base)
        page.wait_for_function("() => window.kbSearch !== undefined")
        found = page.evaluate(
            """([data, queries]) => { const index = new window.kbSearch.Index(data);
               return queries.map(q => index.search(q).map(r => r.doc[0])); }""",
            [index, ["жилището", "жилище", "жилищата", "детската градина", "градините", "работник", "жилишата"]],
        )
    page.close()
    housing, housing1, housing2, kindergarten, kindergartens, worker, typo = found
    assert housing[:1] == housing1[:1] == housing2[:1] == typo[:1] == ["a/"]
    assert kindergarten[:2] == kindergartens[:2] == ["b/", "c/"]  # the title's page first
    assert worker == ["c/"]


@pytest.mark.browser
def test_the_language_switcher_on_the_search_page_keeps_the_query(real_site, browser):
    """A search typed on the Bulgarian search page is carried to the English one (and back),
    not dropped (audit of 2026-11-29, row 36)."""
    page = browser.new_page()
    with serve_folder(real_site.site) as base:
        page.goto(base + "search/?q=Targovishte")
        page.wait_for_selector(".kb-search-page .kb-search__link")
        page.locator(".kb-lang-switch__link").first.click()
        page.wait_for_selector(".kb-search-page .kb-search__link")
        assert urlsplit(page.url).path == "/en/search/"
        assert page.locator("#kb-search-input").input_value() == "Targovishte"
        page.locator("#kb-search-input").fill("Ruse")
        page.locator(".kb-lang-switch__link").first.click()
        page.wait_for_url("**/search/?q=Ruse")
        assert urlsplit(page.url).path == "/search/"
    page.close()


@pytest.mark.browser
def test_a_very_long_pasted_query_replaces_the_results_without_an_error(real_site, browser):
    """Tens of thousands of characters pasted into the box (a word of Latin letters ending
    in -ia again and again took the Latin-letter reader deeper on each): no error, and what
    the panel shows answers what the box holds now, not the query before it."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    answered = "() => document.getElementById('kb-search-results').dataset.query === document.getElementById('kb-search-input').value.trim()"
    with serve_folder(real_site.site) as base:
        page.goto(base)
        assert type_query(page, "жилище", key_by_key=False)  # results of an earlier query on screen
        pasted = "sofia " * 2_000 + "ia" * 19_000  # 50,000 characters
        page.locator("#kb-search-input").fill(pasted)
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(answered, timeout=10_000)
        assert errors == []
        assert page.evaluate(answered), "the panel still shows the results of the query before"
        assert page.locator("#kb-search-results .kb-search__meta").count() == 1
        assert len(page.locator("#kb-search-input").input_value()) < len(pasted)  # the box holds a bounded query
        # Any other failure of a search, too, leaves no earlier results on screen.
        assert type_query(page, "жилище", key_by_key=False)
        page.evaluate("() => { window.kbSearch.Index.prototype.search = () => { throw new Error('a search that fails'); }; }")
        assert type_query(page, "детска градина", key_by_key=False) == []
        assert page.locator("#kb-search-results .kb-search__meta").inner_text().startswith("Нищо не намерихме")
    page.close()


@pytest.mark.browser
def test_a_decomposed_query_finds_what_the_composed_one_does(real_site, browser):
    """Typed or pasted decomposed (NFD: „й“ as и and a combining breve), a word was cut in
    two at the mark and found nothing; the query is composed (NFC) first, as the index is."""
    page = browser.new_page()
    with serve_folder(real_site.site) as base:
        page.goto(base)
        composed = type_query(page, "майки", key_by_key=False)
        decomposed = type_query(page, unicodedata.normalize("NFD", "майки"), key_by_key=False)
    page.close()
    assert composed and decomposed == composed
