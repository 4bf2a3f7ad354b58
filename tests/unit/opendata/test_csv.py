"""opendata.py's table (data/records.csv): one per language, every cell flat text in the file's
language, addresses absolute when the site has one, safe to open in a spreadsheet (no formula
runs), readable by Excel (BOM, the separator of the language's locale)."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import walker
from generator.model import Site, build_site
from generator.opendata import BOM, RECORDS_CSV, data_files, delimiter, records_csv, safe_cell
from generator.project import Language, Project
from generator.schema import Measure
from generator.validate import load_valid

BG = Language("bg", "Български", "bg_BG", ("en",))
EN = Language("en", "English", "en_GB", ("bg",), root="en/")
ADDRESS = "https://kb.example.test/base/"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_starts_with_an_apostrophe(start: str):
    assert safe_cell(start + "SUM(A1:A9)") == "'" + start + "SUM(A1:A9)"


@pytest.mark.parametrize("value", ["", "plain text", "a = b", "'quoted", "100", "Мярка — 7", " =leading space"])
def test_other_cells_are_left_as_they_are(value: str):
    assert safe_cell(value) == value


def table(text: str, language: Language) -> list[dict[str, str]]:
    """The rows of a language's table, by header; the file must start with its BOM."""
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text[len(BOM) :]), delimiter=delimiter(language)))
    assert len({len(row) for row in rows}) == 1, "every row has as many cells as the header"
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def header(text: str, language: Language) -> list[str]:
    return next(csv.reader(io.StringIO(text[len(BOM) :]), delimiter=delimiter(language)))


def by_id(rows: list[dict[str, str]], column: str) -> dict[str, dict[str, str]]:
    return {row[column]: row for row in rows}


def test_each_language_has_its_own_separator_the_one_its_spreadsheets_split_at():
    assert delimiter(BG) == ";"  # Bulgarian regional settings: decimal comma, list separator ";"
    assert delimiter(EN) == ","
    assert delimiter(Language("de", "Deutsch", "de_DE", ("en",))) == ";"
    assert delimiter(Language("xx", "X", "xx_XX", ("en",))) == ","  # a locale Babel does not know: the standard's comma


def test_an_empty_site_is_a_header_and_its_bom():
    text = records_csv(Site(by_kind={}), BG)
    assert text.startswith(BOM) and table(text, BG) == []
    assert header(text, BG)[:4] == ["Вид", "Наименование", "Описание", "Регион"]


def test_headers_are_the_words_of_the_files_language(fixture_model: Site):
    bulgarian, english = header(records_csv(fixture_model, BG), BG), header(records_csv(fixture_model, EN), EN)
    assert bulgarian == [
        "Вид", "Наименование", "Описание", "Регион", "Мерки", "Състояние", "Целеви групи",
        "Редакционен статус", "Текстове в чернова", "Последна промяна", "Страница", "Източници", "Идентификатор",
    ]
    assert english == [
        "Kind", "Title", "Summary", "Region", "Measures", "State", "Target groups",
        "Review state", "Draft texts", "Last changed", "Page", "Sources", "Identifier",
    ]


def test_one_row_per_record_of_every_kind(fixture_model: Site):
    rows = table(records_csv(fixture_model, EN), EN)
    assert len(rows) == len(fixture_model.records)
    assert {row["Kind"] for row in rows} >= {"Measure", "Region", "Good practice", "Partner", "Help"}
    assert [row["Identifier"] for row in rows if row["Kind"] == "Measure"] == ["first-measure", "second-measure"]


def test_values_are_words_and_names_in_the_files_language(fixture_model: Site):
    english = by_id(table(records_csv(fixture_model, EN), EN), "Identifier")
    measure, practice, partner = english["first-measure"], english["good-one"], english["centre-a"]
    assert measure["Kind"] == "Measure" and measure["Title"] == "First measure about kindergartens"
    assert measure["State"] == "Alpha: Discussed at the meetings"  # the region's name, the state's word
    assert measure["Region"] == "Alpha" and partner["Region"] == "Alpha"
    assert practice["Region"] == "Alpha"  # from the folder the practice lives in
    assert practice["Measures"] == "First measure about kindergartens"
    assert practice["Target groups"] == "Women who survived domestic violence"
    assert english["alpha"]["Review state"] == "Reviewed" and measure["Review state"] == "Draft"
    assert english["second-measure"]["Title"] == "Втора мярка само на български"  # not yet translated: the fallback
    summary = walker.field(Measure, "summary")  # named as the page's draft notice names it
    assert english["second-measure"]["Draft texts"] == summary.label["en"] != "summary"
    assert measure["Sources"] == "Fixture source <https://source.test/source>"
    bulgarian = by_id(table(records_csv(fixture_model, BG), BG), "Идентификатор")
    assert bulgarian["first-measure"]["Вид"] == "Мярка"
    assert bulgarian["first-measure"]["Състояние"] == "Алфа: Обсъдена на срещите"
    assert bulgarian["good-one"]["Целеви групи"] == "Жени, преживели домашно насилие"
    assert bulgarian["first-measure"]["Наименование"] == "Първа мярка за детска градина"


