"""preview: one record's page from what the web form holds — the validator's messages (the
command line's words) while the record has errors, else the page's HTML by the site's rules
(the renderer's Markdown, Python-Markdown with the MkDocs build's extensions) — with nothing
written to the content folder."""

from __future__ import annotations

import copy
import re
import unicodedata
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml

from generator.preview import Preview, form_file, markdown_extensions, preview
from generator.problems import messages
from generator.project import Project

PRACTICE = "content/regions/alpha/practices/good-one.yaml"  # the fixture's practice
NEW_PRACTICE = "content/regions/alpha/practices/brand-new.yaml"

# The fixture practice as the form holds it: the hidden slug, blank fields, texts' draft flags.
FORM: dict[str, Any] = {
    "slug": "good-one",
    "title": {"bg": "Добра практика едно", "en": "Good practice one", "draft": False},
    "summary": {"bg": "Жени създават **собствен** бизнес.", "en": "Women start their own business.", "draft": False},
    "country": "BG",
    "measures": ["first-measure"],
    "target_groups": ["women_survivors"],
    "implementing_actors": [{"name": {"bg": "Център А", "en": "Centre A"}, "type": "crisis_centre", "partner": "centre-a"}],
    "innovative_aspect": {"bg": "", "en": "", "draft": False},
    "period": {"start": "", "end": None, "note": {"bg": "", "en": ""}},
    "funding": None,
    "results": {"bg": "   "},
    "maturity": "",
    "sources": [{"title": "Fixture source", "url": "https://source.test/source", "publisher": ""}],
    "review": {"state": "draft", "by": "", "date": None},
}


