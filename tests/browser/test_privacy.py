"""Privacy in real Chromium: no page asks another host for anything, and none sets a cookie."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from chromium import serve_folder

from generator.linkcheck import html_pages, page_url
from generator.project import Project


@pytest.mark.browser
def test_no_outside_request_and_no_cookie_on_any_page(real_site: Project, browser):
    pages = [page_url(real_site.site, p) for p in html_pages(real_site.site) if p.name == "index.html"]
    assert len(pages) > 60
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
        for url in pages:
            page.goto(base.rstrip("/") + url, wait_until="load")
            page.locator("#kb-search-input").focus()  # also load the search index…
            assert page.evaluate("() => window.kbSearch.load().then(() => true)")  # …until it has loaded
        cookies = context.cookies()
    context.close()
    assert outside == []
    assert cookies == []
