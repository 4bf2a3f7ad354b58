"""Stage 2: every kind of content error, reported with file, line, field and what to do."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO

from generator.cli import main
from generator.validate import validate_content

MEASURE = "measures/first-measure.yaml"


def run(project, *args, capsys=None):
    code = main(["--root", str(project.root), "--lang", "en", *args])
    return code


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


def test_typo_in_field_name_points_at_the_key_and_suggests_the_fix(project, write, capsys):
    text = (project.content / MEASURE).read_text(encoding="utf-8").replace("title:", "titel:", 1)
    write(MEASURE, text)
    assert run(project, "validate") == 1
    err = capsys.readouterr().err
    assert "content/measures/first-measure.yaml:2:1: error: Unknown field 'titel' — did you mean 'title'?" in err
    assert "The required field 'Name (title)' is missing" in err


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


def test_messages_in_bulgarian_and_github_annotations(project, write, capsys):
    text = (project.content / MEASURE).read_text(encoding="utf-8").replace("title:", "titel:", 1)
    write(MEASURE, text)
    assert main(["--root", str(project.root), "--lang", "bg", "validate"]) == 1
    err = capsys.readouterr().err
    assert "content/measures/first-measure.yaml:2:1: грешка: Непознато поле „titel“ — може би „title“?" in err
    assert main(["--root", str(project.root), "--lang", "bg", "validate", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert "::error file=content/measures/first-measure.yaml,line=2,col=1,title=Грешка в съдържанието::Непознато поле" in out
    assert main(["--root", str(project.root), "--lang", "en", "validate", "--format", "json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert {"path", "line", "column", "code", "message"} <= set(rows[0])


def test_validate_selected_paths_only(project, write, capsys):
    write("partners/bad-two.yaml", "name: [unclosed\n")
    assert run(project, "validate", str(project.content / "measures")) == 0
    assert run(project, "validate", str(project.content / "partners")) == 1


def test_command_line_exit_codes_and_no_traceback(project, write):
    ok = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project.root), "validate"], capture_output=True, text=True, cwd=REPO
    )
    assert ok.returncode == 0
    usage = subprocess.run([sys.executable, "-m", "generator", "frobnicate"], capture_output=True, text=True, cwd=REPO)
    assert usage.returncode == 2
    missing = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project.root), "validate", "/nonexistent.yaml"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert missing.returncode == 2
    write("measures/broken.yaml", "number: [1\n")
    bad = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project.root), "--lang", "en", "build"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert "content/measures/broken.yaml:2:1: error: The file is not valid YAML" in bad.stderr


def test_message_language_follows_the_locale(project, write):
    write("measures/broken.yaml", "number: 1\ntitel: x\n")
    command = [sys.executable, "-m", "generator", "--root", str(project.root), "validate"]
    import os

    base = {k: v for k, v in os.environ.items() if k not in {"LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "WEGO_LANG"}}
    bulgarian = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env={**base, "LANG": "bg_BG.UTF-8"})
    english = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env={**base, "LANG": "en_GB.UTF-8"})
    assert "грешка: Непознато поле „titel“" in bulgarian.stderr
    assert "error: Unknown field 'titel'" in english.stderr
