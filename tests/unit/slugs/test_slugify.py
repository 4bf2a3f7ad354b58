"""slugs.py: addresses from titles by the official Bulgarian transliteration."""

from __future__ import annotations

import pytest

from generator.slugs import slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Група за взаимопомощ", "grupa-za-vzaimopomosht"),
        ("Търговище", "targovishte"),
        ("Подкрепа за Мария", "podkrepa-za-maria"),
        ("Щастие и ЮЖЕН вятър!", "shtastie-i-yuzhen-vyatar"),
        ("Kindergarten place", "kindergarten-place"),
    ],
)
def test_slugs_follow_the_official_bulgarian_transliteration(title, slug):
    assert slugify(title) == slug
