"""A trimmed address leads somewhere (audit of 2026-11-29, row 37): each folder of a page's
address without a page of its own redirects to its only page or to the nearest page above."""

from __future__ import annotations

from generator.groups import folder_redirects
from generator.urls import Address


def test_folders_without_a_page_lead_to_their_only_page_or_the_nearest_page_above():
    pages = [
        Address(path)
        for path in (
            "index.md",
            "practices/index.md",
            "practices/by-region/ruse.md",
            "practices/by-measure/housing.md",
            "practices/by-measure/leave.md",
            "help/helplines.md",
            "measures/index.md",
            "measures/housing.md",
        )
    ]
    found = {redirect.old.url: redirect.new.url_from(redirect.old) for redirect in folder_redirects(pages)}
    assert found == {
        "help/": "helplines/",  # its only page
        "practices/by-measure/": "../",  # two pages: the practices page above
        "practices/by-region/": "ruse/",
    }


def test_a_folder_with_a_page_of_its_own_is_left_alone():
    pages = [Address("index.md"), Address("measures/index.md"), Address("measures/housing.md")]
    assert folder_redirects(pages) == []
