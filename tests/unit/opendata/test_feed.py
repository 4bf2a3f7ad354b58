"""opendata.atom_feed on a model built in this process: each entry dated with its record's own
last change (the newest known date when the history has none, never the day of the build),
links absolute when the site has an address, categories as the kind's word in the feed's language."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest

from generator.model import Site
from generator.opendata import NO_HISTORY, atom_feed
from generator.project import Language
from generator.render import xml_environment

BG = Language("bg", "Български", "bg_BG", ("en",))
EN = Language("en", "English", "en_GB", ("bg",), root="en/")
ATOM = "{http://www.w3.org/2005/Atom}"
ADDRESS = "https://kb.example.test/base/"
MARCH, JUNE = datetime.date(2026, 3, 4), datetime.date(2026, 6, 1)


def feed(site: Site, language: Language, base_url: str = "") -> ET.Element:
    return ET.fromstring(atom_feed(xml_environment(), site, language, base_url))


def entries(root: ET.Element) -> dict[str, ET.Element]:
    """Entries by the tail of their id (the page's address: measures/first-measure/)."""
    return {entry.findtext(f"{ATOM}id").split("/", 2)[2]: entry for entry in root.findall(f"{ATOM}entry")}


def updated(entry: ET.Element) -> str:
    return entry.findtext(f"{ATOM}updated")


@pytest.fixture
def dated(fixture_model: Site) -> Site:
    """The fixture content with a history: the two measures changed on different days, the
    other records unknown to it (uncommitted files a history could not date)."""
    first, second = fixture_model.get("measure", "first-measure"), fixture_model.get("measure", "second-measure")
    return Site(by_kind=fixture_model.by_kind, changed={first.path: MARCH, second.path: JUNE})


def test_each_entry_is_dated_with_its_records_own_change(dated: Site):
    found = entries(feed(dated, EN))
    assert updated(found["measures/first-measure/"]) == "2026-03-04T00:00:00Z"
    assert updated(found["measures/second-measure/"]) == "2026-06-01T00:00:00Z"


def test_a_record_the_history_cannot_date_takes_the_newest_known_date_not_today(dated: Site):
    root = feed(dated, BG)
    found = entries(root)
    assert updated(found["regions/alpha/"]) == "2026-06-01T00:00:00Z"
    assert root.findtext(f"{ATOM}updated") == "2026-06-01T00:00:00Z"  # the feed: its newest entry
    today = datetime.date.today().isoformat()
    assert not [entry for entry in found.values() if updated(entry).startswith(today)]


def test_without_any_history_the_dates_stay_the_same_from_day_to_day(fixture_model: Site):
    undated = Site(by_kind=fixture_model.by_kind, changed={})
    root = feed(undated, EN)
    dates = {updated(entry) for entry in root.findall(f"{ATOM}entry")} | {root.findtext(f"{ATOM}updated")}
    assert dates == {NO_HISTORY.isoformat() + "T00:00:00Z"}


def test_newest_change_first(dated: Site):
    ids = list(entries(feed(dated, EN)))
    assert ids.index("measures/second-measure/") < ids.index("measures/first-measure/")


def test_links_are_absolute_when_the_site_has_an_address(dated: Site):
    published = entries(feed(dated, EN, ADDRESS + "en/"))
    assert published["measures/first-measure/"].find(f"{ATOM}link").get("href") == ADDRESS + "en/measures/first-measure/"
    links = [entry.find(f"{ATOM}link").get("href") for entry in published.values()]
    assert links and all(link.startswith(ADDRESS + "en/") for link in links)
    local = entries(feed(dated, EN))  # no address: relative to the feed, which sits at the language's root
    assert local["measures/first-measure/"].find(f"{ATOM}link").get("href") == "measures/first-measure/"


def test_categories_are_the_kinds_words_in_the_feeds_language(dated: Site):
    bulgarian = entries(feed(dated, BG))
    english = entries(feed(dated, EN))
    assert bulgarian["measures/first-measure/"].find(f"{ATOM}category").get("term") == "Мярка"
    assert english["measures/first-measure/"].find(f"{ATOM}category").get("term") == "Measure"
    assert english["practices/good-one/"].find(f"{ATOM}category").get("term") == "Good practice"
    terms = {entry.find(f"{ATOM}category").get("term") for entry in [*bulgarian.values(), *english.values()]}
    codes = {"measure", "region", "practice", "partner", "meeting", "help", "search_words"}
    assert not terms & codes


def test_a_draft_summary_stays_out_of_the_feed(dated: Site):
    """A feed reader shows the summary without the page's draft mark (as a page's description)."""
    found = entries(feed(dated, BG))
    assert found["measures/second-measure/"].find(f"{ATOM}summary") is None  # its summary is a draft
    assert found["measures/first-measure/"].findtext(f"{ATOM}summary") == "Описание на мярката за жилищата."
