"""slugs.unique_anchors: every heading of a page gets its own id, whatever the headings say."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.slugs import slugify, unique_anchors

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("check", max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# An id a URL fragment, a CSS selector and HTML all take as it is.
VALID_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Words that transliterate alike (А and A, Ъгъл and Agal), numbered words whose slug is
# another heading's numbered anchor ("A 2" → a-2), and words with no letter at all.
TRICKY = ["А", "A", "a", "А 2", "a-2", "A - 2", "Ъгъл", "Agal", "Източници", "Iztochnitsi", "Section", "section 2", "!!!", "", "-", "2", "---2"]
LETTERS = "абвгдежзийклмнопрстуфхцчшщъьюяАБЪЮЯabcxyzKQ0129- !#.,"
HEADINGS = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(LETTERS, max_size=8)), max_size=12)


def readable(anchor: str, heading: str) -> bool:
    """The anchor is the heading's own slug, or that slug numbered."""
    base = slugify(heading) or "section"
    return anchor == base or re.fullmatch(re.escape(base) + r"-\d+", anchor) is not None


@given(HEADINGS)
@example(["A", "A", "A 2"])
@example(["А 2", "А", "А"])
@example(["", "!!!", "Section", "section 2"])
def test_anchors_of_any_headings_are_unique_valid_ids(headings: list[str]):
    anchors = unique_anchors(headings)
    assert len(anchors) == len(headings)
    assert len(set(anchors)) == len(anchors), list(zip(headings, anchors, strict=True))
    assert all(VALID_ID.fullmatch(anchor) for anchor in anchors), anchors
    assert all(readable(anchor, heading) for anchor, heading in zip(anchors, headings, strict=True))


@given(HEADINGS, st.sets(st.one_of(st.sampled_from(["a", "a-2", "section", "kb-content"]), st.from_regex(VALID_ID, fullmatch=True))))
@example(["A", "A"], {"a-2"})
def test_anchors_avoid_the_ids_already_on_the_page(headings: list[str], taken: set[str]):
    anchors = unique_anchors(headings, taken)
    assert len(set(anchors)) == len(anchors) and not set(anchors) & taken
    assert all(VALID_ID.fullmatch(anchor) for anchor in anchors)


@pytest.mark.parametrize(
    ("headings", "taken", "anchors"),
    [
        (["Източници", "Източници"], (), ["iztochnitsi", "iztochnitsi-2"]),
        (["А", "А", "А 2"], (), ["a", "a-2", "a-2-2"]),
        (["А 2", "А", "А"], (), ["a-2", "a", "a-3"]),
        (["***", "Section", "!!!"], (), ["section", "section-2", "section-3"]),
        (["Подкрепа", "Подкрепа"], ("podkrepa",), ["podkrepa-2", "podkrepa-3"]),
    ],
)
def test_a_repeated_anchor_takes_the_first_free_number(headings, taken, anchors):
    assert unique_anchors(headings, taken) == anchors
