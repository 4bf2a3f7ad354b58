"""Privacy in real Chromium: no kind of page asks another host for anything, and none sets a cookie."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from chromium import ONE_PAGE_OF_EACH_KIND, serve_folder

from generator.project import Project


@pytest.mark.browser
def test_no_outside_request_and_no_cookie_on_any_kind_of_page(real_site: Project, browser):
    """Every kind of page in both languages, with what its scripts fetch (the search index
    too). What a page's own HTML loads is checked on every page without a browser:
    tests/site/test_links.py."""
    context = browser.new_context()
    outside: list[str] = []
    with serve_folder(real_site.site) as base:
        host = urlsplit(base).netloc
        context.on(
            "request",
            lambda request: (
                outside.append(request.url)
                if urlsplit(request.url).netloc not in {host, ""} and not request.url.startswith("data:")
                else None
            ),
        )
        page = context.new_page()
        visited = 0
        for prefix in ("", "en/"):
            for path in ONE_PAGE_OF_EACH_KIND:
                page.goto(base + prefix + path, wait_until="load")
                visited += 1
            page.locator("#kb-search-input").focus()
            assert page.evaluate("() => window.kbSearch.load().then(() => true)")  # loaded, not just asked for
        cookies = context.cookies()
    context.close()
    assert visited == 2 * len(ONE_PAGE_OF_EACH_KIND)
    assert outside == []
    assert cookies == []
