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


KINDS_OF_ISSUE_20 = ("run-together", "cross-language", "acronym", "transposition", "verb", "number", "long question", "danger", "typo", "not-content")


def test_every_kind_people_type_is_asked_in_both_languages():
    """Issue 20: at least 50 queries of these kinds, written before the search was tuned."""
    total = 0
    for lang in ("bg", "en"):
        forms = [item["form"] for item in QUERIES[lang]]
        for kind in KINDS_OF_ISSUE_20:
            count = sum(1 for form in forms if form.startswith(kind))
            assert count >= 4, (lang, kind, count)
            total += count
    assert total >= 50


def test_pages_that_must_not_answer_are_named_as_pages():
    for lang in ("bg", "en"):
        for item in QUERIES[lang]:
            assert all(not a.startswith("/") and a.endswith("/") for a in item.get("avoid", [])), item
            assert not set(item.get("avoid", [])) & set(item["expect"]), item
