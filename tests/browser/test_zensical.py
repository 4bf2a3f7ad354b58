"""The Zensical-built site in Chromium: navigation, the language switcher, search, quick exit."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from chromium import serve_folder
from conftest import needs_zensical

from generator.project import Project


@needs_zensical
@pytest.mark.browser
def test_zensical_site_in_chromium(zensical_site: Project, browser):
    page = browser.new_page()
    outside: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if "127.0.0.1" not in request.url else None)
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    with serve_folder(zensical_site.site) as base:
        page.goto(base + "measures/")
        page.locator(".md-content a", has_text="Преференциално настаняване").first.click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path == "/measures/municipal-housing/"
        page.locator("a.kb-lang-switch__link").click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path == "/en/measures/municipal-housing/"
        page.locator("a.kb-lang-switch__link").click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path == "/measures/municipal-housing/"
        page.locator("#kb-search-input").fill("жилището")
        page.wait_for_selector("#kb-search-results .kb-search__link")
        assert "municipal-housing" in page.locator("#kb-search-results .kb-search__link").first.get_attribute("href")
        assert page.locator("a.kb-exit").is_visible()
    page.close()
    assert outside == [] and failed == []
