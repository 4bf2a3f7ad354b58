"""Acronyms in the built real site: where a page first uses one in its text, the reader sees
the full name with it, in the page's language; the everyday-words page lists each acronym
with its full name and sources, in both languages."""

from __future__ import annotations

import html
import re
from pathlib import Path

from generator.build import load_site
from generator.linkcheck import html_pages
from generator.project import Project

ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.S)
INLINE_TAG = re.compile(r"</?(?:a|abbr|b|code|em|i|span|strong|time)\b[^>]*>")


def article(page: Path) -> str:
    """The page's own content as a reader sees it: its article, without tags (words inside a
    line stay together, blocks are apart)."""
    found = ARTICLE.search(page.read_text(encoding="utf-8"))
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", found.group(1) if found else "", flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", INLINE_TAG.sub("", body))).split())


def test_a_page_that_uses_an_acronym_writes_the_full_name_at_first_use_in_both_languages(real_site: Project):
    bg = article(real_site.site / "pilot/wego3-pilot/index.html")
    en = article(real_site.site / "en/pilot/wego3-pilot/index.html")
    assert "Център за развитие на устойчиви общности (ЦРУО) съобщава" in bg
    assert "според ЦРУО" in bg and bg.count("(ЦРУО)") == 1  # later uses stay short
    assert "Center for Sustainable Communities Development (CSCD) reports" in en
    assert "according to CSCD" in en and en.count("(CSCD)") == 1


def test_a_page_that_wrote_the_full_name_first_is_left_as_it_is(real_site: Project):
    partner = article(real_site.site / "partners/cscd/index.html")  # its title is the full name
    assert "ЦРУО" in partner and "(ЦРУО)" not in partner
    law = article(real_site.site / "topics/legal-context/index.html")
    assert "Законът за защита от домашното насилие (ЗЗДН)" in law and law.count("(ЗЗДН)") == 1


def test_no_page_writes_a_full_name_out_twice(real_site: Project):
    site = load_site(real_site)
    shapes = {
        (root, f"{abbreviation.full.get(lang)} ({abbreviation.short})")
        for abbreviation in site.abbreviations
        for lang, root in (("bg", ""), ("en", "en/"))
    }
    assert shapes
    for page in html_pages(real_site.site):
        relative = page.relative_to(real_site.site).as_posix()
        text = article(page)
        for root, shape in shapes:
            if relative.startswith("en/") == (root == "en/"):
                assert text.count(shape) <= 1, (relative, shape)


def test_the_everyday_words_page_lists_each_acronym_with_its_full_name_and_sources(real_site: Project):
    site = load_site(real_site)
    assert {"ДСП", "АСП", "ДБТ", "МТСП", "ДАЗД", "ЗЗДН", "ЦРУО"} <= {item.short for item in site.abbreviations}
    pages = {"bg": real_site.site / "search/everyday-words/index.html", "en": real_site.site / "en/search/everyday-words/index.html"}
    for lang, page in pages.items():
        source = page.read_text(encoding="utf-8")
        text = article(page)
        assert ("Съкращения" if lang == "bg" else "Abbreviations") in text
        for item in site.abbreviations:
            assert f"{item.short} — {item.full.get(lang)}" in text, (lang, item.short)
            assert all(f'href="{html.escape(s.url)}"' in source for s in item.sources), (lang, item.short)
    assert "ДСП — Social Assistance Directorate (Дирекция „Социално подпомагане“)" in article(pages["en"])
