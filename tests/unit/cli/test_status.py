"""`./kb status` and `./kb validate` as a partner reads them: kinds and fields in the reader's
words, counts that agree with their noun, the status even while some files have problems,
and no word of publishing where nothing was being published (issue 21)."""

from __future__ import annotations

import re

from generator.project import Project


def status(cli, project: Project, lang: str = "bg"):
    return cli("--root", str(project.root), "--lang", lang, "status")


def test_status_names_kinds_and_fields_in_bulgarian_with_counts_that_agree(cli, project: Project):
    result = status(cli, project)
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert lines[0] == "Липсва текст на английски (1 запис):"
    assert lines[1] == "  content/measures/second-measure.yaml  [Мярка]  Наименование, Какво представлява, На кого помага"
    assert "Липсва текст на български (0 записа):" in lines
    assert "Записи в чернова (6 записа):" in lines
    assert "  content/regions/alpha/practices/good-one.yaml  [Добра практика]" in lines
    assert not re.search(r"\[[a-z_]+\]|\b\d+ записи\b|\(\d+\)", result.out)  # no kind's code, no count without its noun
    english = status(cli, project, "en")
    assert english.out.splitlines()[:2] == [
        "Missing English text (1 record):",
        "  content/measures/second-measure.yaml  [Measure]  Name (title), What it is (summary), Who it helps (helps)",
    ]
    assert "Records in draft (6 records):" in english.out


def test_status_is_shown_while_files_have_problems_then_how_many(cli, project: Project, write):
    write("measures/broken.yaml", "number: [1\n")
    one = status(cli, project)
    assert one.code == 1
    assert "Записи в чернова (6 записа):" in one.out and "[Добра практика]" in one.out  # the status, not the problems
    assert one.errors() == []
    assert one.err.strip() == "1 файл има проблеми и може да липсва по-горе — вижте ги с ./kb validate."
    write("partners/broken.yaml", "name: {bg: x\n")
    two = status(cli, project)
    assert two.err.strip() == "2 файла имат проблеми и може да липсват по-горе — вижте ги с ./kb validate."
    english = status(cli, project, "en")
    assert english.err.strip() == "2 files have problems and may be missing above — ./kb validate shows them."


def test_local_validate_says_what_to_do_and_nothing_of_publishing(cli, project: Project, write):
    write("measures/broken.yaml", "number: [1\n")
    checked = cli("--root", str(project.root), "--lang", "bg", "validate")
    assert checked.code == 1
    assert checked.err.strip().splitlines()[-1] == "1 проблем в 1 файл. Поправете и проверете отново с ./kb validate."
    assert "публикува" not in checked.err
    english = cli("--root", str(project.root), "--lang", "en", "validate")
    assert english.err.strip().splitlines()[-1] == "1 problem in 1 file. Once fixed, check again with ./kb validate."
    built = cli("--root", str(project.root), "--lang", "bg", "build")  # a build stopped: nothing was published
    assert built.code == 1 and built.err.strip().splitlines()[-1] == "1 проблем в 1 файл. Съдържанието не е публикувано."
