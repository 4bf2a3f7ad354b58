"""Accessibility in real Chromium: axe finds no WCAG 2.1 A/AA violation on any kind of page,
in either language, on a desktop or a phone."""

from __future__ import annotations

import pytest
from chromium import serve_folder

from generator.project import Project

# One page of every kind, as paths under a language's root.
KINDS_OF_PAGE = [
    "",
    "measures/",
    "measures/kindergarten-place/",
    "regions/",
    "regions/ruse/",
    "regions/ruse/protocol/",
    "practices/",
    "practices/babysitting-agency/",
    "partners/center-dynamika/",
    "meetings/online-meetings/",
    "pilot/wego3-pilot/",
    "topics/legal-context/",
    "help/helplines/",
    "matrix/",
    "translation-status/",
    "search/",
    "safety/",
    "privacy/",
    "accessibility/",
    "open-data/",
    "404.html",
]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}



@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_wcag_violation_on_every_kind_of_page(real_site: Project, browser, prefix, width):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = {}
    with serve_folder(real_site.site) as base:
        for path in KINDS_OF_PAGE:
            page.goto(base + prefix + path)
            results = axe.run(page, options=WCAG)
            violations = results.response["violations"]
            if violations:
                problems[path] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
            assert page.locator("html").get_attribute("lang") == ("en" if prefix else "bg")
    context.close()
    assert problems == {}
