"""Partner text is never markup: every script-injection payload (tests/payloads.py), put into
every kind of text field of the fixture site, shows on the built pages as text — no event
handler, no javascript: link, no script, no template evaluated. (Run in Chromium:
tests/browser/test_injected_scripts.py.)"""

from __future__ import annotations

from generator.linkcheck import broken_links, html_pages, parse
from generator.project import Project


def test_payloads_never_become_markup(fixture_site: Project):
    pages = html_pages(fixture_site.site)
    assert len(pages) > 20
    for page in pages:
        for element in parse(page).elements:  # payloads may show as text, never as markup
            for name, value in element.attrs.items():
                assert not name.startswith("on"), (page, element)
                assert not value.strip().lower().startswith("javascript:"), (page, element)
            if element.tag == "script":
                assert "__pwned" not in element.attrs.get("src", ""), page
        assert "<script>window.__pwned" not in page.read_text(encoding="utf-8")


def test_template_syntax_in_content_is_shown_not_evaluated(fixture_site: Project):
    text = (fixture_site.site / "en/practices/good-one/index.html").read_text(encoding="utf-8")
    assert "{{ 7 * 7 }}" in text and "49" not in text.split("Practice", 1)[1][:200]
    assert "{% raw %}x{% endraw %}" in text


def test_the_injected_pages_still_link_up(fixture_site: Project):
    """(The published 404 pages link by absolute address, /base/…, as they must to work at any
    depth: the link checker reads the site as served from /, so only those may not resolve.)"""
    broken = broken_links(fixture_site.site)
    assert broken and all(entry.split(": ")[0].endswith("404.html") and ": /base/" in entry for entry in broken)
