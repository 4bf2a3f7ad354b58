"""Open data of the built sites: JSON valid against its own schema; one table per language
(data/records.csv, en/data/records.csv) that a spreadsheet opens as a table — every cell flat,
headers in the file's language, page addresses absolute when the site has an address; the
feeds link absolutely and name kinds in words; the terms of reuse.

(CSV cells that would run as formulas, each column's words: tests/unit/opendata/test_csv.py;
the feed's dates: tests/unit/opendata/test_feed.py.)"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import jsonschema
from conftest import PUBLISHED_URL

from generator.kinds import REGISTRY
from generator.project import Project

ATOM = "{http://www.w3.org/2005/Atom}"
LANGUAGES = (("", "bg", ";"), ("en/", "en", ","))  # where each language's files sit, its separator
CYRILLIC = re.compile("[а-яА-Я]")


def table(project: Project, prefix: str, separator: str) -> list[list[str]]:
    raw = (project.site / prefix / "data" / "records.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()), "Excel reads it as UTF-8"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=separator))


def test_open_data_validates_against_its_schema(real_site: Project):
    for prefix in ("", "en/"):
        data = json.loads((real_site.site / prefix / "data" / "measures.json").read_text(encoding="utf-8"))
        schema = json.loads((real_site.site / prefix / "data" / "measures.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(schema).validate(data)
        assert len(data) == 7 and data[0]["record"]["title"]["bg"]
    assert "have not yet been decided" in (real_site.site / "data" / "LICENSE.txt").read_text(encoding="utf-8")


def test_each_language_has_one_flat_table_in_its_own_words(fixture_site: Project):
    headers = {}
    for prefix, lang, separator in LANGUAGES:
        rows = table(fixture_site, prefix, separator)
        header, body = rows[0], rows[1:]
        headers[lang] = header
        assert len(header) > 5 and {len(row) for row in rows} == {len(header)}, lang  # one table, no broken rows
        assert len(body) == len(list(fixture_site.content.rglob("*.yaml"))), lang  # one row per record
        flat = [cell for row in rows for cell in row if cell.startswith(("{", "["))]
        assert flat == [], (lang, flat[:3])
        assert [path.name for path in (fixture_site.site / prefix / "data").glob("*.csv")] == ["records.csv"]
        kinds = {row[0] for row in body}
        assert ("Мярка" if lang == "bg" else "Measure") in kinds
        assert not kinds & set(REGISTRY.names()), "kinds as words, not codes"
    assert all(CYRILLIC.search(name) for name in headers["bg"]), headers["bg"]
    assert not any(CYRILLIC.search(name) for name in headers["en"]), headers["en"]
    assert "Регион" in headers["bg"] and "Region" in headers["en"]


def test_a_published_table_gives_each_page_its_full_address(fixture_site: Project):
    for prefix, lang, separator in LANGUAGES:
        rows = table(fixture_site, prefix, separator)
        column = rows[0].index("Страница" if lang == "bg" else "Page")
        addresses = [row[column] for row in rows[1:]]
        assert addresses and all(address.startswith(PUBLISHED_URL + prefix) for address in addresses), (lang, addresses[:3])
        assert PUBLISHED_URL + prefix + "measures/first-measure/" in addresses
        built = [address[len(PUBLISHED_URL) :] for address in addresses]
        assert all((fixture_site.site / path / "index.html").is_file() for path in built), "each address is a built page"


def test_an_unpublished_table_gives_paths_from_the_sites_root(real_site: Project):
    rows = table(real_site, "en/", ",")
    column = rows[0].index("Page")
    assert "en/measures/municipal-housing/" in [row[column] for row in rows[1:]]
    assert not [row[column] for row in rows[1:] if "://" in row[column]]


def test_published_feeds_link_absolutely_and_name_kinds_in_words(fixture_site: Project):
    for prefix, lang, _ in LANGUAGES:
        feed = ET.parse(fixture_site.site / prefix / "feed.xml").getroot()
        entries = feed.findall(f"{ATOM}entry")
        links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
        assert entries and all(link.startswith(PUBLISHED_URL + prefix) for link in links), (lang, links[:3])
        terms = {entry.find(f"{ATOM}category").get("term") for entry in entries}
        assert ("Мярка" if lang == "bg" else "Measure") in terms
        assert not terms & set(REGISTRY.names()), (lang, terms)
