"""A malicious pull request runs no script: every page holding the payloads (tests/payloads.py),
and the search over them, loaded in real Chromium — no payload runs, no dialog opens."""

from __future__ import annotations

import pytest
from chromium import serve_folder

from generator.linkcheck import html_pages
from generator.project import Project


@pytest.mark.browser
def test_malicious_pull_request_runs_no_script(fixture_site: Project, browser):
    site = fixture_site.site
    pages = [p for p in html_pages(site) if "practices" in p.as_posix() or "measures" in p.as_posix() or p.name == "index.html"]
    assert len(pages) > 10
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve_folder(site) as base:
        for path in pages:
            page.goto(base + path.relative_to(site).as_posix())
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None, path
        page.goto(base + "search/?q=practice")
        page.wait_for_selector(".kb-search__meta", state="attached")  # the search has answered
        assert page.evaluate("window.__pwned") is None
    page.close()
    assert dialogs == []
