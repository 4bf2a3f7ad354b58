"""Every sentence true, on the built real site (issue 18, the audit of 2026-11-29): a draft
sentence never becomes a page's description, no page calls the pilot completed, Bulgarian
on English pages is marked as such, and each municipality's row of a municipal measure
names its local basis with a source or the question to ask."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import walker
from generator.build import load_site
from generator.kinds import REGISTRY
from generator.linkcheck import html_pages
from generator.project import Project
from generator.urls import record_page

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


def public_pages(project: Project) -> list[Path]:
    return [p for p in html_pages(project.site) if "admin" not in p.relative_to(project.site).parts]


def page_of(project: Project, record, prefix: str) -> Path:
    url = record_page(REGISTRY.of(record), record.slug).url
    return project.site / prefix / url / "index.html"


@pytest.mark.parametrize(("lang", "prefix"), [("bg", ""), ("en", "en")])
def test_no_page_description_holds_draft_text(real_site: Project, lang: str, prefix: str):
    site = load_site(real_site)
    checked = drafts = 0
    for record in site.records:
        page = page_of(real_site, record, prefix)
        description = html.unescape(DESCRIPTION.search(page.read_text(encoding="utf-8")).group(1))
        checked += 1
        for _, text in walker.texts(record):
            if text.draft and text.has(lang):
                drafts += 1
                draft = " ".join(text.get(lang, lang).split())
                assert draft[:60] not in " ".join(description.split()), (page, draft[:60])
    assert checked > 20 and drafts > 10  # the real content has draft texts: the check ran


def test_the_check_finds_a_draft_description():
    """The comparison above catches a draft summary used as the description."""
    text = " ".join("Децата на майки, пострадали от насилие, получават предимство при приема".split())
    assert text[:60] in " ".join(f"{text} в детска градина.".split())


def test_no_page_calls_the_pilot_completed(real_site: Project):
    pages = public_pages(real_site)
    assert len(pages) > 80
    said = [p for p in pages if re.search(r"Завършено|\bCompleted\b", html.unescape(p.read_text(encoding="utf-8")))]
    assert said == []
    pilot = (real_site.site / "pilot/wego3-pilot/index.html").read_text(encoding="utf-8")
    assert "Не е публикувано дали е проведено" in pilot


class _LanguageOfText(HTMLParser):
    """Each piece of text with the language it is marked in (the nearest lang attribute)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str]] = [("", "")]
        self.texts: list[tuple[str, str]] = []  # (language, text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.open.append((tag, dict(attrs).get("lang") or self.open[-1][1]))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                break

    def handle_data(self, data: str) -> None:
        if not {"script", "style"} & {tag for tag, _ in self.open}:
            self.texts.append((self.open[-1][1], data))


def unmarked_bulgarian(page: Path) -> list[str]:
    reader = _LanguageOfText()
    reader.feed(page.read_text(encoding="utf-8"))
    return [text.strip()[:80] for lang, text in reader.texts if CYRILLIC.search(text) and not lang.startswith("bg")]


def test_every_bulgarian_word_on_an_english_page_is_marked_bulgarian(real_site: Project):
    pages = [p for p in public_pages(real_site) if p.relative_to(real_site.site).parts[0] == "en"]
    assert len(pages) > 40
    found = {str(p.relative_to(real_site.site)): unmarked_bulgarian(p) for p in pages}
    assert {page: texts for page, texts in found.items() if texts} == {}


def test_the_language_check_finds_unmarked_bulgarian(tmp_path: Path):
    page = tmp_path / "index.html"
    page.write_text('<html lang="en"><p>Ruse <span lang="bg">Русе</span></p><p>Община Русе</p></html>', encoding="utf-8")
    assert unmarked_bulgarian(page) == ["Община Русе"]


MUNICIPAL_MEASURES = ["kindergarten-place", "municipal-housing"]


@pytest.mark.parametrize("slug", MUNICIPAL_MEASURES)
@pytest.mark.parametrize("region", ["plovdiv", "targovishte"])
def test_each_municipality_row_names_a_local_basis_or_the_question(real_site: Project, slug: str, region: str):
    """On the page, the region's row in the table names an ordinance (linked to its own
    address) and the local-ordinances list gives its source, or the row asks a body."""
    site = load_site(real_site)
    measure = next(m for m in site.measures if m.slug == slug)
    assert measure.decided_by == "municipality"
    cell = next(c for c in measure.regions if c.region == region)
    assert cell.ordinances, f"{slug}: no local basis for {region}"
    for act in cell.ordinances:
        assert act.sources and all(s.url.startswith(("http://", "https://")) for s in act.sources)
        question = act.note.get("bg", "bg") if act.note else ""
        assert act.url or "Въпрос" in question, (slug, region)
    page = (real_site.site / f"measures/{slug}/index.html").read_text(encoding="utf-8")
    row = next(r for r in re.findall(r"<tr>.*?</tr>", page, re.S) if f"regions/{region}/" in r)
    assert "—" not in re.sub(r"<[^>]+>", "", row)
    for act in cell.ordinances:
        for source in act.sources:
            assert html.escape(source.url, quote=True) in page or source.url in page

