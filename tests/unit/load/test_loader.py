"""Stage 1: YAML becomes data with positions; what YAML should never be is refused."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from generator.load import LoadError, load_document


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "record.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return load_document(path, "record.yaml")


def problem(tmp_path: Path, text: str | bytes):
    with pytest.raises(LoadError) as caught:
        load(tmp_path, text)
    return caught.value.problem


def test_values_and_keys_keep_their_line_and_column(tmp_path):
    doc = load(tmp_path, "title:\n  bg: Заглавие\n  en: Title\nlist:\n  - a\n  - b\n")
    assert doc.data == {"title": {"bg": "Заглавие", "en": "Title"}, "list": ["a", "b"]}
    assert doc.position_of(("title", "en")) == (3, 7)
    assert doc.position_of(("title", "en"), key=True) == (3, 3)
    assert doc.position_of(("list", 1)) == (6, 5)


def test_position_of_missing_value_falls_back_to_parent(tmp_path):
    doc = load(tmp_path, "a: 1\ntitle:\n  bg: x\n")
    assert doc.position_of(("title", "en")) == (3, 3)


def test_duplicate_key_is_an_error_naming_both_lines(tmp_path):
    found = problem(tmp_path, "title: a\nnumber: 1\ntitle: b\n")
    assert found.code == "duplicate_key"
    assert found.position.line == 3
    assert found.params == {"field": "title", "first_line": 1}


def test_malformed_yaml_reports_its_line(tmp_path):
    found = problem(tmp_path, "title:\n  bg: a\n en: b\n")
    assert found.code == "yaml_syntax"
    assert found.position.line == 3


def test_tab_indentation_has_its_own_message(tmp_path):
    found = problem(tmp_path, "title:\n\tbg: a\n")
    assert found.code == "tab_indent"
    assert found.position.line == 2


def test_object_building_tags_are_refused(tmp_path):
    found = problem(tmp_path, "x: !!python/object/apply:os.system ['echo hi']\n")
    assert found.code == "unsafe_tag"
    assert found.position.line == 1


def test_empty_file_and_list_document_are_errors(tmp_path):
    assert problem(tmp_path, "").code == "empty_file"
    assert problem(tmp_path, "# only a comment\n").code == "empty_file"
    assert problem(tmp_path, "- a\n- b\n").code == "not_a_mapping"


def test_bom_and_crlf_are_accepted(tmp_path):
    doc = load(tmp_path, "\ufefftitle: a\r\nnumber: 2\r\n".encode())
    assert doc.data == {"title": "a", "number": 2}
    assert doc.position_of(("number",)) == (2, 9)


def test_invalid_utf8_and_nul_bytes_are_located(tmp_path):
    found = problem(tmp_path, b"title: ok\nbad: \xff\xfe\n")
    assert (found.code, found.position.line) == ("not_utf8", 2)
    found = problem(tmp_path, b"title: ok\nbad: a\x00b\n")
    assert (found.code, found.position.line) == ("nul_byte", 2)


def test_billion_laughs_is_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]")
    found = problem(tmp_path, "\n".join(lines) + "\n")
    assert found.code == "too_many_nodes"


def test_deep_nesting_is_refused(tmp_path):
    found = problem(tmp_path, "a: " + "[" * 50 + "]" * 50 + "\n")
    assert found.code == "too_deep"


def test_decomposed_text_is_read_composed(tmp_path):
    """Text pasted decomposed (NFD: „й“ as и + a combining breve, as some systems copy it)
    looks the same but matched nothing in search: it is read as NFC."""
    decomposed = unicodedata.normalize("NFD", "Най-важното — закрила и подкрепа")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    doc = load(tmp_path, f"title:\n  bg: {decomposed}\n")
    assert doc.data["title"]["bg"] == "Най-важното — закрила и подкрепа"


def test_names_are_trimmed_at_load(tmp_path):
    """„Русе “ and „Русе“ are one name: outer spaces (typed, or kept by quotes) are dropped."""
    doc = load(tmp_path, 'name:\n  bg: "Русе "\n  en: "\\tRuse"\n')
    assert doc.data["name"] == {"bg": "Русе", "en": "Ruse"}


@pytest.mark.parametrize("text", ["a: " + "[" * 100_000 + "]" * 100_000 + "\n", "a:\n  " + "- " * 100_000 + "x\n"])
def test_nesting_is_bounded_before_anything_is_composed(tmp_path, text):
    found = problem(tmp_path, text)
    assert found.code == "too_deep" and found.position.line in {1, 2}
