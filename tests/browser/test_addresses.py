"""Addresses in real Chromium: the site works under a sub-path, old addresses lead to the
new ones, and the 404 page speaks the language of the address it was asked for."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from chromium import serve_folder

from generator.project import Project

PHONE = {"width": 390, "height": 800}


@pytest.mark.browser
def test_site_works_under_a_sub_path(real_site: Project, browser):
    page = browser.new_page()
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    with serve_folder(real_site.site, prefix="/wego3-kb/") as base:
        for path in ("", "measures/kindergarten-place/", "en/regions/ruse/", "search/?q=жилище"):
            page.goto(base + path)
        page.goto(base + "measures/")
        page.locator(".md-content a", has_text="Преференциално настаняване").first.click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path == "/wego3-kb/measures/municipal-housing/"
        page.locator("a.kb-lang-switch__link").click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path == "/wego3-kb/en/measures/municipal-housing/"
        page.locator("#kb-search-input").fill("housing")
        page.wait_for_selector("#kb-search-results .kb-search__link")
    page.close()
    assert failed == []


@pytest.mark.browser
def test_old_addresses_lead_to_the_new_ones(real_site: Project, browser):
    """(Every redirect stub names an existing page: tests/site/test_links.py.)"""
    page = browser.new_page()
    with serve_folder(real_site.site) as base:
        page.goto(base + "practices/by-target/women_survivors/")
        page.wait_for_url(base + "practices/by-target/women-survivors/")
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize(("path", "first"), [("nowhere/at/all", "bg"), ("en/nowhere/at/all", "en")])
def test_the_404_page_speaks_the_language_of_the_address(real_site: Project, browser, path: str, first: str):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    with serve_folder(real_site.site) as base:
        response = page.goto(base + path)
        assert response is not None and response.status == 404
        sections = page.locator("[data-kb-404] section")
        assert sections.count() == 2
        assert sections.first.get_attribute("lang") == first
        heading = sections.first.locator("h1").inner_text()
        assert heading == ("Няма такава страница" if first == "bg" else "There is no such page")
        links = sections.first.locator("a")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert any(h.startswith("tel:112") for h in hrefs)
        for i in range(3):  # home, search, help: they lead somewhere, from any depth
            links.nth(i).click()
            assert page.url.startswith(base) and urlsplit(page.url).path != "/" + path
            assert "Няма такава страница" not in page.content()
            page.go_back()
    context.close()
