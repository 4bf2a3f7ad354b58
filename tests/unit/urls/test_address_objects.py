"""urls.Address: a page's path, its URL in each language, and links between pages."""

from __future__ import annotations

import pytest

from generator import urls
from generator.kinds import REGISTRY
from generator.project import Language
from generator.urls import Address, UnknownPage

BG = Language("bg", "Български", "bg_BG", ("en",), root="")
EN = Language("en", "English", "en_GB", ("bg",), root="en/")


@pytest.mark.parametrize(
    ("path", "url"),
    [("index.md", ""), ("measures/index.md", "measures/"), ("measures/x.md", "measures/x/"), ("feed.xml", "feed.xml")],
)
def test_an_address_knows_its_url_inside_a_language(path: str, url: str):
    assert Address(path).url == url


def test_an_address_knows_its_url_in_each_language_and_its_absolute_address():
    page = Address("measures/x.md")
    assert page.url_in(BG) == "measures/x/"
    assert page.url_in(EN) == "en/measures/x/"
    assert page.absolute("https://kb.example/", EN) == "https://kb.example/en/measures/x/"
    assert page.absolute("", EN) == ""  # no address configured: no absolute address at all


def test_links_between_pages_are_relative_to_the_page_they_are_on():
    assert Address("measures/x.md").link_from(Address("index.md")) == "measures/x.md"
    assert Address("regions/ruse/index.md").link_from(Address("measures/x.md")) == "../regions/ruse/index.md"
    assert Address("index.md").link_from(Address("practices/by-region/ruse.md")) == "../../index.md"
    # Between built pages (a redirect): from one URL to another.
    old, new = Address("practices/by-target/women_survivors.md"), Address("practices/by-target/women-survivors.md")
    assert new.url_from(old) == "../women-survivors/"


def test_pages_by_name_come_from_the_site_and_the_registry_and_an_unknown_name_is_an_error():
    assert urls.named("matrix", REGISTRY) == Address("matrix.md")
    assert urls.named("measures", REGISTRY) == Address("measures/index.md")  # the measure kind's list
    assert urls.named("privacy", REGISTRY) == Address("privacy.md")
    with pytest.raises(UnknownPage):
        urls.named("measuers", REGISTRY)


def test_a_record_page_comes_from_its_kind():
    assert urls.record_page(REGISTRY["region"], "ruse") == Address("regions/ruse/index.md")
    assert urls.record_page(REGISTRY["practice"], "x") == Address("practices/x.md")


def test_names_the_site_uses_are_reserved_in_the_folder_they_sit_in():
    assert urls.reserved(REGISTRY["measure"], "index", REGISTRY)
    assert urls.reserved(REGISTRY["measure"], "index-3", REGISTRY)
    assert urls.reserved(REGISTRY["practice"], "by-region", REGISTRY)
    assert not urls.reserved(REGISTRY["measure"], "by-region", REGISTRY)
    assert not urls.reserved(REGISTRY["region"], "matrix", REGISTRY)  # a folder of its own
