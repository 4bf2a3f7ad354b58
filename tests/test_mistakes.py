"""Issue 12: every mistake a partner or an attacker can make gets a clear answer in
Bulgarian, and nothing slips through. One named test per kind of mistake."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO

from generator.build import build
from generator.problems import Position, Problem, format_github
from generator.project import Project

MEASURE = "measures/first-measure.yaml"
PRACTICE = "regions/alpha/practices/good-one.yaml"


def run(project: Project, *args: str, lang: str = "bg") -> subprocess.CompletedProcess[str]:
    """The command line as a person runs it: a separate process, its output as printed."""
    command = [sys.executable, "-m", "generator", *args, "--root", str(project.root), "--lang", lang]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)


def edit(project: Project, relative: str, old: str, new: str) -> None:
    path = project.content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def messages(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": грешка: " in line or ": error: " in line]


# --- partners ---------------------------------------------------------------------------------


def test_options_are_accepted_after_the_command(project: Project):
    for args in (["validate", "--lang", "bg"], ["--lang", "bg", "validate"], ["validate", "--lang=bg", "-v"]):
        result = subprocess.run(
            [sys.executable, "-m", "generator", *args, "--root", str(project.root)], cwd=REPO, capture_output=True, text=True
        )
        assert result.returncode == 0 and "Съдържанието е наред." in result.stderr, args


def test_partners_have_one_command_that_works_from_a_clone(project: Project):
    result = subprocess.run([str(REPO / "kb"), "validate"], cwd=project.root, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "Съдържанието е наред." in result.stderr  # Bulgarian by default
    result = subprocess.run([str(REPO / "kb"), "status", "--lang", "en"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 and "Records in draft" in result.stdout


def test_placeholders_fail_naming_the_field_to_fill(project: Project):
    edit(project, PRACTICE, "Жени създават собствен бизнес.", "'ЗА ПОПЪЛВАНЕ: Какво е направено.'")
    edit(project, MEASURE, "https://source.test/", "https://example.org/")
    result = run(project, "validate")
    assert result.returncode == 1
    text = "\n".join(messages(result))
    assert "„Описание → Български“ още не е попълнено" in text
    assert "„Източници (№ 1) → Адрес“ още сочи към примерен адрес (https://example.org/" in text


def test_three_typical_mistakes_are_reported_in_one_run_with_suggestions(project: Project):
    """A wrong field name, a wrong measure slug, a wrong allowed value — all at once."""
    edit(project, PRACTICE, "\nsummary:", "\nsumary:")
    edit(project, PRACTICE, "first-measure", "first-mesure")
    edit(project, PRACTICE, "women_survivors", "women_survivor")
    result = run(project, "validate")
    assert result.returncode == 1
    found = messages(result)
    joined = "\n".join(found)
    assert "Непознато поле „sumary“ — може би „summary“?" in joined
    assert "В „Мерки (№ 1)“ няма запис от вида „мярка“ с име „first-mesure“ — може би „first-measure“?" in joined
    assert "Стойността „women_survivor“ в „За кого е (№ 1)“ не е позволена — може би „women_survivors“?" in joined
    assert "Липсва задължителното поле „Описание“" in joined  # the misspelt field's other half
    assert len(found) == 4 and "4 проблема в 1 файл. Съдържанието не е публикувано." in result.stderr


def test_a_value_typed_as_its_bulgarian_label_gets_the_right_code(project: Project):
    edit(project, PRACTICE, "women_survivors", "Жени, преживели насилие")
    found = "\n".join(messages(run(project, "validate")))
    assert "може би „women_survivors“?" in found


def bulgarian_only(message: str) -> str:
    """What a Bulgarian message says outside its quotations, file path and field path."""
    text = message.split(": грешка: ", 1)[1]
    text = re.sub(r"„[^“]*“", "", text)  # quoted values and names are what the partner wrote or must type
    text = re.sub(r"https?://\S+|content/\S+|python -m generator[^.)]*|\(U\+[0-9A-F]{4}\)", "", text)
    return text


def test_bulgarian_messages_are_bulgarian(project: Project):
    edit(project, PRACTICE, "\nsummary:", "\nsumary:")
    edit(project, PRACTICE, "first-measure", "nothing-like-it")
    edit(project, PRACTICE, "women_survivors", "zzz")
    edit(project, MEASURE, "number: 1", "number: first")
    (project.content / "measures" / "broken.yaml").write_text("number: 2\ntitle: [\n", encoding="utf-8")
    (project.content / "measures" / "empty.yaml").write_text("sources: []\n", encoding="utf-8")
    result = run(project, "validate")
    found = messages(result)
    assert len(found) >= 10
    for message in found:
        rest = bulgarian_only(message)
        assert not re.search(r"[A-Za-z]{2,}", rest.replace("YAML", "").replace("UTF-8", "")), message
        assert not re.search(r"\[\d+\]|\w\.\w|\(а\)|'|\"|“[^“]", rest), message
    summary = result.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ проблема в 4 файла\. Съдържанието не е публикувано\.", summary), summary


def test_measure_numbers_are_unique(project: Project):
    edit(project, "measures/second-measure.yaml", "number: 2", "number: 1")
    result = run(project, "validate")
    assert result.returncode == 1
    assert "„Номер“ е „1“ и в content/measures/first-measure.yaml" in result.stderr


# --- hostile and broken input --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-02-30", "трябва да е дата във вида ГГГГ-ММ-ДД"),
        ("2021-13-01", "трябва да е дата във вида ГГГГ-ММ-ДД"),
    ],
)
def test_impossible_dates_are_reported_not_raised(project: Project, value: str, expected: str):
    edit(project, MEASURE, "sources:", f"review:\n  state: draft\n  date: {value}\nsources:")
    result = run(project, "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(rf"{MEASURE}:\d+:\d+: грешка: „Преглед → Дата“ {expected}", result.stderr.replace("content/", "")), result.stderr


def test_a_month_of_13_in_a_date_like_text(project: Project):
    edit(project, MEASURE, "number: 1", "number: 1\nsteps:\n  - bg: 2021-13-01")
    result = run(project, "validate")
    assert result.returncode == 0, result.stderr  # a date-like text stays text


def test_an_integer_too_long_to_convert(project: Project):
    edit(project, MEASURE, "number: 1", "number: " + "9" * 5000)
    result = run(project, "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"content/{MEASURE}:1:9: грешка: Стойността „999" in result.stderr


@pytest.mark.parametrize("text", ['"Ред\\x07звън"', '"\\x1b[31mчервено"', "!!binary 0L/RgNC40LzQtdGA"])
def test_control_characters_are_refused(project: Project, text: str):
    edit(project, MEASURE, "number: 1", f"number: 1\nlegal_note:\n  bg: {text}")
    result = run(project, "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(rf"{MEASURE}:\d+:\d+: грешка: (Текстът съдържа невидим управляващ знак|Етикетът)", result.stderr), result.stderr


@pytest.mark.parametrize("name", ["new-practice.YAML", "new-practice", "new-practice.yml", "new-practice.txt"])
def test_every_file_is_a_record_or_reported(project: Project, name: str):
    source = (project.content / PRACTICE).read_text(encoding="utf-8")
    (project.content / "regions/alpha/practices" / name).write_text(source, encoding="utf-8")
    (project.content / "README.md").write_text("Notes for partners.\n", encoding="utf-8")  # allowed
    result = run(project, "validate")
    assert result.returncode == 1
    [message] = messages(result)
    assert message.startswith(f"content/regions/alpha/practices/{name}:1:1: грешка: ")
    assert ".yaml" in message


def test_a_link_to_a_file_outside_the_repository_is_refused(project: Project, tmp_path: Path):
    secret = tmp_path / "outside.yaml"
    secret.write_text((project.content / PRACTICE).read_text(encoding="utf-8"), encoding="utf-8")
    os.symlink(secret, project.content / "regions/alpha/practices/linked.yaml")
    result = run(project, "validate")
    assert result.returncode == 1
    assert "linked.yaml:1:1: грешка: Това е връзка (symlink) към файл извън хранилището" in result.stderr
    with pytest.raises(Exception):  # noqa: B017 - the build refuses it too
        build(project)
    assert not (project.site / "practices" / "linked").exists()


def test_a_newline_in_a_file_name_cannot_inject_a_workflow_command(project: Project):
    name = "evil\n::error file=x::injected.yaml"
    (project.content / "measures" / name).write_text("number: 5\n", encoding="utf-8")
    result = run(project, "validate", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert all(line.startswith("::error file=") for line in lines)
    assert not any(line.startswith("::error file=x::") for line in lines)
    assert [line for line in lines if "evil" in line]
    assert all("evil%0A%3A%3Aerror file=x%3A%3Ainjected.yaml" in line for line in lines if "evil" in line)
    assert "\\n::error" in run(project, "validate").stderr  # printed as one line in text too


def test_format_github_escapes_every_property():
    problem = Problem("a,b:c\r\n%.yaml", Position(3, 4), "generic", {"field": "x", "detail": "line\nbreak 100%"})
    command = format_github(problem, "en")
    assert command.count("\n") == 0 and command.count("::") == 2
    assert "file=a%2Cb%3Ac%0D%0A%25.yaml,line=3,col=4" in command and "line%0Abreak 100%25" in command


def test_aliases_cannot_amplify_a_small_file(project: Project):
    text = "&x " + "Дълъг текст. " * 2000
    aliases = ", ".join(["*x"] * 200)
    (project.content / "measures" / "amplified.yaml").write_text(f"number: 6\nnote: {text}\nsteps: [{aliases}]\n", encoding="utf-8")
    assert (project.content / "measures" / "amplified.yaml").stat().st_size < 60_000
    started = time.process_time()
    result = run(project, "validate")
    assert result.returncode == 1
    assert "amplified.yaml:2:7: грешка: Файлът става твърде голям след разгръщане на псевдонимите" in result.stderr
    assert time.process_time() - started < 60  # (the child's time is not ours; this only guards a hang)


def test_runs_of_brackets_fail_the_record_not_the_machine(project: Project):
    edit(project, MEASURE, "number: 1", "number: 1\nlegal_note:\n  bg: '" + "[" * 5000 + "'")
    result = run(project, "validate")
    assert result.returncode == 1
    assert "„Бележка за правната основа → Български“ съдържа твърде много квадратни скоби" in result.stderr


def test_open_data_csv_cannot_run_formulas(project: Project):
    edit(project, MEASURE, "bg: Първа мярка", "bg: =HYPERLINK(\"http://x\";\"клик\")")
    build(project)
    raw = (project.site / "data" / "measures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=HYPERLINK(\"http://x\";\"клик\") за детска градина" in cells
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@"}]


