"""The helplines of the built real site, in both languages: each line's hours with the
sources that give them, a conflict between sources shown as such with both linked, no draft
mark on a page whose every line is sourced, each line named by its short name in the help
bar of every page, and one English spelling of "helplines"."""

from __future__ import annotations

import html
import re

import pytest

from generator.build import load_site
from generator.linkcheck import html_pages
from generator.project import Project
from generator.schema import Helpline

LANGUAGES = [("", "bg"), ("en/", "en")]
ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.S)
ITEM = re.compile(r"<li>(.*?)</li>", re.S)
TAG = re.compile(r"<[^>]+>")
WORDS = {
    "bg": {"hours": "Работно време:", "differ": "Източниците се разминават", "draft": "чернова"},
    "en": {"hours": "Hours:", "differ": "Sources differ", "draft": "draft"},
}


def text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(TAG.sub(" ", fragment))).strip()


def sections(real_site: Project, prefix: str) -> dict[str, str]:
    """The help page's section of each line (its HTML), by the number it dials."""
    page = (real_site.site / prefix / "help" / "helplines" / "index.html").read_text(encoding="utf-8")
    article = ARTICLE.search(page)
    assert article, prefix
    found = {}
    for part in re.split(r"<h2\b", article.group(1))[1:]:
        tel = re.search(r'href="tel:(\+?\d+)"', part.split("</h2>", 1)[0])
        if tel:
            found[tel.group(1)] = part
    return found


def item(section: str, starts: str) -> str:
    """The list item of a line's section whose text starts with `starts` ("" if none)."""
    return next((li for li in ITEM.findall(section) if text_of(li).startswith(starts)), "")


def links(fragment: str) -> set[str]:
    return {html.unescape(href) for href in re.findall(r'href="([^"]+)"', fragment)}


@pytest.fixture(scope="module")
def lines(real_site: Project) -> list[Helpline]:
    return list(load_site(real_site).help[0].lines)


def tel(line: Helpline) -> str:
    return line.number.replace(" ", "")


def test_each_line_states_its_hours_with_the_sources_that_give_them(real_site: Project, lines: list[Helpline]):
    # 112's only source says when to call it, not when it answers: no hours are stated for it.
    assert [line.number for line in lines if line.hours] == ["0800 11 977", "0800 18 676", "116 111"]
    for prefix, lang in LANGUAGES:
        found = sections(real_site, prefix)
        assert list(found) == [tel(line) for line in lines], prefix
        for line in lines:
            hours = item(found[tel(line)], WORDS[lang]["hours"])
            if not line.hours:
                assert not hours, (prefix, line.number, "hours on the page that no source gives")
                continue
            assert line.hours_sources, (line.number, "hours without the source that gives them")
            assert getattr(line.hours, lang) in text_of(hours), (prefix, line.number)
            assert {source.url for source in line.hours_sources} <= links(hours), (prefix, line.number)
            assert {source.url for source in line.hours_sources} <= {source.url for source in line.sources}, line.number


def test_the_conflict_on_the_hours_of_0800_18_676_links_both_sources(real_site: Project, lines: list[Helpline]):
    guide = "https://www.humanrightsguide.bg/temi/domashno-nasilie/pomoshch-i-podpomagane"
    report = (
        "https://www.iskra.bg/nad-2800-choveka-sa-potarsili-pomosht-na-goreshtata-liniya-za-domashno-nasilie-prez-2023-godina/"
    )
    for prefix, lang in LANGUAGES:
        section = sections(real_site, prefix)["080018676"]
        hours = item(section, WORDS[lang]["hours"])
        assert "9:00–21:00" in text_of(hours) and guide in links(hours), prefix
        note = item(section, WORDS[lang]["differ"])
        assert {guide, report} <= links(note), (prefix, note)
        assert ("денонощ" if lang == "bg" else "round the clock") in text_of(note), prefix
    # Only that line's sources disagree; no other line carries a note.
    assert [line.number for line in lines if line.hours_note] == ["0800 18 676"]


def test_the_help_page_carries_no_draft_mark(real_site: Project, lines: list[Helpline]):
    assert not any(text.draft for line in lines for text in (line.title, line.name, line.hours, line.operator) if text)
    for prefix, lang in LANGUAGES:
        page = (real_site.site / prefix / "help" / "helplines" / "index.html").read_text(encoding="utf-8")
        article = ARTICLE.search(page)
        assert article
        assert "kb-draft-tag" not in article.group(1) and "kb-text--draft" not in article.group(1), prefix
        assert WORDS[lang]["draft"] not in text_of(article.group(1)).lower(), prefix


def test_the_help_bar_names_each_line_by_its_short_name(real_site: Project, lines: list[Helpline]):
    for prefix, lang in LANGUAGES:
        expected = [(getattr(line.short_name, lang), tel(line)) for line in lines]
        assert all(name for name, _ in expected), lang
        root = real_site.site / prefix
        for page in [root / "index.html", root / "help" / "helplines" / "index.html", root / "measures" / "index.html"]:
            bar = page.read_text(encoding="utf-8").split('<nav class="kb-help"', 1)[1].split("</nav>", 1)[0]
            shown = re.findall(r'<a class="kb-help__line" href="tel:(\d+)"[^>]*><span class="kb-help__short">([^<]*)</span>', bar)
            assert [(html.unescape(name), number) for number, name in shown] == expected, page


def test_english_pages_spell_helplines_as_one_word(real_site: Project):
    found = []
    for page in html_pages(real_site.site / "en"):
        words = text_of(page.read_text(encoding="utf-8"))
        found += [(page.relative_to(real_site.site).as_posix(), hit) for hit in re.findall(r"\bhelp[ -]lines?\b", words, re.I)]
    assert not found, found