def form(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(FORM)
    data.update(changes)
    return data


def phrase(code: str, lang: str = "bg", **params: Any) -> str:
    """A message of the catalogue, up to its first parameter left unfilled."""
    text = str(messages()[code][lang])
    for name, value in params.items():
        text = text.replace("{" + name + "}", str(value))
    return text.split("{", 1)[0]


def only_problems(result: Preview) -> list[str]:
    assert result.html == ""
    assert result.problems
    return result.problems


# --- a valid record: its page as HTML ------------------------------------------------------------


def test_a_valid_practice_is_its_page_in_html(project: Project):
    result = preview(project, PRACTICE, form())
    assert result.problems == []
    assert re.search(r'<h1 id="[a-z0-9-]+">Добра практика едно</h1>', result.html)
    # block text: Markdown by the site's rules (render.clean_html), inside the page's own HTML
    assert '<div class="kb-text"><p>Жени създават <strong>собствен</strong> бизнес.</p></div>' in result.html
    assert '<a href="../measures/first-measure.md">1. Първа мярка за детска градина</a>' in result.html
    assert not result.html.startswith("---")  # the front matter is MkDocs' metadata, not content


def test_script_in_partner_text_is_cleaned_away(project: Project):
    summary = {"bg": "Жени създават бизнес.<script>alert('x')</script> <em>Заедно</em>.", "en": "Women."}
    result = preview(project, PRACTICE, form(summary=summary))
    assert result.problems == []
    assert "<script" not in result.html and "alert(" not in result.html
    assert "<p>Жени създават бизнес. <em>Заедно</em>.</p>" in result.html


def test_the_page_is_made_in_the_requested_language(project: Project):
    result = preview(project, PRACTICE, form(), lang="en")
    assert re.search(r'<h1 id="[a-z0-9-]+">Good practice one</h1>', result.html)
    assert "<p>Women start their own business.</p>" in result.html


def test_the_builds_markdown_extensions_make_the_html(project: Project):
    names, settings = markdown_extensions(project)
    assert {"toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html"} <= set(names)  # MkDocs' built-ins and mkdocs.yml's
    assert settings["toc"] == {"permalink": False}
    draft_summary = {"bg": "Жени създават бизнес.", "en": "Women.", "draft": True}
    result = preview(project, PRACTICE, form(summary=draft_summary))
    assert '<div class="admonition info">' in result.html  # the draft notice: `!!! info` (admonition)
    assert '<p class="kb-kind">' in result.html  # `{: .kb-kind }` (attr_list)


# --- records with errors: the validator's messages ---------------------------------------------


def test_a_reversed_period_is_told_in_the_validators_words(project: Project):
    problems = only_problems(preview(project, PRACTICE, form(period={"start": "2024-03", "end": "2022"})))
    assert len(problems) == 1
    assert problems[0].startswith(f"{PRACTICE}:")
    assert phrase("period_reversed", found="2022") in problems[0]  # „Краят на периода (2022) е преди началото му …“


def test_a_missing_required_field_is_told_in_bulgarian(project: Project):
    data = form()
    del data["summary"]
    [problem] = only_problems(preview(project, PRACTICE, data))
    assert phrase("missing_field", field="Описание") in problem  # „Липсва задължителното поле „Описание“ …“


def test_a_text_blanked_in_the_form_is_a_missing_field(project: Project):
    """The form leaves out an empty text, so the file has no summary at all."""
    [problem] = only_problems(preview(project, PRACTICE, form(summary={"bg": " ", "en": "", "draft": False})))
    assert phrase("missing_field", field="Описание") in problem


def test_a_reference_to_a_measure_that_does_not_exist(project: Project):
    [problem] = only_problems(preview(project, PRACTICE, form(measures=["zzz"])))
    # „В „Мерки (№ 1)“ няма запис от вида „мярка“ с име „zzz“. Възможни стойности: …“
    assert phrase("unknown_reference", field="Мерки (№ 1)", kind="мярка", found="zzz") in problem


def test_a_number_another_measure_has_is_told_though_the_other_file_carries_it(project: Project):
    """The second of two files with one number is told, naming the first: a new measure
    sorted before the fixture's is still told that its number is taken."""
    measure = {
        "number": 1,
        "title": {"bg": "Още една мярка", "en": "One more measure"},
        "summary": {"bg": "Описание.", "en": "Summary."},
        "helps": {"bg": "Майки.", "en": "Mothers."},
        "implementers": {"actors": ["municipality"]},
        "sources": [{"title": "Source", "url": "https://source.test/other"}],
    }
    problems = only_problems(preview(project, "content/measures/another-measure.yaml", measure))
    assert any("content/measures/another-measure.yaml" in problem and "„Номер“" in problem for problem in problems), problems


def test_messages_are_the_command_lines_for_the_file_the_form_would_save(project: Project, cli):
    data = form(period={"start": "2024-03", "end": "2022"}, measures=["no-such-measure"], maturity="great")
    result = preview(project, PRACTICE, data)
    (project.content / "regions/alpha/practices/good-one.yaml").write_text(
        form_file(PurePosixPath("regions/alpha/practices/good-one.yaml"), data), encoding="utf-8"
    )
    ran = cli("--root", str(project.root), "--lang", "bg", "validate")
    assert result.problems == ran.errors()


def test_english_messages_for_an_english_page(project: Project):
    data = form()
    del data["target_groups"]
    [problem] = only_problems(preview(project, PRACTICE, data, lang="en"))
    assert ": error: " in problem and phrase("missing_field", "en") in problem


# --- the file on disk, new records ---------------------------------------------------------------


def test_an_edited_record_shows_the_forms_value_and_leaves_the_file_alone(project: Project):
    path = project.content / "regions/alpha/practices/good-one.yaml"
    before = path.read_bytes(), path.stat().st_mtime_ns
    result = preview(project, PRACTICE, form(title={"bg": "Ново име на практиката", "en": "A new name"}))
    assert re.search(r"<h1[^>]*>Ново име на практиката</h1>", result.html)
    assert "Добра практика едно" not in result.html
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_new_record_is_previewed_without_a_file(project: Project):
    before = sorted(project.content.rglob("*"))
    result = preview(project, NEW_PRACTICE, form(slug="brand-new", title={"bg": "Съвсем нова практика"}))
    assert result.problems == []
    assert re.search(r"<h1[^>]*>Съвсем нова практика</h1>", result.html)
    assert sorted(project.content.rglob("*")) == before


def test_the_record_on_disk_is_read_again_once_changed(project: Project):
    """The other files are remembered between previews, and checked again once they change:
    a measure renamed on disk is named so on the next preview of a practice."""
    assert "Първа мярка за детска градина" in preview(project, PRACTICE, form()).html
    measure = project.content / "measures/first-measure.yaml"
    measure.write_text(measure.read_text(encoding="utf-8").replace("Първа мярка", "Преименувана мярка"), encoding="utf-8")
    assert "Преименувана мярка за детска градина" in preview(project, PRACTICE, form()).html


# --- what the form writes ------------------------------------------------------------------------


def test_the_form_file_leaves_out_what_the_form_leaves_out():
    text = form_file(PurePosixPath("regions/alpha/practices/good-one.yaml"), form())
    assert text.startswith("# yaml-language-server: $schema=../../../../schemas/practice.schema.json\n")
    for absent in ("slug", "innovative_aspect", "period", "funding", "results", "maturity", "publisher", "draft:", "by:", "date:"):
        assert absent not in text
    keys = [line.split(":")[0] for line in text.splitlines()[1:] if line and not line.startswith((" ", "-"))]
    assert keys == ["title", "summary", "country", "measures", "target_groups", "implementing_actors", "sources", "review"]


def test_the_form_file_is_cleaned_as_the_form_cleans_it():
    """Line and paragraph separators become line breaks, control characters go, letters are
    composed, outer spaces trimmed; a word YAML 1.1 would read as a boolean stays a string."""
    title = {"bg": "  Ред\u2028две\x07 " + unicodedata.normalize("NFD", "й") + " ", "en": "yes"}
    text = form_file(PurePosixPath("measures/x.yaml"), {"title": title, "number": 3})
    assert yaml.safe_load(text) == {"title": {"bg": "Ред\nдве й", "en": "yes"}, "number": 3}


# --- never a traceback ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"title": 5, "summary": ["a", {"b": None}]},
        {"title": {"bg": object()}},
        {"title": {"bg": "x" * 600_000}},
        {"review": {"date": "2024-02-30"}},
        {"period": {"start": "1e3", "end": float("nan")}},
        {"implementing_actors": [[[[[[[[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]]]]]]]},
    ],
)
def test_bad_data_gives_problems_not_a_traceback(project: Project, data: dict[str, Any]):
    result = preview(project, PRACTICE, data)
    assert result.html == "" and result.problems
    assert all(problem.startswith(PRACTICE) for problem in result.problems)


