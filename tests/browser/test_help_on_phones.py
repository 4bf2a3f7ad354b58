"""Help in two seconds on a phone, in real Chromium: the Help button stays on screen beside
the exit and leads to the help lines, each line read out in full by screen readers."""

from __future__ import annotations

import re

import pytest
from chromium import serve_folder

from generator.project import Project

PHONE = {"width": 390, "height": 800}


@pytest.mark.browser
def test_help_stays_reachable_on_a_phone(real_site: Project, browser):
    for prefix, label in (("", "Помощ"), ("en/", "Help")):
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        with serve_folder(real_site.site) as base:
            page.goto(base + prefix + "measures/kindergarten-place/")
            page.mouse.wheel(0, 3000)
            fab = page.locator("a.kb-help-fab")
            assert fab.is_visible() and fab.inner_text().strip() == label
            box, exit_box = fab.bounding_box(), page.locator("a.kb-exit").bounding_box()
            assert box and exit_box and box["y"] + box["height"] <= PHONE["height"] and box["x"] + box["width"] <= exit_box["x"]
            labels = page.locator("a.kb-help__line")
            spoken = [labels.nth(i).get_attribute("aria-label") for i in range(labels.count())]
            assert len(spoken) == 4 and all(len(s) > 15 for s in spoken)
            assert any(("Анимус" if not prefix else "Animus") in s for s in spoken), spoken
            fab.click()
            page.wait_for_url(re.compile(r".*/help/helplines/$"))
        context.close()
