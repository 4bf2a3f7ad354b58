"""Issue 5: a site survivors and institutions can trust — tested in real Chromium."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import jsonschema
import pytest
from browser import serve_folder

from generator.linkcheck import html_pages, page_url, parse
from generator.project import Project

pytestmark = pytest.mark.browser

NEUTRAL = "https://www.google.bg/"
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


def neutral_route(route):
    route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>neutral</title><p>neutral</p>")


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
            page.locator("#kb-search-input").focus()  # also load the search index
        page.wait_for_timeout(300)
        cookies = context.cookies()
    context.close()
    assert outside == []
    assert cookies == []


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


def test_quick_exit_is_first_in_keyboard_order_and_leaves_for_good(real_site: Project, browser):
    context = browser.new_context()
    context.route(NEUTRAL + "**", neutral_route)
    page = context.new_page()
    with serve_folder(real_site.site) as base:
        start = base + "measures/kindergarten-place/"
        page.goto(start)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.kbExit !== undefined")
        assert page.evaluate("document.activeElement.textContent").strip().startswith("Напусни сайта")
        page.keyboard.press("Enter")
        page.wait_for_url(NEUTRAL)
        page.go_back()
        assert page.url != start and not page.url.startswith(base + "measures/")
        # Shift three times, on the English site, on a phone-sized screen.
        page.set_viewport_size({"width": 390, "height": 800})
        page.goto(base + "en/practices/")
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url(NEUTRAL)
        page.go_back()
        assert not page.url.startswith(base + "en/practices/")
        # The button is visible on a phone, and a tap leaves too.
        page.goto(base + "en/regions/ruse/")
        exit_button = page.locator("[data-kb-exit]")
        assert exit_button.is_visible()
        box = exit_button.bounding_box()
        assert box and box["y"] + box["height"] <= 800 and box["x"] >= 0
        exit_button.click()
        page.wait_for_url(NEUTRAL)
    context.close()


def test_help_lines_with_sources_and_tel_links_on_every_page(real_site: Project):
    for page in html_pages(real_site.site):
        if page.name != "index.html":
            continue
        tels = [a.attrs["href"] for a in parse(page).find("a", class_="kb-help__line")]
        assert tels == ["tel:112", "tel:080011977", "tel:080018676", "tel:116111"], page
    help_page = parse(real_site.site / "help" / "helplines" / "index.html")
    text = help_page.all_text
    assert "9:00–21:00" in text and "humanrightsguide.bg" in text and "razgradnews.net" in text
    assert "safety" in str([a.attrs.get("href") for a in help_page.find("a", class_="kb-help__safety")])


def test_measure_prints_as_a_clean_document(real_site: Project, browser):
    from pypdf import PdfReader

    page = browser.new_page()
    with serve_folder(real_site.site) as base:
        page.goto(base + "measures/kindergarten-place/")
        pdf = page.pdf(format="A4")
    page.close()
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Подсигуряване на място в детска градина" in text
    assert "Източници" in text and "https://www.wegoproject.eu/" in text.replace(" ", "")  # links spelled out
    assert "Редакционен статус: Чернова" in text and "Последна промяна:" in text
    for navigation in ("Състояние на превода", "Напусни сайта", "Помощ сега:", "Търсене"):
        assert navigation not in text


def test_open_data_validates_against_its_schema(real_site: Project):
    for prefix in ("", "en/"):
        data = json.loads((real_site.site / prefix / "data" / "measures.json").read_text(encoding="utf-8"))
        schema = json.loads((real_site.site / prefix / "data" / "measures.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(schema).validate(data)
        assert len(data) == 7 and data[0]["record"]["title"]["bg"]
    raw = (real_site.site / "en" / "data" / "practices.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    csv_en = raw.decode("utf-8-sig")
    assert csv_en.startswith("slug,url,title,") and "A babysitting agency" in csv_en
    assert "have not yet been decided" in (real_site.site / "data" / "LICENSE.txt").read_text(encoding="utf-8")


def test_feed_sitemap_and_meta_tags(real_site: Project, tmp_path_factory):
    from conftest import REPO, make_project

    from generator.build import build

    atom = "{http://www.w3.org/2005/Atom}"
    for prefix, lang in (("", "bg"), ("en/", "en")):
        feed = ET.parse(real_site.site / prefix / "feed.xml").getroot()
        entries = feed.findall(f"{atom}entry")
        assert len(entries) >= 20 and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    # The sitemap names absolute addresses: only a build that knows the site's address has them.
    published = Project(make_project(tmp_path_factory.mktemp("published") / "p", REPO / "content").root, site_url="https://kb.wego3.test/")
    build(published)
    sitemap = ET.parse(published.site / "sitemap.xml").getroot()
    urls = sitemap.findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    alternates = urls[0].findall("{http://www.w3.org/1999/xhtml}link")
    assert {a.get("hreflang") for a in alternates} == {"bg", "en", "x-default"}
    for page in html_pages(real_site.site):
        if page.name != "index.html":
            continue
        html = parse(page)
        meta = {e.attrs.get("property") or e.attrs.get("name"): e.attrs.get("content") for e in html.find("meta")}
        assert meta.get("description") and meta.get("og:title") and meta.get("og:description"), page
        assert html.find("title")[0]
        assert meta.get("og:locale") in {"bg_BG", "en_GB"}


def test_site_works_under_a_sub_path(real_site: Project, browser):
    page = browser.new_page()
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    with serve_folder(real_site.site, prefix="/wego3-kb/") as base:
        for path in ("", "measures/kindergarten-place/", "en/regions/ruse/", "search/?q=жилище"):
            page.goto(base + path)
        page.goto(base + "measures/")
        page.locator(".md-content a", has_text="Преференциално настаняване").first.click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path == "/wego3-kb/measures/municipal-housing/"
        page.locator("a.kb-lang-switch__link").click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path == "/wego3-kb/en/measures/municipal-housing/"
        page.locator("#kb-search-input").fill("housing")
        page.wait_for_selector("#kb-search-results .kb-search__link")
    page.close()
    assert failed == []
