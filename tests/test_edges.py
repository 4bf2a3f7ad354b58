"""Issue 14: help in two seconds, and a public site without rough edges — in Chromium at
phone size in both languages, and over every built file."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import serve_folder
from conftest import make_project

from generator.build import build
from generator.linkcheck import html_pages, parse, redirects, resolve
from generator.project import Project

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 800}


def test_no_built_file_names_a_development_address(real_site: Project):
    found = []
    for path in real_site.site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if b"127.0.0.1" in data or b"localhost:8000" in data:
                found.append(path.relative_to(real_site.site).as_posix())
    assert found == []
    home = (real_site.site / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in home  # no address known: none claimed
    sitemap = ET.parse(real_site.site / "sitemap.xml").getroot()
    assert sitemap.findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url") == []
    assert not (real_site.site / "robots.txt").exists()
    feed = (real_site.site / "feed.xml").read_text(encoding="utf-8")
    assert "<id>tag:wegoproject.eu,2021:wego3-kb/bg/" in feed and "xml:base" not in feed


def test_a_published_build_names_its_address_everywhere(tmp_path: Path):
    project = Project(make_project(tmp_path / "project").root, site_url="https://kb.wego3.test/base/")
    build(project)
    home = (project.site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://kb.wego3.test/base/">' in home
    assert "Sitemap: https://kb.wego3.test/base/sitemap.xml" in (project.site / "robots.txt").read_text(encoding="utf-8")
    sitemap = (project.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://kb.wego3.test/base/measures/first-measure/</loc>" in sitemap
    assert 'hreflang="en" href="https://kb.wego3.test/base/en/measures/first-measure/"' in sitemap


def test_every_page_has_the_footer(real_site: Project):
    for page in html_pages(real_site.site):
        footer = [e for e in parse(page).find("nav", class_="kb-footer")]
        assert footer, page
        text = page.read_text(encoding="utf-8").split('class="kb-footer"', 1)[1].split("</nav>", 1)[0]
        english = "/en/" in "/" + page.relative_to(real_site.site).as_posix()
        for word in (["Privacy", "Accessibility", "Open data", "Partners", "not yet been decided"] if english else ["Поверителност", "Достъпност", "Отворени данни", "Партньори", "още не са решени"]):
            assert word in text, (page, word)


def test_navigation_puts_help_first_and_partners_pages_apart(real_site: Project):
    for prefix, help_label, partners_label in (("", "Помощ сега", "За партньорите"), ("en/", "Help now", "For partners")):
        page = (real_site.site / prefix / "measures" / "index.html").read_text(encoding="utf-8")
        primary = page.split('class="md-nav md-nav--primary"', 1)[1]
        labels = [re.sub(r"\s+", " ", t).strip() for t in re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<span[^>]*>)?([^<]+)', primary)]
        labels = [label for label in labels if label]
        assert labels[0] == help_label, labels
        assert partners_label in labels
        status = "Състояние на превода" if not prefix else "Translation status"
        assert labels.index(status) > labels.index(partners_label)
        assert len(labels[: labels.index(partners_label)]) <= 9  # the public part stays short


def test_heading_anchors_are_readable(real_site: Project):
    page = (real_site.site / "measures" / "kindergarten-place" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h[2-4][^>]* id="([^"]+)"', page)
    assert "pravna-osnova" in ids and "iztochnitsi" in ids
    assert not [i for i in ids if re.fullmatch(r"_\d*", i)]
    english = (real_site.site / "en" / "measures" / "kindergarten-place" / "index.html").read_text(encoding="utf-8")
    assert 'id="legal-basis"' in english


def test_old_addresses_lead_to_the_new_ones(real_site: Project, browser):
    stubs = redirects(real_site.site)
    assert any("women_survivors" in str(stub) for stub in stubs)
    for stub in stubs:
        [link] = parse(stub).find("a")
        target = resolve(real_site.site, stub, link.attrs["href"])
        assert target is not None and target.exists(), stub
        assert "_" not in target.relative_to(real_site.site).as_posix()
    page = browser.new_page()
    with serve_folder(real_site.site) as base:
        page.goto(base + "practices/by-target/women_survivors/")
        page.wait_for_url(base + "practices/by-target/women-survivors/")
    page.close()


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


def test_shift_hint_only_with_a_keyboard_and_javascript(real_site: Project, browser):
    with serve_folder(real_site.site) as base:
        desktop = browser.new_context()
        page = desktop.new_page()
        page.goto(base)
        assert page.locator(".kb-exit__hint").is_visible()
        desktop.close()
        without_js = browser.new_context(java_script_enabled=False)
        page = without_js.new_page()
        page.goto(base)
        assert not page.locator(".kb-exit__hint").is_visible()
        without_js.close()
        phone = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
        page = phone.new_page()
        page.goto(base)
        assert not page.locator(".kb-exit__hint").is_visible()
        phone.close()


def test_the_safety_page_covers_phones_and_says_what_exit_does_not_do(real_site: Project):
    for prefix, words in (
        ("", ["Android", "iPhone", "не изтрива историята", "частен раздел", "Общи устройства"]),
        ("en/", ["Android", "iPhone", "does not erase", "Private tab", "Shared devices"]),
    ):
        page = real_site.site / prefix / "safety" / "index.html"
        text = parse(page).all_text
        for word in words:
            assert word.lower() in text.lower(), (prefix, word)
        hrefs = [a.attrs.get("href", "") for a in parse(page).find("a")]
        assert any("help/helplines" in h for h in hrefs) and "tel:112" in hrefs
