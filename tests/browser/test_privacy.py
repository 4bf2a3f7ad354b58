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
        searched: set[bool] = set()
        for url in pages:
            page.goto(base.rstrip("/") + url, wait_until="load")
            english = url.startswith("/en/")
            if english not in searched:  # the search index too, once per language (one file each)
                page.locator("#kb-search-input").focus()
                assert page.evaluate("() => window.kbSearch.load().then(() => true)")  # loaded, not just asked for
                searched.add(english)
        assert searched == {True, False}
        cookies = context.cookies()
    context.close()
    assert outside == []
    assert cookies == []
