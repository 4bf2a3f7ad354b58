"""A page printed (to PDF, by Chromium) is a brief an officer can file: its text and sources
on at most 4 A4 pages, without the site's navigation; every link's address spelled out; the
page's dates; and at the end the address it was printed from — the public one when the site
has an address, else its address from the site's root, with its language's prefix."""

from __future__ import annotations

import io
from urllib.parse import urljoin

import pytest
from chromium import serve_folder
from conftest import PUBLISHED_URL, REPO, make_project
from dated_repo import commit, init

from generator.build import build
from generator.project import Project

HOUSING = "measures/municipal-housing/"
NAVIGATION = {
    "": ("Състояние на превода", "Напусни сайта", "Помощ сега:", "Търсене"),
    "en/": ("Translation status", "Leave this site", "Help now:", "Search"),
}
PRINTED_FROM = {"": "Отпечатано от", "en/": "Printed from"}
DAY = "2026-11-20"


def printed(page, url: str) -> tuple[list[str], str]:
    """The PDF Chromium prints of `url`: each page's text, and all of it on one line."""
    pages, _ = printed_pages(page, url)
    return pages, " ".join(pages)


def printed_pages(page, url: str) -> tuple[list[str], list[str]]:
    """The PDF Chromium prints of `url`: each page's text, and each page's lowest line."""
    from pypdf import PdfReader

    page.goto(url)
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [" ".join((p.extract_text() or "").split()) for p in pdf.pages], [bottom_line(p) for p in pdf.pages]


def bottom_line(pdf_page) -> str:
    """The text of a PDF page's lowest line (the order of extracted text is not the order
    on paper: a line's height is its baseline, in the page's coordinates)."""
    lines: dict[int, list[str]] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            lines.setdefault(round(cm[3] * tm[5] + cm[5]), []).append(text.strip())

    pdf_page.extract_text(visitor_text=visit)
    return " ".join(lines[min(lines)]) if lines else ""


def spaceless(text: str) -> str:
    """Text as extracted, without the spaces a line break inside an address leaves."""
    return "".join(text.split())


@pytest.mark.browser
def test_measure_prints_as_a_clean_document(real_site: Project, browser):
    page = browser.new_page()
    with serve_folder(real_site.site) as base:
        _, text = printed(page, base + "measures/kindergarten-place/")
    page.close()
    assert "Подсигуряване на място в детска градина" in text
    assert "Източници" in text and "https://www.wegoproject.eu/" in text.replace(" ", "")  # links spelled out
    assert "Редакционен статус: Чернова" in text
    for navigation in NAVIGATION[""]:
        assert navigation not in text


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The real content in a git repository (one commit, on DAY: the pages' dates), built
    with the site's address (PUBLISHED_URL)."""
    root = make_project(tmp_path_factory.mktemp("print") / "project", REPO / "content").root
    init(root)
    commit(root, DAY, "content")
    project = Project(root, site_url=PUBLISHED_URL)
    build(project)
    return project


@pytest.mark.browser
@pytest.mark.parametrize("root", ["", "en/"], ids=["bg", "en"])
def test_published_housing_measure_prints_as_a_brief(published_site: Project, browser, root: str):
    """With the site's address: at most 4 A4 pages, none blank, no heading alone at a page's
    foot; every link's address in full (other hosts' as written, decoded; this site's public
    addresses, resolved against the page's public address, never the one it is read at);
    the page's date line; and last "Printed from: <public address, language prefix>"."""
    address = f"{PUBLISHED_URL}{root}{HOUSING}"
    page = browser.new_page()
    with serve_folder(published_site.site) as base:
        pages, bottoms = printed_pages(page, base + root + HOUSING)
        external = page.eval_on_selector_all(
            ".md-content a[href^='http']", "links => links.map(a => decodeURI(a.getAttribute('href')))"
        )
        internal = page.eval_on_selector_all(".md-content a[href^='../']", "links => links.map(a => a.getAttribute('href'))")
        dated = page.locator(f".md-content .kb-updated time[datetime='{DAY}']").count()
        date_line = " ".join(page.locator(".md-content .kb-updated").first.inner_text().split())
        headings = page.locator(".md-content h2, .md-content h3").all_inner_texts()
    page.close()
    text = " ".join(pages)
    assert 1 <= len(pages) <= 4, f"{len(pages)} A4 pages"
    assert all(pages), "a blank page"
    assert external and internal and dated
    for href in external:
        assert spaceless(href) in spaceless(text), href
    for href in internal:
        assert spaceless(urljoin(address, href)) in spaceless(text), href
    assert "127.0.0.1" not in text
    assert date_line in text
    assert text.endswith(f"{PRINTED_FROM[root]}: {address}")  # the address ends the brief
    for navigation in NAVIGATION[root]:
        assert navigation not in text
    headings = {" ".join(heading.split()) for heading in headings}
    assert headings and not headings & set(bottoms[:-1]), bottoms  # no heading alone at a page's foot


@pytest.mark.browser
@pytest.mark.parametrize("root", ["", "en/"], ids=["bg", "en"])
def test_housing_measure_without_an_address_prints_its_path(real_site: Project, browser, root: str):
    """Without the site's address: "Printed from" gives the address from the site's root,
    with the language's prefix; other hosts' addresses still print, relative paths never."""
    page = browser.new_page()
    with serve_folder(real_site.site) as base:
        pages, text = printed(page, base + root + HOUSING)
        internal = page.eval_on_selector_all(".md-content a[href^='../']", "links => links.map(a => a.getAttribute('href'))")
    page.close()
    assert 1 <= len(pages) <= 4, f"{len(pages)} A4 pages"
    assert "https://www.wegoproject.eu/news/" in spaceless(text)
    assert internal and not any(href in text for href in internal)  # a relative path means nothing on paper
    assert text.endswith(f"{PRINTED_FROM[root]}: {root}{HOUSING}")


@pytest.mark.browser
def test_housing_tables_fit_the_printed_page(real_site: Project, browser):
    """Laid out for print at an A4 page's width (210 mm less the margins of kb.css's @page),
    nothing in the content is wider than the page: table cells wrap, addresses break."""
    page = browser.new_page(viewport={"width": 680, "height": 1000})
    page.emulate_media(media="print")
    with serve_folder(real_site.site) as base:
        for root in ("", "en/"):
            page.goto(base + root + HOUSING)
            width = page.evaluate("document.querySelector('.md-content').clientWidth")
            widest = page.evaluate(
                "Math.max(...[...document.querySelectorAll('.md-content table, .md-content a')]"
                ".map(e => e.getBoundingClientRect().right))"
            )
            assert 600 < width <= 680 and widest <= width + 1, (root, width, widest)
    page.close()
