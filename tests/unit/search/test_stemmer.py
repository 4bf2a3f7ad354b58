"""The Bulgarian light stemmer joins the forms a reader types with the forms a page uses."""

from __future__ import annotations

import pytest

from generator.stemmer import stem_bg, stem_en, tokens


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("детските", "детска"),
        ("градините", "градина"),
        ("градини", "градина"),
        ("квалификацията", "квалификация"),  # stems differ by one letter; prefix matching covers it
        ("стоките", "стоки"),
        ("общинските", "общински"),
        ("работници", "работник"),
        ("протокола", "протокол"),
        ("жените", "жени"),
    ],
)
def test_forms_share_a_stem_or_one_is_a_prefix(typed, written):
    a, b = stem_bg(typed), stem_bg(written)
    assert a == b or a.startswith(b) or b.startswith(a), (a, b)


def test_rules_from_the_algorithm():
    assert stem_bg("работници") == "работник"  # -ци → -к
    assert stem_bg("богатства") == "богатств"
    assert stem_bg("път") == "път"  # short words are left alone


def test_english_s_stemmer_and_tokens():
    assert [stem_en(w) for w in ("kindergartens", "policies", "goods", "class", "focus")] == [
        "kindergarten",
        "policy",
        "good",
        "class",
        "focus",
    ]
    assert tokens("„Център Динамика“ (Русе), WEGO3!") == ["център", "динамика", "русе", "wego3"]
