"""Material's search, typed into the real search box in headless Chromium, in both languages."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, serve_folder

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def search(page, base: str, query: str) -> list[str]:
    page.set_default_timeout(10_000)
    page.goto(base)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    # Playwright types non-ASCII letters as text input without key events; Material's box
    # searches on keyup, which a person's keyboard always sends: send one.
    box.press("End")
    page.wait_for_selector(".md-search-result__meta", timeout=10_000)
    page.wait_for_timeout(300)
    return page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.getAttribute('href'))")


@pytest.mark.parametrize(
    ("prefix", "query", "expected"),
    [
        ("", "градина", "measures/kindergarten-place/"),
        ("", "детегледачки", "practices/babysitting-agency/"),
        ("", "преквалификация", "measures/qualification-support/"),
        ("en/", "kindergarten", "en/measures/kindergarten-place/"),
        ("en/", "babysitting", "en/practices/babysitting-agency/"),
    ],
)
def test_word_as_written_finds_its_page(real_site, browser, prefix, query, expected):
    page = browser.new_page()
    with serve_folder(real_site.site) as base:
        hrefs = search(page, base + prefix, query)
    page.close()
    paths = [urlsplit(h).path for h in hrefs if h]
    assert any(path.endswith("/" + expected) for path in paths), paths
    if prefix == "":
        assert not any(path.startswith("/en/") for path in paths), "Bulgarian search shows only Bulgarian pages"