def test_lists_are_joined_words_never_json(project: Project, write: Callable[[str, str], Path]):
    practice = project.content / "regions/alpha/practices/good-one.yaml"
    write(
        "regions/alpha/practices/good-one.yaml",
        practice.read_text(encoding="utf-8")
        .replace("measures: [first-measure]", "measures: [first-measure, second-measure]")
        .replace("target_groups: [women_survivors]", "target_groups: [women_survivors, employers]")
        .replace("en: Women start their own business.", "en: '[Read more](https://source.test/more) about it.'"),
    )
    site = build_site(load_valid(project.content, project.root))
    for language in (BG, EN):
        rows = table(records_csv(site, language), language)
        assert not [cell for row in rows for cell in row.values() if cell.startswith(("{", "["))], language.code
    practice_row = by_id(table(records_csv(site, EN), EN), "Identifier")["good-one"]
    assert practice_row["Measures"] == "First measure about kindergartens; Втора мярка само на български"
    assert practice_row["Target groups"] == "Women who survived domestic violence; Employers"
    assert practice_row["Summary"] == "Read more (https://source.test/more) about it."


def test_page_addresses_are_absolute_when_the_site_has_one(fixture_model: Site):
    bulgarian = by_id(table(records_csv(fixture_model, BG, ADDRESS), BG), "Идентификатор")
    english = by_id(table(records_csv(fixture_model, EN, ADDRESS), EN), "Identifier")
    assert bulgarian["first-measure"]["Страница"] == ADDRESS + "measures/first-measure/"
    assert english["first-measure"]["Page"] == ADDRESS + "en/measures/first-measure/"


def test_without_an_address_pages_are_paths_from_the_sites_root(fixture_model: Site):
    assert by_id(table(records_csv(fixture_model, BG), BG), "Идентификатор")["alpha"]["Страница"] == "regions/alpha/"
    assert by_id(table(records_csv(fixture_model, EN), EN), "Identifier")["alpha"]["Page"] == "en/regions/alpha/"


def test_each_record_carries_the_date_of_its_last_change(fixture_model: Site):
    measure = fixture_model.get("measure", "first-measure")
    dated = Site(by_kind=fixture_model.by_kind, changed={measure.path: datetime.date(2026, 3, 4)})
    rows = by_id(table(records_csv(dated, EN), EN), "Identifier")
    assert rows["first-measure"]["Last changed"] == "2026-03-04"
    assert rows["second-measure"]["Last changed"] == ""  # unknown: said so, not invented


def test_partner_text_that_looks_like_a_formula_is_written_as_text(project: Project, write: Callable[[str, str], Path]):
    measure = project.content / "measures/first-measure.yaml"
    write("measures/first-measure.yaml", measure.read_text(encoding="utf-8").replace("bg: Първа мярка", 'bg: =HYPERLINK("http://x";"клик")'))
    write("measures/second-measure.yaml", (project.content / "measures/second-measure.yaml").read_text(encoding="utf-8").replace("bg: Текст само на български език.", "bg: '@SUM(1+1) само на български език.'"))
    site = build_site(load_valid(project.content, project.root))
    text = data_files(site, BG)[RECORDS_CSV]
    cells = [cell for row in table(text, BG) for cell in row.values()]
    assert "'=HYPERLINK(\"http://x\";\"клик\") за детска градина" in cells
    assert "'@SUM(1+1) само на български език." in cells
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]


def test_one_table_per_language_and_every_kind_has_its_json_and_schema(fixture_model: Site):
    files = data_files(fixture_model, EN)
    assert "data/LICENSE.txt" in files and RECORDS_CSV == "data/records.csv" and RECORDS_CSV in files
    assert [name for name in files if name.endswith(".csv")] == [RECORDS_CSV]
    for name in ("measures", "regions", "practices", "partners", "meetings", "help"):
        for suffix in ("json", "schema.json"):
            assert f"data/{name}.{suffix}" in files, (name, suffix)
