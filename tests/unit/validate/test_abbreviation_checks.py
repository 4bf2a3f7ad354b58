"""validate: the acronyms of the everyday-words list — capital letters of one alphabet, each
listed once — and what a partner reads when one is wrong, in Bulgarian and English."""

from __future__ import annotations

import pytest

WORDS = "search/everyday-words.yaml"
RECORD = """\
title: {bg: Думи, en: Words}
summary: {bg: Думите на хората., en: The words people search with.}
entries:
  - lang: bg
    said: [юрист]
    means: [правни консултации]
abbreviations:
  - short: ДСП
    full: {bg: Дирекция „Социално подпомагане“, en: Social Assistance Directorate}
    sources: [{title: Social assistance, url: "https://source.test/social"}]
  - short: SECOND
    full: {bg: Агенция за социално подпомагане, en: Social Assistance Agency}
    sources: [{title: Social assistance, url: "https://source.test/social"}]
sources: [{title: Source, url: "https://source.test/"}]
"""
SECOND_LINE = 11  # the line of the second acronym in RECORD


def validate(cli, project, lang: str = "bg"):
    return cli("--root", str(project.root), "--lang", lang, "validate")


def test_a_list_of_acronyms_with_full_names_is_valid(cli, project, write):
    write(WORDS, RECORD.replace("SECOND", "АСП"))
    assert validate(cli, project).code == 0


@pytest.mark.parametrize(
    "acronym",
    [
        "асп",  # lower case
        "Асп",  # not all capitals
        "АБВГДЕЖЗИ",  # nine letters
        "А",  # one letter
        "AСП",  # a Latin A among Cyrillic letters: looks the same, never found in the text
        "А-СП",  # not letters only
    ],
)
def test_an_acronym_in_the_wrong_form_is_told_what_is_expected(cli, project, write, acronym):
    write(WORDS, RECORD.replace("SECOND", acronym))
    result = validate(cli, project)
    assert result.code == 1
    [error] = result.errors()
    assert error.startswith(f"content/{WORDS}:{SECOND_LINE}:")
    assert (
        f"Стойността „{acronym}“ в „Съкращения (№ 2) → Съкращение“ не е във верния вид: очаква се съкращение от 2 до 8 "
        "главни букви, всички на кирилица или всички на латиница (напр. ДСП)." in error
    )


def test_an_acronym_listed_twice_points_at_the_repetition_and_the_first(cli, project, write):
    write(WORDS, RECORD.replace("SECOND", "ДСП"))
    result = validate(cli, project)
    assert result.code == 1
    [error] = result.errors()
    assert error.startswith(f"content/{WORDS}:{SECOND_LINE}:12: грешка: ")
    assert "„Съкращения (№ 2) → Съкращение“ е „ДСП“, както и на ред 8 в същия файл." in error
    assert "Всяка стойност тук може да се среща само веднъж — изтрийте повторението или сменете стойността." in error
    english = validate(cli, project, lang="en")
    assert "'Abbreviations (no. 2) → Acronym (abbreviations[1].short)' is 'ДСП', as on line 8 of this file." in english.err


def test_an_acronym_in_two_lists_names_the_other_file(cli, project, write):
    write(WORDS, RECORD.replace("SECOND", "АСП"))
    write("search/more-words.yaml", RECORD.replace("SECOND", "МТСП"))
    result = validate(cli, project)
    assert result.code == 1
    assert len(result.errors()) == 1
    assert f"„Съкращения (№ 1) → Съкращение“ е „ДСП“ и в content/{WORDS}." in result.errors()[0]
