"""What every public page carries, read over the built real site in both languages: the help
lines with tel: links, the footer, navigation with help first, readable heading anchors, the
safety page, the Atom feed and the meta tags; the partners' /admin/ page stays apart."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from generator.linkcheck import html_pages, parse
from generator.project import Project


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


def test_feed_and_meta_tags(real_site: Project):
    """(The sitemap names addresses only when the site has one: tests/site/test_site_address.py.)"""
    atom = "{http://www.w3.org/2005/Atom}"
    for prefix, lang in (("", "bg"), ("en/", "en")):
        feed = ET.parse(real_site.site / prefix / "feed.xml").getroot()
        entries = feed.findall(f"{atom}entry")
        assert len(entries) >= 20 and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for page in html_pages(real_site.site):
        if page.name != "index.html":
            continue
        html = parse(page)
        meta = {e.attrs.get("property") or e.attrs.get("name"): e.attrs.get("content") for e in html.find("meta")}
        assert meta.get("description") and meta.get("og:title") and meta.get("og:description"), page
        assert html.find("title")[0]
        assert meta.get("og:locale") in {"bg_BG", "en_GB"}


def test_admin_page_is_self_contained_and_not_indexed(real_site: Project):
    admin = real_site.site / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    connect = re.search(r"connect-src ([^;]+);", policy.replace("&#39;", "'")).group(1).split()
    assert connect == ["'self'", "https://api.github.com"]  # + the sign-in helper, once editor.yml names it
    assert "default-src 'self'" in policy
    assert (admin / "decap-cms.js").is_file() and (admin / "config.yml").is_file()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert all(not urlsplit(src).netloc for src in scripts)
    # public pages never load anything from /admin/
    for html in html_pages(real_site.site):
        if "admin" in html.relative_to(real_site.site).parts:
            continue
        assert "/admin/" not in html.read_text(encoding="utf-8") and 'admin/' not in re.findall(r'(?:src|href)="([^"]*)"', html.read_text(encoding="utf-8")), html
