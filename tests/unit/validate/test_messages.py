"""validate's messages: what a partner reads — file, line, field in words, what to do, a
suggestion for a misspelling — in Bulgarian (and English), as text, GitHub annotations or JSON."""

from __future__ import annotations

import json
import re

from generator.problems import Position, Problem, format_github
from generator.project import Project

MEASURE = "measures/first-measure.yaml"
PRACTICE = "regions/alpha/practices/good-one.yaml"


def edit(project: Project, relative: str, old: str, new: str) -> None:
    path = project.content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def validate(cli, project: Project, *args: str, lang: str = "bg"):
    return cli("--root", str(project.root), "--lang", lang, "validate", *args)


def test_typo_in_field_name_points_at_the_key_and_suggests_the_fix(cli, project):
    edit(project, MEASURE, "title:", "titel:")
    result = validate(cli, project, lang="en")
    assert result.code == 1
    assert "content/measures/first-measure.yaml:2:1: error: Unknown field 'titel' — did you mean 'title'?" in result.err
    assert "The required field 'Name (title)' is missing" in result.err


def test_messages_in_bulgarian_and_github_annotations(cli, project):
    edit(project, MEASURE, "title:", "titel:")
    text = validate(cli, project)
    assert text.code == 1
    assert "content/measures/first-measure.yaml:2:1: грешка: Непознато поле „titel“ — може би „title“?" in text.err
    github = validate(cli, project, "--format", "github")
    assert github.code == 1
    assert "::error file=content/measures/first-measure.yaml,line=2,col=1,title=Грешка в съдържанието::Непознато поле" in github.out
    as_json = validate(cli, project, "--format", "json", lang="en")
    assert as_json.code == 1
    rows = json.loads(as_json.out)
    assert {"path", "line", "column", "code", "message"} <= set(rows[0])
    assert {(row["path"], row["line"], row["column"]) for row in rows} >= {("content/measures/first-measure.yaml", 2, 1)}


def test_placeholders_fail_naming_the_field_to_fill(cli, project):
    edit(project, PRACTICE, "Жени създават собствен бизнес.", "'ЗА ПОПЪЛВАНЕ: Какво е направено.'")
    edit(project, MEASURE, "https://source.test/", "https://example.org/")
    result = validate(cli, project)
    assert result.code == 1
    text = "\n".join(result.errors())
    assert "„Описание → Български“ още не е попълнено" in text
    assert "„Източници (№ 1) → Адрес“ още сочи към примерен адрес (https://example.org/" in text


def test_three_typical_mistakes_are_reported_in_one_run_with_suggestions(cli, project):
    """A wrong field name, a wrong measure slug, a wrong allowed value — all at once."""
    edit(project, PRACTICE, "\nsummary:", "\nsumary:")
    edit(project, PRACTICE, "first-measure", "first-mesure")
    edit(project, PRACTICE, "women_survivors", "women_survivor")
    result = validate(cli, project)
    assert result.code == 1
    found = result.errors()
    joined = "\n".join(found)
    assert "Непознато поле „sumary“ — може би „summary“?" in joined
    assert "В „Мерки (№ 1)“ няма запис от вида „мярка“ с име „first-mesure“ — може би „first-measure“?" in joined
    assert "Стойността „women_survivor“ в „За кого е (№ 1)“ не е позволена — може би „women_survivors“?" in joined
    assert "Липсва задължителното поле „Описание“" in joined  # the misspelt field's other half
    assert len(found) == 4 and "4 проблема в 1 файл. Поправете и проверете отново с ./kb validate." in result.err


def test_a_value_typed_as_its_bulgarian_label_gets_the_right_code(cli, project):
    edit(project, PRACTICE, "women_survivors", "Жени, преживели насилие")
    result = validate(cli, project)
    assert result.code == 1
    assert "може би „women_survivors“?" in "\n".join(result.errors())


def bulgarian_only(message: str) -> str:
    """What a Bulgarian message says outside its quotations, file path and field path."""
    text = message.split(": грешка: ", 1)[1]
    text = re.sub(r"„[^“]*“", "", text)  # quoted values and names are what the partner wrote or must type
    text = re.sub(r"https?://\S+|content/\S+|python -m generator[^.)]*|\(U\+[0-9A-F]{4}\)", "", text)
    return text


def test_bulgarian_messages_are_bulgarian(cli, project):
    edit(project, PRACTICE, "\nsummary:", "\nsumary:")
    edit(project, PRACTICE, "first-measure", "nothing-like-it")
    edit(project, PRACTICE, "women_survivors", "zzz")
    edit(project, MEASURE, "number: 1", "number: first")
    (project.content / "measures" / "broken.yaml").write_text("number: 2\ntitle: [\n", encoding="utf-8")
    (project.content / "measures" / "empty.yaml").write_text("sources: []\n", encoding="utf-8")
    result = validate(cli, project)
    found = result.errors()
    assert len(found) >= 10
    for message in found:
        rest = bulgarian_only(message)
        assert not re.search(r"[A-Za-z]{2,}", rest.replace("YAML", "").replace("UTF-8", "")), message
        assert not re.search(r"\[\d+\]|\w\.\w|\(а\)|'|\"|“[^“]", rest), message
    summary = result.err.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ проблема в 4 файла\. Поправете и проверете отново с \./kb validate\.", summary), summary


def test_counts_agree_with_their_noun(cli, project):
    edit(project, MEASURE, "number: 1", "number: first")
    result = validate(cli, project)
    assert result.err.strip().splitlines()[-1] == "1 проблем в 1 файл. Поправете и проверете отново с ./kb validate."


def test_measure_numbers_are_unique(cli, project):
    edit(project, "measures/second-measure.yaml", "number: 2", "number: 1")
    result = validate(cli, project)
    assert result.code == 1
    assert "„Номер“ е „1“ и в content/measures/first-measure.yaml" in result.err


def test_format_github_escapes_every_property():
    problem = Problem("a,b:c\r\n%.yaml", Position(3, 4), "generic", {"field": "x", "detail": "line\nbreak 100%"})
    command = format_github(problem, "en")
    assert command.count("\n") == 0 and command.count("::") == 2
    assert "file=a%2Cb%3Ac%0D%0A%25.yaml,line=3,col=4" in command and "line%0Abreak 100%25" in command


def test_a_newline_in_a_file_name_cannot_inject_a_workflow_command(cli, project):
    name = "evil\n::error file=x::injected.yaml"
    (project.content / "measures" / name).write_text("number: 5\n", encoding="utf-8")
    result = validate(cli, project, "--format", "github")
    assert result.code == 1
    lines = result.out.splitlines()
    assert all(line.startswith("::error file=") for line in lines)
    assert not any(line.startswith("::error file=x::") for line in lines)
    assert [line for line in lines if "evil" in line]
    assert all("evil%0A%3A%3Aerror file=x%3A%3Ainjected.yaml" in line for line in lines if "evil" in line)
    assert "[U+000A]::error" in validate(cli, project).err  # printed as one line in text too


def test_invisible_characters_in_a_value_are_shown_in_the_message(cli, project):
    """A zero-width joiner in a reference made the message read „Няма „alpha“ … може би
    „alpha“?“ — two names that look the same. They are shown, as in file names."""
    edit(project, "regions/alpha/region.yaml", "centre: ", "centre: \u200d")
    result = validate(cli, project)
    assert result.code == 1
    messages = [m for m in result.errors() if "region.yaml" in m]
    assert messages and all("„[U+200D]centre-a“" in m and "\u200d" not in m for m in messages), messages
    assert any("може би „centre-a“" in m for m in messages)
