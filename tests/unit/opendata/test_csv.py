"""opendata.py's CSV: safe to open in a spreadsheet (no formula runs), readable by Excel (BOM)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.model import build_site
from generator.opendata import BOM, data_files, records_csv, safe_cell
from generator.project import Language, Project
from generator.validate import load_valid

BG = Language("bg", "Български", "bg_BG", ("en",))
EN = Language("en", "English", "en_GB", ("bg",), root="en/")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_starts_with_an_apostrophe(start: str):
    assert safe_cell(start + "SUM(A1:A9)") == "'" + start + "SUM(A1:A9)"


@pytest.mark.parametrize("value", ["", "plain text", "a = b", "'quoted", "100", "Мярка — 7", " =leading space"])
def test_other_cells_are_left_as_they_are(value: str):
    assert safe_cell(value) == value


def rows(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :])))


def test_no_records_is_an_empty_file_with_its_bom():
    assert records_csv([], BG) == BOM


def test_one_row_per_record_in_the_language_asked(fixture_model):
    measures = fixture_model.measures
    english = rows(records_csv(measures, EN))
    header = english[0]
    assert header[:2] == ["slug", "url"] and header[-2:] == ["review", "sources"] and "title" in header
    by_slug = {row[0]: dict(zip(header, row, strict=True)) for row in english[1:]}
    assert set(by_slug) == {"first-measure", "second-measure"}
    assert by_slug["first-measure"]["title"] == "First measure about kindergartens"
    assert by_slug["first-measure"]["url"] == "measures/first-measure/"
    assert by_slug["second-measure"]["title"] == "Втора мярка само на български"  # not yet translated: the fallback
    assert by_slug["second-measure"]["sources"] == "https://source.test/source"
    bulgarian = {row[0]: row for row in rows(records_csv(measures, BG))[1:]}
    assert bulgarian["first-measure"][header.index("title")] == "Първа мярка за детска градина"


def test_partner_text_that_looks_like_a_formula_is_written_as_text(project: Project, write: Callable[[str, str], Path]):
    measure = project.content / "measures/first-measure.yaml"
    write("measures/first-measure.yaml", measure.read_text(encoding="utf-8").replace("bg: Първа мярка", 'bg: =HYPERLINK("http://x";"клик")'))
    write("measures/second-measure.yaml", (project.content / "measures/second-measure.yaml").read_text(encoding="utf-8").replace("bg: Жени.", "bg: '@SUM(1+1)'"))
    site = build_site(load_valid(project.content, project.root))
    text = data_files(site, BG)["data/measures.csv"]
    cells = [cell for row in rows(text)[1:] for cell in row]
    assert "'=HYPERLINK(\"http://x\";\"клик\") за детска градина" in cells
    assert "'@SUM(1+1)" in cells
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]


def test_every_kind_has_its_json_csv_and_schema(fixture_model):
    files = data_files(fixture_model, EN)
    assert "data/LICENSE.txt" in files
    for name in ("measures", "regions", "practices", "partners", "meetings", "help"):
        for suffix in ("json", "csv", "schema.json"):
            assert f"data/{name}.{suffix}" in files, (name, suffix)
