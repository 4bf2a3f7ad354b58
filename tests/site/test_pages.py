"""The built site's pages: every record in both languages (Bulgarian at /, English under
/en/), relations both ways, the lists of practices, the matrix, untranslated and draft records."""

from __future__ import annotations

from generator import urls
from generator.build import load_site
from generator.kinds import REGISTRY
from generator.linkcheck import parse
from generator.project import Project


def record_url(record) -> str:
    return urls.record_page(REGISTRY.of(record), record.slug).url


def test_every_record_has_a_page_in_both_languages(real_site: Project):
    site = load_site(real_site)
    assert len(site.measures) == 7 and len(site.regions) == 3
    for record in site.records:
        for prefix, lang in (("", "bg"), ("en/", "en")):
            page = real_site.site / prefix / record_url(record) / "index.html"
            assert page.is_file(), page
            html = parse(page)
            assert html.find("html")[0].attrs["lang"] == lang
            title = record.title if hasattr(record, "title") else record.name
            assert title.get(lang).split()[0] in html.all_text


def test_bulgarian_at_root_english_under_en(real_site: Project):
    home_bg = parse(real_site.site / "index.html")
    home_en = parse(real_site.site / "en" / "index.html")
    assert home_bg.find("html")[0].attrs["lang"] == "bg"
    assert home_en.find("html")[0].attrs["lang"] == "en"
    for page in ("matrix", "meetings/online-meetings", "regions/ruse/protocol", "pilot/wego3-pilot", "practices"):
        assert (real_site.site / page / "index.html").is_file()
        assert (real_site.site / "en" / page / "index.html").is_file()


def test_relations_both_ways(real_site: Project):
    practice = parse(real_site.site / "practices" / "babysitting-agency" / "index.html")
    hrefs = [a.attrs["href"] for a in practice.find("a")]
    assert any("measures/qualification-support/" in h for h in hrefs)
    measure = parse(real_site.site / "measures" / "qualification-support" / "index.html")
    assert any("practices/babysitting-agency/" in a.attrs["href"] for a in measure.find("a"))
    assert "Най-голяма подкрепа" in measure.all_text


def test_practices_browsable_without_javascript(real_site: Project):
    page = parse(real_site.site / "en" / "practices" / "index.html")
    text = page.all_text
    for heading in ("By region", "By measure", "By target group", "Ruse", "Women who survived domestic violence"):
        assert heading in text
    links = [a.attrs["href"] for a in page.find("a") if "babysitting-agency" in a.attrs.get("href", "")]
    assert len(links) == 3  # once under each grouping


def test_matrix_has_every_measure_and_region(real_site: Project):
    page = parse(real_site.site / "en" / "matrix" / "index.html")
    hrefs = [a.attrs.get("href", "") for a in page.find("a")]
    for measure in load_site(real_site).measures:
        assert any(href.endswith(f"measures/{measure.slug}/") for href in hrefs), measure.slug
    for region in ("Ruse", "Plovdiv", "Targovishte"):
        assert region in page.all_text
    assert "All the measures were discussed in all three regions." in page.all_text


def test_untranslated_record_shows_notice_and_bulgarian_text(fixture_site: Project):
    page = parse(fixture_site.site / "en" / "measures" / "second-measure" / "index.html")
    assert "Not yet translated" in page.all_text
    assert "Текст само на български език." in page.all_text
    assert page.find("div", lang="bg"), "fallback text is marked as Bulgarian"
    status = parse(fixture_site.site / "en" / "translation-status" / "index.html").all_text
    assert "second-measure" in status and "summary" in status
    bg_page = parse(fixture_site.site / "measures" / "second-measure" / "index.html").all_text
    assert "Още не е преведено" not in bg_page


def test_draft_and_reviewed_records(fixture_site: Project):
    draft = parse(fixture_site.site / "en" / "measures" / "second-measure" / "index.html").all_text
    assert "This record has not yet been reviewed" in draft
    assert "Draft — pending partner review" in draft  # the draft summary text
    reviewed = parse(fixture_site.site / "en" / "regions" / "alpha" / "index.html").all_text
    assert "has not yet been reviewed" not in reviewed
    assert "Reviewed, Centre A, 15 January 2026" in reviewed


def test_each_implementer_and_signatory_is_an_item_of_its_own(real_site: Project):
    """A list written by a template loop keeps one item a line (a trimmed line break once ran a
    practice's implementers together into one item)."""
    import re

    site = load_site(real_site)
    lists = [(p, "izpalniteli", len(p.implementing_actors)) for p in site.practices]
    lists += [(p, "strani-po-protokola", len(p.signatories)) for p in site.protocols]
    for record, anchor, count in lists:
        html = (real_site.site / record_url(record) / "index.html").read_text(encoding="utf-8")
        section = html.split(f'id="{anchor}"', 1)[1].split("<h2", 1)[0]
        assert len(re.findall(r"<li\b", section)) == count, (record.path, section[:300])