@pytest.mark.parametrize("relative", ["../outside.yaml", "content/../../etc/x.yaml", "content/nowhere/x.yaml", "/etc/passwd", ""])
def test_a_path_outside_the_records_places_is_a_problem(project: Project, relative: str):
    result = preview(project, relative, form())
    assert result.html == "" and len(result.problems) == 1
    assert phrase("unknown_location") in result.problems[0]


def test_a_language_the_site_does_not_have_is_a_problem(project: Project):
    result = preview(project, PRACTICE, form(), lang="xx")
    assert result.html == "" and len(result.problems) == 1 and "xx" in result.problems[0]


def test_nothing_is_written_under_the_project(project: Project):
    before = {path: path.stat().st_mtime_ns for path in Path(project.root).rglob("*")}
    preview(project, PRACTICE, form())
    preview(project, NEW_PRACTICE, form(measures=["no-such-measure"]))
    assert {path: path.stat().st_mtime_ns for path in Path(project.root).rglob("*")} == before


def test_a_record_marked_to_be_deleted_has_no_page_and_no_problem(project: Project):
    """„Да се изтрие“ is a valid state: the site does not publish the record, so there is no page to show."""
    shown = preview(project, PRACTICE, form(review={"state": "withdrawn"}))
    assert shown.problems == [] and "<h1" not in shown.html  # no page, and the pane says why
    assert "отбелязан „Да се изтрие“: щом промяната бъде приета, страницата му изчезва от сайта." in shown.html
