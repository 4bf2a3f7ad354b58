"""The site's public address: a build that knows it names it in canonical links, the sitemap
(with every language's alternate) and robots.txt; a build that does not claims none, and no
built file names a development address."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from conftest import PUBLISHED_URL

from generator.project import Project


def test_no_built_file_names_a_development_address(real_site: Project):
    found = []
    for path in real_site.site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if b"127.0.0.1" in data or b"localhost:8000" in data:
                found.append(path.relative_to(real_site.site).as_posix())
    assert found == []
    home = (real_site.site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link[^>]* rel="canonical"', home) is None  # no address known: none claimed
    sitemap = ET.parse(real_site.site / "sitemap.xml").getroot()
    assert sitemap.findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url") == []
    assert not (real_site.site / "robots.txt").exists()
    feed = (real_site.site / "feed.xml").read_text(encoding="utf-8")
    assert "<id>tag:wegoproject.eu,2021:wego3-kb/bg/" in feed and "xml:base" not in feed


def test_a_published_build_names_its_address_everywhere(fixture_site: Project):
    site = fixture_site.site
    assert PUBLISHED_URL == "https://kb.wego3.test/base/"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://kb.wego3.test/base/">' in home
    assert "Sitemap: https://kb.wego3.test/base/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://kb.wego3.test/base/measures/first-measure/</loc>" in sitemap
    assert 'hreflang="en" href="https://kb.wego3.test/base/en/measures/first-measure/"' in sitemap
    urls = ET.parse(site / "sitemap.xml").getroot().findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    assert urls
    for url in urls:  # every page names itself in every language, and the default
        alternates = url.findall("{http://www.w3.org/1999/xhtml}link")
        assert {a.get("hreflang") for a in alternates} == {"bg", "en", "x-default"}, url.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
