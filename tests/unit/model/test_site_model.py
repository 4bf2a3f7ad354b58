"""model.build_site: records become one Site — sorted, grouped and cross-referenced once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.model import Site, build_site
from generator.project import Project
from generator.validate import load_valid

BETA_REGION = """\
name: {bg: Бета, en: Beta}
centre: centre-a
summary: {bg: Област Бета., en: Beta region.}
sources:
  - title: Fixture source
    url: https://source.test/source
"""
BETA_PRACTICE = """\
title: {bg: Практика в Бета, en: Practice in Beta}
summary: {bg: Текст., en: Text.}
measures: [second-measure, first-measure]
target_groups: [women_survivors, mothers_with_children]
implementing_actors:
  - name: {bg: Община, en: Municipality}
    type: municipality
sources:
  - title: Fixture source
    url: https://source.test/source
"""
LEAD = """\
name: {bg: Водеща, en: Lead}
role: lead_organisation
city: {bg: София, en: Sofia}
about: {bg: Водеща организация., en: The lead organisation.}
sources:
  - title: Fixture source
    url: https://source.test/source
"""
THIRD_MEASURE = """\
number: 3
title: {bg: Трета мярка, en: Measure three}
summary: {bg: Текст., en: Text.}
helps: {bg: Всички., en: Everyone.}
implementers:
  actors: [ngo]
sources:
  - title: Fixture source
    url: https://source.test/source
"""


@pytest.fixture
def site(project: Project, write: Callable[[str, str], Path]) -> Site:
    """The fixture content and a second region, a second practice, a lead partner, a third measure (its slug sorts first)."""
    write("regions/beta/region.yaml", BETA_REGION)
    write("regions/beta/practices/beta-practice.yaml", BETA_PRACTICE)
    write("partners/lead.yaml", LEAD)
    write("measures/a-third-measure.yaml", THIRD_MEASURE)
    return build_site(load_valid(project.content, project.root))


def slugs(records) -> list[str]:
    return [record.slug for record in records]


def test_records_are_sorted_for_the_pages(site: Site):
    assert slugs(site.measures) == ["first-measure", "second-measure", "a-third-measure"]  # by number, not by name
    assert slugs(site.regions) == ["alpha", "beta"]
    assert slugs(site.practices) == ["beta-practice", "good-one"]
    assert slugs(site.partners) == ["lead", "centre-a"]  # the lead organisation first
    assert len(site.records) == sum(len(records) for records in site.by_kind.values()) == 11


def test_practices_are_grouped_by_measure_region_and_target_group(site: Site):
    assert {measure: slugs(found) for measure, found in site.practices_by_measure.items()} == {
        "first-measure": ["beta-practice", "good-one"],
        "second-measure": ["beta-practice"],
    }
    assert {region: slugs(found) for region, found in site.practices_by_region.items()} == {
        "alpha": ["good-one"],
        "beta": ["beta-practice"],
    }
    assert {group: slugs(found) for group, found in site.practices_by_target.items()} == {
        "women_survivors": ["beta-practice", "good-one"],
        "mothers_with_children": ["beta-practice"],
    }


def test_references_are_resolved_to_the_records(site: Site):
    practice = site.get("practice", "beta-practice")
    assert practice.ref("measures") == [site.get("measure", "second-measure"), site.get("measure", "first-measure")]
    good = site.get("practice", "good-one")
    assert good.implementing_actors[0].ref("partner") is site.get("partner", "centre-a")
    assert site.get("region", "beta").ref("centre") is site.get("partner", "centre-a")
    assert site.get("measure", None) is None and site.get("measure", "no-such") is None


def test_votes_are_gathered_per_measure(site: Site):
    [support] = site.support_by_measure["first-measure"]
    assert (support.meeting.slug, support.support) == ("meeting-one", "most_supported")
    assert "second-measure" not in site.support_by_measure


def test_every_measure_has_a_status_in_every_region(site: Site):
    assert set(site.status) == {(m.slug, r.slug) for m in site.measures for r in site.regions}
    discussed = site.status[("first-measure", "alpha")]
    assert (discussed.state, slugs(discussed.practices)) == ("discussed", ["good-one"])
    unknown = site.status[("first-measure", "beta")]  # no entry for beta in the measure's file
    assert (unknown.state, unknown.note, unknown.bodies, unknown.ordinances) == ("unknown", None, [], [])
    assert slugs(unknown.practices) == ["beta-practice"]
    assert site.status[("second-measure", "alpha")].practices == []


def test_last_changed_dates_are_carried(site: Site, project: Project):
    import datetime

    loaded = load_valid(project.content, project.root)
    path = site.measures[0].path
    dated = build_site(loaded, {path: datetime.date(2023, 5, 1)})
    assert dated.changed == {path: datetime.date(2023, 5, 1)} and site.changed == {}


def test_a_site_built_again_from_the_same_records_resolves_each_reference_once(project: Project):
    """`serve` keeps the records of files that did not change and builds a new Site from them
    on every save; references were added to what the last Site had resolved (after five
    saves a practice listed its measures six times)."""
    loaded = load_valid(project.content, project.root)
    first = build_site(loaded)
    practice = next(p for p in first.by_kind["practice"])
    measures = [m.slug for m in practice.ref("measures")]
    for _ in range(5):
        again = build_site(loaded)
    practice_again = next(p for p in again.by_kind["practice"] if p.slug == practice.slug)
    assert [m.slug for m in practice_again.ref("measures")] == measures and len(measures) >= 1
