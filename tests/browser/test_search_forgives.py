"""Search forgives how people type (issue 20), each kind on its own, in both languages,
typed into the real search box in Chromium: words run together, the other language's
words, officers' acronyms, two swapped letters, a verb for a noun, a measure's number,
a long question, a question about danger — and the pages that should not answer do not.
(The evaluation over tests/search_queries.yaml holds the overall bar.)"""

from __future__ import annotations

import pytest
from chromium import type_query

FIRST = {
    "run-together": [
        ("", "ДЕТСКАГРАДИНА", "measures/kindergarten-place/"),
        ("", "общинскижилища", "measures/municipal-housing/"),
        ("en/", "paidleave", "measures/extra-paid-leave/"),
        ("en/", "flexibleworkinghours", "measures/flexible-working-hours/"),
    ],
    "cross-language": [
        ("", "kindergarten", "measures/kindergarten-place/"),
        ("en/", "спомагателна каса", "measures/emergency-fund/"),
        ("en/", "detski gradini", "measures/kindergarten-place/"),
        ("en/", "мерки по региони", "matrix/"),
    ],
    "acronym": [
        ("", "ДСП", "measures/social-transfers-in-goods/"),
        ("", "dsp", "measures/social-transfers-in-goods/"),
        ("en/", "ДСП", "measures/social-transfers-in-goods/"),
        ("", "зздн", "topics/legal-context/"),
    ],
    "transposition": [
        ("", "Пловидв", "regions/plovdiv/"),
        ("", "жилщие", "measures/municipal-housing/"),
        ("en/", "hosuing", "measures/municipal-housing/"),
        ("en/", "Plovdvi", "regions/plovdiv/"),
    ],
    "verb": [
        ("", "преквалифицирам се", "measures/qualification-support/"),
        ("en/", "accommodated", "measures/municipal-housing/"),
    ],
    "number": [
        ("", "мярка 3", "measures/extra-paid-leave/"),
        ("", "мярка седем", "measures/qualification-support/"),
        ("en/", "measure 7", "measures/qualification-support/"),
        ("en/", "fourth measure", "measures/emergency-fund/"),
    ],
    "danger": [
        ("", "той ме бие", "help/helplines/"),
        ("en/", "someone is hurting me", "help/helplines/"),
    ],
}


@pytest.mark.browser
@pytest.mark.parametrize("kind", sorted(FIRST))
def test_each_kind_finds_its_page_first(search_box, kind: str):
    missed = []
    for root, query, expected in FIRST[kind]:
        paths = type_query(search_box(root), query, key_by_key=False)
        if not paths or paths[0] != "/" + root + expected:
            missed.append(f"{query!r} on /{root}: {paths[:3]}")
    assert not missed, missed


@pytest.mark.browser
@pytest.mark.parametrize(("root", "query", "expected"), [
    ("", "как може общината да помогне на майка с деца да намери жилище", "measures/municipal-housing/"),
    ("en/", "where can a mother with small children find a place to live paid by the municipality", "measures/municipal-housing/"),
])
def test_a_long_question_finds_its_page_among_the_first(search_box, root: str, query: str, expected: str):
    """Every word of a long question matches a little somewhere: the pages that meet the
    most of its needs strongly come first, the right one among the first three."""
    paths = type_query(search_box(root), query, key_by_key=False)
    assert "/" + root + expected in paths[:3], paths[:5]


@pytest.mark.browser
def test_a_page_found_in_the_other_language_says_so(search_box):
    page = search_box("")
    type_query(page, "kindergarten", key_by_key=False)
    other = page.locator("#kb-search-results .kb-search__item").first.locator(".kb-search__other")
    assert other.inner_text().startswith("английски: ")
    assert other.locator("[lang=en]").inner_text().startswith("Securing a kindergarten place")


@pytest.mark.browser
def test_a_typing_mistake_is_offered_its_correction_with_the_results(search_box):
    page = search_box("")
    paths = type_query(page, "Пловидв", key_by_key=False)
    assert paths[0] == "/regions/plovdiv/"
    assert page.locator("#kb-search-results .kb-search__suggest a").inner_text() == "пловдив"


@pytest.mark.browser
@pytest.mark.parametrize(("root", "query", "never"), [
    ("", "превод на мерките", "translation-status/"),  # a page for partners
    ("en/", "translation", "translation-status/"),
    ("en/", "screen reader", "regions/ruse/"),  # the map's credit line is not the page's content
])
def test_pages_and_lines_that_are_not_content_do_not_answer(search_box, root: str, query: str, never: str):
    paths = type_query(search_box(root), query, key_by_key=False)
    assert "/" + root + never not in paths
