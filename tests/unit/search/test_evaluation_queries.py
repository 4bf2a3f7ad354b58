"""The search evaluation's queries (tests/search_queries.yaml; typed in Chromium by
tests/browser/test_search_quality.py): enough of them, of every form people type."""

from __future__ import annotations

import yaml
from conftest import TESTS

QUERIES = yaml.safe_load((TESTS / "search_queries.yaml").read_text(encoding="utf-8"))


def test_query_file_is_big_enough():
    assert len(QUERIES["bg"]) >= 40 and len(QUERIES["en"]) >= 20
    forms = " ".join(q["form"] for q in QUERIES["bg"])
    for form in ("articled", "plural", "two words", "misspelling"):
        assert form in forms


def test_every_query_names_its_form_and_an_expected_page():
    for lang in ("bg", "en"):
        for item in QUERIES[lang]:
            assert item["q"].strip() and item["form"].strip() and item["expect"], item
            assert all(not e.startswith("/") and e.endswith("/") for e in item["expect"]), item
