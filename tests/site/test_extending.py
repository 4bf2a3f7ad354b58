"""Extending the structure in one place: a new kind from its declaration and template
alone, a third language with its own text, and the failures a newcomer's mistakes give
(a template's, two pages on one address): told with the file, never as a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import editor, urls
from generator.build import build, load_site, render
from generator.cli import main
from generator.kinds import REGISTRY, Kind, Listing
from generator.linkcheck import broken_links, html_pages, parse
from generator.problems import ContentError
from generator.project import Project
from generator.schema import Record, Text, doc

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "content"


def fixture_project(root: Path) -> Project:
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("overrides", "docs"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copytree(FIXTURE, root / "content")
    return Project(root)


# --- a new kind: a model and a template --------------------------------------------------


class Employer(Record):
    """An employer that took part (a kind declared by this test alone)."""

    name: Text = doc("Име", "Name", "The employer's name.", "Името на работодателя.")
    summary: Text = doc("Описание", "Summary", "What it offered.", "Какво предложи.")


EMPLOYER = Kind(
    "employer",
    Employer,
    "employers/*.yaml",
    "employers/{slug}.md",
    "employers",
    title_field="name",
    listing=Listing("employers", "employers/index.md"),
    nav="public",
    words={"bg": ("Работодател", "Работодатели"), "en": ("Employer", "Employers")},
)

EMPLOYER_TEMPLATE = """\
{% import "macros.md.j2" as m with context %}
{% set page_title = employer.name | plain %}
{% set page_description = employer.summary | plain %}
{{ m.front_matter(page_title, page_description) }}
# {{ m.inline(employer.name) }}

{{ m.block(employer.summary) }}

{{ m.sources(employer) }}
"""

EMPLOYER_RECORD = """\
name:
  bg: Фабрика Изток
  en: East Works
summary:
  bg: Гъвкаво работно време за майки.
  en: Flexible hours for mothers.
sources:
  - title: Fixture source
    url: https://wegoproject.eu/fixture
