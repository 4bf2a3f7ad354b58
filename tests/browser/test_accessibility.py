"""Accessibility in real Chromium: axe finds no WCAG 2.1 A/AA violation on any kind of page,
in either language, on a desktop or (in Bulgarian) a phone."""

from __future__ import annotations

import pytest
from chromium import ONE_PAGE_OF_EACH_KIND, serve_folder

from generator.project import Project

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}



# Both widths in Bulgarian, the default; English (the same templates, another text) on a
# desktop — a phone's English pages differ from the Bulgarian ones only in their words.
@pytest.mark.browser
@pytest.mark.parametrize(("prefix", "width"), [("", 1280), ("", 390), ("en/", 1280)])
def test_no_wcag_violation_on_every_kind_of_page(real_site: Project, browser, prefix, width):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = {}
    with serve_folder(real_site.site) as base:
        for path in ONE_PAGE_OF_EACH_KIND:
            page.goto(base + prefix + path)
            results = axe.run(page, options=WCAG)
            violations = results.response["violations"]
            if violations:
                problems[path] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
            assert page.locator("html").get_attribute("lang") == ("en" if prefix else "bg")
    context.close()
    assert problems == {}
