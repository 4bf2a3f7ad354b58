"""validate: every kind of content error becomes a problem with its code, file, line and field."""

from __future__ import annotations

from conftest import REPO

from generator.validate import validate_content

MEASURE = "measures/first-measure.yaml"


def problems_of(project):
    _, problems = validate_content(project.content, project.root)
    return problems


def test_fixture_and_real_content_are_valid(project):
    assert problems_of(project) == []
    real_loaded, real_problems = validate_content(REPO / "content", REPO)
    assert real_problems == []
    kinds = {item.kind.name for item in real_loaded}
    assert kinds == {"measure", "region", "protocol", "practice", "partner", "meeting", "pilot", "topic", "help", "search_words"}
    assert sum(item.kind.name == "measure" for item in real_loaded) == 7


def test_missing_required_field(project, write):
    text = (project.content / MEASURE).read_text(encoding="utf-8")
    write(MEASURE, text.replace("helps:\n  bg: Майки.\n  en: Mothers.\n", ""))
    [found] = problems_of(project)
    assert found.code == "missing_field" and found.params["field"]["path"] == "helps"
    assert found.path == "content/" + MEASURE


def test_wrong_type_and_value_outside_allowed_set(project, write):
    text = (project.content / MEASURE).read_text(encoding="utf-8")
    text = text.replace("number: 1", "number: first").replace("state: discussed", "state: maybe")
    write(MEASURE, text)
    found = {p.code: p for p in problems_of(project)}
    assert found["wrong_type"].position.line == 1 and found["wrong_type"].params["field"]["path"] == "number"
    assert found["not_allowed"].params["field"]["path"] == "regions[0].state"
    assert found["not_allowed"].position.line == 15
    assert "'discussed'" in found["not_allowed"].params["allowed"]["en"] and "„discussed“ (Обсъдена на срещите)" in found["not_allowed"].params["allowed"]["bg"]


def test_plain_string_where_bilingual_text_is_expected(project, write):
    text = (project.content / MEASURE).read_text(encoding="utf-8")
    write(MEASURE, text.replace("helps:\n  bg: Майки.\n  en: Mothers.\n", "helps: Майки\n"))
    [found] = problems_of(project)
    assert found.code == "text_not_bilingual" and found.position.line == 8


def test_duplicate_key_is_reported_not_silently_overwritten(project, write):
    text = (project.content / MEASURE).read_text(encoding="utf-8")
    write(MEASURE, text + "number: 3\n")
    [found] = problems_of(project)
    assert found.code == "duplicate_key" and found.params["first_line"] == 1


def test_two_records_with_the_same_slug(project, write):
    practice = (project.content / "regions/alpha/practices/good-one.yaml").read_text(encoding="utf-8")
    region = (project.content / "regions/alpha/region.yaml").read_text(encoding="utf-8")
    write("regions/beta/region.yaml", region)
    write("regions/beta/practices/good-one.yaml", practice)
    [found] = problems_of(project)
    assert found.code == "duplicate_slug"
    assert found.params["other"] == "content/regions/alpha/practices/good-one.yaml"


def test_reference_to_a_record_that_does_not_exist(project, write):
    text = (project.content / "regions/alpha/practices/good-one.yaml").read_text(encoding="utf-8")
    write(
        "regions/alpha/practices/good-one.yaml", text.replace("measures: [first-measure]", "measures: [first-measure, no-such]")
    )
    [found] = problems_of(project)
    assert found.code == "unknown_reference"
    assert (found.params["field"]["path"], found.params["found"]) == ("measures[1]", "no-such")
    assert found.position == (7, 27)


def test_every_problem_in_every_file_in_one_run(project, write):
    write("measures/bad-one.yaml", "number: 9\ntitel: x\n")
    write("partners/bad-two.yaml", "name: [unclosed\n")
    write("measures/Bad_Name.yaml", "number: 3\n")
    problems = problems_of(project)
    paths = {p.path for p in problems}
    assert paths == {"content/measures/bad-one.yaml", "content/partners/bad-two.yaml", "content/measures/Bad_Name.yaml"}
    assert any(p.code == "bad_file_name" for p in problems)
    assert len([p for p in problems if p.path.endswith("bad-one.yaml")]) >= 5  # titel + 5 missing fields


def test_file_in_an_unknown_place(project, write):
    write("measure/typo-folder.yaml", "number: 1\n")
    [found] = problems_of(project)
    assert found.code == "unknown_location"
