"""Values YAML would convert, or that could hurt a reader or the machine, are reported with
their position — never raised: impossible dates, huge integers, control characters,
path-like references, alias amplification, bracket runs."""

from __future__ import annotations

import re

import pytest

from generator.project import Project
from generator.validate import validate_content

MEASURE = "measures/first-measure.yaml"
PRACTICE = "regions/alpha/practices/good-one.yaml"


def edit(project: Project, relative: str, old: str, new: str) -> None:
    path = project.content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def validate(cli, project: Project, lang: str = "bg"):
    return cli("--root", str(project.root), "--lang", lang, "validate")


@pytest.mark.parametrize("value", ["../../etc/passwd", "/etc/passwd", "..", "a/b"])
def test_path_like_references_are_refused(cli, project: Project, value: str):
    edit(project, PRACTICE, "measures: [first-measure]", f"measures: ['{value}']")
    result = validate(cli, project, lang="en")
    assert result.code == 1
    assert [m for m in result.errors() if m.startswith("content/regions/alpha/practices/good-one.yaml:7:")]


@pytest.mark.parametrize("value", ["2021-02-30", "2021-13-01"])
def test_impossible_dates_are_reported_not_raised(cli, project: Project, value: str):
    edit(project, MEASURE, "sources:", f"review:\n  state: draft\n  date: {value}\nsources:")
    result = validate(cli, project)
    assert result.code == 1
    [message] = result.errors()
    assert re.fullmatch(rf"content/{MEASURE}:\d+:\d+: грешка: „Преглед → Дата“ трябва да е дата във вида ГГГГ-ММ-ДД.*", message), message


def test_a_date_like_text_stays_text(project: Project):
    edit(project, MEASURE, "number: 1", "number: 1\nsteps:\n  - bg: 2021-13-01")
    loaded, problems = validate_content(project.content, project.root)
    assert problems == []
    [measure] = [item.record for item in loaded if item.record.slug == "first-measure"]
    assert measure.steps[0].bg == "2021-13-01"


def test_an_integer_too_long_to_convert(cli, project: Project):
    edit(project, MEASURE, "number: 1", "number: " + "9" * 5000)
    result = validate(cli, project)
    assert result.code == 1
    assert f"content/{MEASURE}:1:9: грешка: Стойността „999" in result.err


@pytest.mark.parametrize("text", ['"Ред\\x07звън"', '"\\x1b[31mчервено"', "!!binary 0L/RgNC40LzQtdGA"])
def test_control_characters_are_refused(cli, project: Project, text: str):
    edit(project, MEASURE, "number: 1", f"number: 1\nlegal_note:\n  bg: {text}")
    result = validate(cli, project)
    assert result.code == 1
    assert re.search(rf"{MEASURE}:\d+:\d+: грешка: (Текстът съдържа невидим управляващ знак|Етикетът)", result.err), result.err


def test_aliases_cannot_amplify_a_small_file(cli, project: Project):
    text = "&x " + "Дълъг текст. " * 2000
    aliases = ", ".join(["*x"] * 200)
    (project.content / "measures" / "amplified.yaml").write_text(f"number: 6\nnote: {text}\nsteps: [{aliases}]\n", encoding="utf-8")
    assert (project.content / "measures" / "amplified.yaml").stat().st_size < 60_000
    result = validate(cli, project)
    assert result.code == 1
    assert "amplified.yaml:2:7: грешка: Файлът става твърде голям след разгръщане на псевдонимите" in result.err


def test_runs_of_brackets_fail_the_record_not_the_machine(cli, project: Project):
    edit(project, MEASURE, "number: 1", "number: 1\nlegal_note:\n  bg: '" + "[" * 5000 + "'")
    result = validate(cli, project)
    assert result.code == 1
    assert "„Бележка за правната основа → Български“ съдържа твърде много квадратни скоби" in result.err