"""


@pytest.fixture
def employer_project(tmp_path: Path):
    project = fixture_project(tmp_path / "project")
    (project.root / "templates").mkdir()
    (project.root / "templates" / "employer.md.j2").write_text(EMPLOYER_TEMPLATE, encoding="utf-8")
    (project.content / "employers").mkdir()
    (project.content / "employers" / "east-works.yaml").write_text(EMPLOYER_RECORD, encoding="utf-8")
    with REGISTRY.registered(EMPLOYER):
        yield project


def test_a_kind_declared_once_gets_validation_pages_lists_data_feed_form_and_new(employer_project: Project, capsys):
    project = employer_project
    broken = project.content / "employers" / "broken.yaml"
    broken.write_text(EMPLOYER_RECORD.replace("name:", "nmae:"), encoding="utf-8")
    assert main(["--root", str(project.root), "--lang", "en", "validate"]) == 1
    assert "broken.yaml:1:1: error: Unknown field 'nmae'" in capsys.readouterr().err
    broken.unlink()

    report = build(project)
    for language, root in (("bg", project.site), ("en", project.site / "en")):
        page = parse(root / "employers" / "east-works" / "index.html")
        assert ("Фабрика Изток" if language == "bg" else "East Works") in page.all_text
        listing = parse(root / "employers" / "index.html")
        assert ("Работодатели" if language == "bg" else "Employers") in listing.all_text
        assert listing.find("a", href="../employers/east-works/") or listing.find("a", href="east-works/")
        nav = (root / "index.html").read_text(encoding="utf-8")
        assert ("Работодатели" if language == "bg" else "Employers") in nav
        data = json.loads((root / "data" / "employers.json").read_text(encoding="utf-8"))
        assert data[0]["slug"] == "east-works" and data[0]["url"] == "employers/east-works/"
        assert "employers/east-works/" in (root / "feed.xml").read_text(encoding="utf-8")
    assert not report.skipped

    collections = {c["name"]: c for c in editor.collections(load_site(project), project.languages)}
    form = collections["employers"]
    assert form["folder"] == "content/employers" and form["label"] == "Работодатели" and form["create"] is True
    assert [field["name"] for field in form["fields"]][:3] == ["slug", "name", "summary"]

    assert main(["--root", str(project.root), "--lang", "bg", "new", "employer", "--title", "Завод Запад"]) == 0
    created = project.content / "employers" / "zavod-zapad.yaml"
    assert created.exists() and "Завод Запад" in created.read_text(encoding="utf-8")


# --- a third language with its own text ---------------------------------------------------

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


def test_a_third_language_shows_its_own_text_and_the_switcher_lists_three(tmp_path: Path):
    project = fixture_project(tmp_path / "project")
    (project.root / "languages.yml").write_text(THREE_LANGUAGES, encoding="utf-8")
    measure = project.content / "measures" / "first-measure.yaml"
    text = measure.read_text(encoding="utf-8")
    text = text.replace("  en: First measure about kindergartens\n", "  en: First measure about kindergartens\n  de: Erste Maßnahme für Kindergärten\n")
    measure.write_text(text, encoding="utf-8")
    build(project)
    german = parse(project.site / "de" / "measures" / "first-measure" / "index.html")
    assert german.find("html")[0].attrs["lang"] == "de"
    assert "Erste Maßnahme für Kindergärten" in german.all_text
    assert "First measure about kindergartens" not in german.all_text  # its own text, not the fallback
    english = parse(project.site / "en" / "measures" / "first-measure" / "index.html")
    assert "First measure about kindergartens" in english.all_text and "Erste" not in english.all_text
    # A text not yet in German: the notice, then the first fallback (English), marked as such.
    untranslated = parse(project.site / "de" / "measures" / "second-measure" / "index.html")
    assert "Not yet translated" in untranslated.all_text and "Втора мярка" in untranslated.all_text
    assert untranslated.find("span", lang="bg") or untranslated.find("div", lang="bg")
    for record in load_site(project).records:  # every record has its German page
        page = parse(project.site / "de" / urls.record_page(REGISTRY.of(record), record.slug).url / "index.html")
        assert page.find("html")[0].attrs["lang"] == "de"
    for page in html_pages(project.site):
        if page.name == "404.html":
            continue
        html = parse(page)
        names = [e.attrs.get("lang") for e in html.find("a", class_="kb-lang-switch__link")]
        names += [e.attrs.get("lang") for e in html.find("span", class_="kb-lang-switch__current")]
        assert sorted(names) == ["bg", "de", "en"], page
    assert broken_links(project.site) == []
    assert "Missing text in Deutsch" in (project.site / "de" / "translation-status" / "index.html").read_text(encoding="utf-8")
    # The same field in a language the site does not have is refused, with its line.
    measure.write_text(text.replace("  de: Erste", "  fr: Erste"), encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        load_site(project)
    assert [(p.code, p.position.line) for p in refused.value.problems] == [("unknown_field", 5)]


# --- mistakes after validation: a template's, two pages on one address ---------------------


def test_a_template_mistake_names_the_template_line_and_the_record_without_a_traceback(tmp_path: Path):
    project = fixture_project(tmp_path / "project")
    (project.root / "templates").mkdir()
    own = (REPO / "generator" / "templates" / "measure.md.j2").read_text(encoding="utf-8")
    lines = own.split("\n")
    lines.insert(4, "{{ measure.titel }}")
    (project.root / "templates" / "measure.md.j2").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ContentError) as failed:
        render(project, load_site(project))
    problems = failed.value.problems
    assert {p.path for p in problems} == {"templates/measure.md.j2"}
    assert {p.position.line for p in problems} == {5}
    assert {p.params["page"] for p in problems} == {"measures/first-measure.md", "measures/second-measure.md"}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project.root), "--lang", "bg", "build"],
        capture_output=True, text=True, cwd=REPO,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "templates/measure.md.j2:5:1: грешка: Страницата measures/first-measure.md (на записа content/measures/first-measure.yaml)" in result.stderr
    assert not project.site.exists()


def test_two_pages_on_one_address_are_told_at_validate_with_both_files(employer_project: Project):
    project = employer_project
    # A record of the new kind on the measures' addresses, with a measure's name.
    clash = Kind("rival", Employer, "rivals/*.yaml", "measures/{slug}.md", "rivals", title_field="name")
    (project.content / "rivals").mkdir()
    (project.content / "rivals" / "first-measure.yaml").write_text(EMPLOYER_RECORD, encoding="utf-8")
    with REGISTRY.registered(clash):
        for lang, words in (("bg", "същият адрес е нужен и на content/measures/first-measure.yaml"),
                            ("en", "but content/measures/first-measure.yaml needs the same address")):
            result = subprocess_validate(project, lang, "text")
            assert result[0] == 1 and "Traceback" not in result[1]
            assert "content/rivals/first-measure.yaml:1:1: " in result[1] and words in result[1], result[1]
        code, output = subprocess_validate(project, "bg", "github")
        assert code == 1
        assert "::error file=content/rivals/first-measure.yaml,line=1,col=1," in output
        assert "::error file=content/measures/first-measure.yaml,line=1,col=1," in output


def test_a_measure_named_like_a_group_page_is_refused_at_validate(tmp_path: Path, capsys):
    project = fixture_project(tmp_path / "project")
    # A measure named "none" would sit where the practices linked to no measure are listed.
    shutil.copy(project.content / "measures" / "second-measure.yaml", project.content / "measures" / "none.yaml")
    (project.content / "measures" / "none.yaml").write_text(
        (project.content / "measures" / "none.yaml").read_text(encoding="utf-8").replace("number: 2", "number: 9"), encoding="utf-8"
    )
    practices = project.content / "regions" / "alpha" / "practices"
    (practices / "unlinked.yaml").write_text(UNLINKED_PRACTICE, encoding="utf-8")
    (practices / "linked.yaml").write_text(UNLINKED_PRACTICE + "measures: [none]\n", encoding="utf-8")
    assert main(["--root", str(project.root), "--lang", "en", "validate"]) == 1
    err = capsys.readouterr().err
    # Its practices' list and the list of practices linked to no measure: one address.
    assert "error: This record's page would be at /practices/by-measure/none/" in err, err
    assert "one of the site's own pages (/practices/by-measure/none/)" in err


UNLINKED_PRACTICE = """\
title:
  bg: Практика без мярка
summary:
  bg: Описание.
target_groups: [women_survivors]
implementing_actors:
  - name:
      bg: Организация
    type: ngo
sources:
  - title: Fixture source
    url: https://wegoproject.eu/fixture
"""


def subprocess_validate(project: Project, lang: str, fmt: str) -> tuple[int, str]:
    """`validate` in this process (the fixture kind is registered here), output captured."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(project.root), "--lang", lang, "validate", "--format", fmt])
    return code, out.getvalue() + err.getvalue()
