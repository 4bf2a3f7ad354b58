"""The real site, built into a temp folder: pages, languages, links, search index, atomicity."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from generator.build import BuildError, build, load_site
from generator.builders.mkdocs import config_path
from generator.linkcheck import html_pages, page_url, parse, resolve
from generator.problems import ContentError
from generator.project import Project
from generator.urls import record_page as page_path


def record_url(record) -> str:
    path = page_path(record)
    path = path[: -len("index.md")] if path.endswith("index.md") else path[: -len(".md")] + "/"
    return path


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


def test_nothing_is_loaded_from_another_host(real_site: Project):
    for page in html_pages(real_site.site):
        html = parse(page)
        for element in html.find("link") + html.find("script") + html.find("img"):
            ref = element.attrs.get("src") or (
                element.attrs.get("href") if element.tag != "link" or element.attrs.get("rel") != "canonical" else ""
            )
            assert not (ref or "").startswith(("http://", "https://", "//")), (page, ref)


def test_search_index_holds_cyrillic_words_per_language(real_site: Project):
    bg = json.loads((real_site.site / "assets" / "search-index.json").read_text(encoding="utf-8"))
    en = json.loads((real_site.site / "en" / "assets" / "search-index.json").read_text(encoding="utf-8"))
    # The index holds stems (issue 10): the browser stems only the query.
    from generator.stemmer import stem_bg, stem_en

    for word in ("детска", "градина", "квалификация", "търговище", "протокол"):
        assert stem_bg(word) in bg["terms"]
    assert stem_en("kindergarten") in en["terms"] and stem_bg("градина") not in en["terms"]
    assert (bg["lang"], en["lang"]) == ("bg", "en")
    urls = [doc[0] for doc in bg["docs"]]
    assert "measures/kindergarten-place/" in urls and not any(u.startswith("en/") for u in urls)
    assert "\\u04" not in (real_site.site / "assets" / "search-index.json").read_text(encoding="utf-8")


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
    assert "Reviewed, Centre A, 2026-01-15" in reviewed


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_failed_build_leaves_previous_site_untouched(project: Project):
    build(project)
    before = snapshot(project.site)
    assert before
    measure = project.content / "measures" / "first-measure.yaml"
    good = measure.read_text(encoding="utf-8")
    measure.write_text(good.replace("title:", "titel:"), encoding="utf-8")
    with pytest.raises(ContentError):
        build(project)
    assert snapshot(project.site) == before
    # A failure inside MkDocs (a broken link in a hand-written page, fatal under --strict).
    measure.write_text(good, encoding="utf-8")
    (project.docs / "bg").mkdir(exist_ok=True)
    (project.docs / "bg" / "broken.md").write_text("# Broken\n\n[x](nowhere.md)\n", encoding="utf-8")
    with pytest.raises(BuildError):
        build(project)
    assert snapshot(project.site) == before
    assert not list(project.root.glob(".site-*")), "staging folders are cleaned up"


def test_plain_mkdocs_build_strict_on_shared_config(project: Project, tmp_path: Path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    (project.root / "generator").symlink_to(REPO / "generator")
    out = tmp_path / "plain"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project.mkdocs_yml), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project.root,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert parse(out / "measures" / "first-measure" / "index.html").find("html")[0].attrs["lang"] == "bg"


def test_generated_markdown_is_plain_and_separate(fixture_site: Project):
    markdown = (fixture_site.docs_out("en") / "measures" / "first-measure.md").read_text(encoding="utf-8")
    assert markdown.startswith("---\ntitle: ")
    assert "# 1. First measure about kindergartens" in markdown
    assert "{%" not in markdown and "{{" not in markdown
    config = config_path(fixture_site, "en").read_text(encoding="utf-8")
    assert "INHERIT: ../mkdocs.yml" in config and "docs_dir: docs/en" in config
