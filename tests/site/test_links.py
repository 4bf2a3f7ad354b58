"""Links of the built real site: every internal link resolves, the language switcher leads to
the same page, nothing is loaded from another host, old addresses lead to the new ones."""

from __future__ import annotations

import re

from generator.linkcheck import html_pages, page_url, parse, redirects, resolve
from generator.project import Project


def test_language_switcher_leads_to_the_same_page(real_site: Project):
    checked = 0
    for page in html_pages(real_site.site):
        if page.name == "404.html":
            continue
        url = page_url(real_site.site, page)
        in_english = url.startswith("/en/")
        counterpart = "/" + url[len("/en/") :] if in_english else "/en" + url
        [link] = parse(page).find("a", class_="kb-lang-switch__link")
        target = resolve(real_site.site, page, link.attrs["href"])
        assert page_url(real_site.site, target) == counterpart, (url, link.attrs["href"])
        assert link.attrs["hreflang"] == ("bg" if in_english else "en")
        checked += 1
    assert checked > 50


def test_every_internal_link_resolves(real_site: Project):
    broken = []
    for page in html_pages(real_site.site):
        html = parse(page)
        refs = [e.attrs.get("href") for e in html.find("a") + html.find("link")] + [
            e.attrs.get("src") for e in html.find("script") + html.find("img")
        ]
        for ref in filter(None, refs):
            target = resolve(real_site.site, page, ref)
            if target is not None and not target.exists():
                broken.append(f"{page.relative_to(real_site.site)} → {ref}")
    assert broken == []


LOADING = {"link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
           "audio": "src", "track": "src", "embed": "src", "object": "data", "input": "src"}
OUTSIDE = re.compile(r"^\s*(https?:)?//|url\(\s*['\"]?\s*(https?:)?//", re.I)


def test_nothing_is_loaded_from_another_host(real_site: Project):
    """What each page's HTML loads (the browser test adds what its scripts fetch)."""
    pages = html_pages(real_site.site)
    assert len(pages) > 60
    for page in pages:
        for element in parse(page).elements:
            wanted = LOADING.get(element.tag)
            if element.tag == "link" and element.attrs.get("rel") in {"canonical", "alternate"}:
                wanted = None  # addresses of this page, not loaded
            refs = [element.attrs.get(wanted) or ""] if wanted else []
            refs += [part.strip() for part in (element.attrs.get("srcset") or "").split(",")]
            refs.append(element.attrs.get("style") or "")
            assert not any(OUTSIDE.search(ref) for ref in refs), (page, element)
        for style in re.findall(r"<style[^>]*>(.*?)</style>", page.read_text(encoding="utf-8"), re.S | re.I):
            assert not OUTSIDE.search(style), (page, style[:200])


def test_old_addresses_have_stubs_that_lead_to_the_new_ones(real_site: Project):
    """(Followed in Chromium: tests/browser/test_addresses.py.)"""
    stubs = redirects(real_site.site)
    assert any("women_survivors" in str(stub) for stub in stubs)
    for stub in stubs:
        [link] = parse(stub).find("a")
        target = resolve(real_site.site, stub, link.attrs["href"])
        assert target is not None and target.exists(), stub
        assert "_" not in target.relative_to(real_site.site).as_posix()


def test_every_folder_of_an_address_answers(real_site: Project):
    """Trimming an address by hand (practices/by-region/ruse/ → practices/by-region/) gives a
    page or a redirect to one, never the 404 page."""
    site = real_site.site
    folders = set()
    for page in html_pages(site):
        relative = page.relative_to(site)
        if relative.parts[0] in {"admin", "assets"} or (relative.parts[0] == "en" and relative.parts[1:2] == ("assets",)):
            continue
        folders |= {site.joinpath(*relative.parts[:depth]) for depth in range(1, len(relative.parts) - 1)}
    assert site / "practices" / "by-region" in folders
    missing = sorted(str(folder.relative_to(site)) for folder in folders if not (folder / "index.html").is_file())
    assert missing == []
