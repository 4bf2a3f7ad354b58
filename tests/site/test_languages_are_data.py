"""Languages are data: a third language is a line of configuration (languages.yml)."""

from __future__ import annotations

from pathlib import Path

from conftest import make_project

from generator import urls
from generator.build import build, load_site
from generator.linkcheck import broken_links, html_pages, parse

THREE_LANGUAGES = """\
languages:
  - code: bg
    name: Български
    locale: bg_BG
    fallback: [en]
  - code: en
    name: English
    locale: en_GB
    fallback: [bg]
  - code: de
    name: Deutsch
    locale: de_DE
    fallback: [en, bg]
"""


def test_a_third_language_is_configuration(tmp_path: Path):
    project = make_project(tmp_path / "project")
    (project.root / "languages.yml").write_text(THREE_LANGUAGES, encoding="utf-8")
    build(project)
    site = load_site(project)
    for record in site.records:
        address = urls.address(urls.record_page(record))
        english = parse(project.site / "en" / address / "index.html")
        german = parse(project.site / "de" / address / "index.html")
        assert german.find("html")[0].attrs["lang"] == "de"
        assert "Not yet translated" in german.all_text  # no German text: the notice, then English
        title = getattr(record, "title", None) or record.name
        assert title.get("en", ("bg",)).split()[0] in german.all_text
        assert german.find("span", lang="en") or german.find("div", lang="en")
        assert english.find("html")[0].attrs["lang"] == "en"
    for page in html_pages(project.site):
        if page.name == "404.html":
            continue
        html = parse(page)
        names = [e.attrs.get("lang") for e in html.find("a", class_="kb-lang-switch__link")]
        names += [e.attrs.get("lang") for e in html.find("span", class_="kb-lang-switch__current")]
        assert sorted(names) == ["bg", "de", "en"], page
    assert broken_links(project.site) == []
    status = (project.site / "de" / "translation-status" / "index.html").read_text(encoding="utf-8")
    assert "Missing text in Deutsch" in status
