"""The form and the validator agree on every character: what the web editor writes (its
format, editor/src/format.js, run under Node) the generator's loader reads back as the
same text the form itself reads — line and paragraph separators, U+0085, control
characters, decomposed letters and outer spaces included — or the form has already
cleaned it. Before, a U+2028 pasted into the form made the validator report a missing
colon on a line no editor shows, or changed the text on the next read."""

from __future__ import annotations

import json
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import LoadError, load_document

# Writes each value as the form saves a record, then reads the file as the form opens it.
NODE_FORM = """
import { readFileSync } from "node:fs";
import YAML from "yaml";
import { makeFormat } from "./src/format.js";
const format = makeFormat(YAML, { kind: "measure", depth: 1, order: { number: {}, title: { bg: {}, en: {} } } });
const values = JSON.parse(readFileSync(0, "utf8"));
console.log(JSON.stringify(values.map((value) => {
  const file = format.toFile({ number: 1, title: { bg: value, en: "x" } });
  return [file, format.fromFile(file)];
})));
"""

# Characters where the two YAML readers (and editors) part ways, among ordinary text.
SPECIAL = "\u2028\u2029\u0085\r\n\t \u00a0\ufeff\u200d\x07\x1b\x7f\x9f:#-\"'й" + unicodedata.normalize("NFD", "й")
TEXTS = st.text(
    alphabet=st.one_of(st.sampled_from(SPECIAL), st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFF)),
    max_size=40,
)


def through_the_form(values: list[str]) -> list[tuple[str, dict[str, Any]]]:
    done = subprocess.run(
        ["node", "--input-type=module", "-e", NODE_FORM], cwd=REPO / "editor", input=json.dumps(values),
        capture_output=True, text=True, check=True,
    )
    return [(file, read) for file, read in json.loads(done.stdout)]


def generator_reads(tmp_path: Path, file: str) -> dict[str, Any]:
    path = tmp_path / "record.yaml"
    path.write_text(file, encoding="utf-8", newline="")
    return load_document(path, "record.yaml").data


def assert_agree(tmp_path: Path, values: list[str]) -> None:
    for value, (file, form_read) in zip(values, through_the_form(values), strict=True):
        try:
            data = generator_reads(tmp_path, file)
        except LoadError as error:
            raise AssertionError(f"the form wrote {value!r} as a file the validator refuses: {error.problem}\n{file}") from error
        assert data.get("title", {}).get("bg") == form_read.get("title", {}).get("bg"), (value, file)


def test_separators_controls_and_decomposed_letters_are_written_as_the_validator_reads_them(tmp_path: Path):
    values = [
        "Първи ред\u2028втори ред",
        "абзац\u2029абзац",
        "следващ\u0085ред",
        "звънец\x07 и escape\x1b",
        unicodedata.normalize("NFD", "Най-важното"),
        "  Русе  ",
        "ключ: стойност # не коментар",
    ]
    form = through_the_form(values)
    assert [read["title"]["bg"] for _, read in form] == [
        "Първи ред\nвтори ред", "абзац\nабзац", "следващ\nред", "звънец и escape", "Най-важното", "Русе", "ключ: стойност # не коментар",
    ]
    assert_agree(tmp_path, values)


def test_any_text_typed_into_the_form_reads_the_same_in_the_validator(tmp_path: Path):
    """Hypothesis makes the texts (with the project's profile); one node process writes all."""
    values: list[str] = []

    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(TEXTS)
    def collect(value: str) -> None:
        values.append(value)

    collect()
    assert_agree(tmp_path, values)
