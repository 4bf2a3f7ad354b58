"""The plan: pages from the registry, list pages split, collisions told as problems."""

from __future__ import annotations

from generator import urls
from generator.plan import PageSpec, PlanError, collisions_of, paged
from generator.schema import Topic
from generator.urls import Address


def test_a_long_list_is_split_over_pages_each_knowing_all_of_them():
    pages = paged(Address("measures/index.md"), "measures.md.j2", list(range(120)), {}, size=50)
    assert [page.path for page in pages] == ["measures/index.md", "measures/index-2.md", "measures/index-3.md"]
    assert [len(page.context["items"]) for page in pages] == [50, 50, 20]
    assert pages[1].context["pager"].paths == [page.address for page in pages]
    assert [page.searchable for page in pages] == [True, False, False]


def test_an_empty_list_still_has_its_first_page():
    assert [page.path for page in paged(Address("partners/index.md"), "partners.md.j2", [], {})] == ["partners/index.md"]


def record(path: str, slug: str) -> Topic:
    topic = Topic.model_validate(
        {"title": {"bg": "Т"}, "summary": {"bg": "Р"}, "sections": [{"title": {"bg": "З"}, "body": {"bg": "Т"}}],
         "sources": [{"title": "S", "url": "https://wegoproject.eu/x"}]}
    )
    topic._slug, topic._path = slug, path
    return topic


def test_two_records_on_one_address_are_problems_naming_each_other():
    one, two = record("content/topics/a.yaml", "a"), record("content/rivals/a.yaml", "a")
    pages = [PageSpec(Address("topics/a.md"), "topic.md.j2", record=one), PageSpec(Address("topics/a.md"), "topic.md.j2", record=two)]
    error = PlanError(collisions_of(pages))
    told = {p.path: p for p in error.problems}
    assert set(told) == {"content/topics/a.yaml", "content/rivals/a.yaml"}
    assert told["content/topics/a.yaml"].params["other"]["en"] == "content/rivals/a.yaml"
    assert told["content/rivals/a.yaml"].params["other"]["en"] == "content/topics/a.yaml"
    assert {p.code for p in error.problems} == {"address_taken"} and told["content/topics/a.yaml"].params["address"] == "/topics/a/"


def test_a_record_on_a_site_page_is_told_with_the_site_page_and_site_pages_alone_are_never_silent():
    one = record("content/topics/matrix.yaml", "matrix")
    pages = [PageSpec(urls.section("matrix"), "matrix.md.j2"), PageSpec(urls.section("matrix"), "topic.md.j2", record=one)]
    [problem] = PlanError(collisions_of(pages)).problems
    assert problem.path == "content/topics/matrix.yaml"
    assert "/matrix/" in problem.params["other"]["en"] and "страница на самия сайт" in problem.params["other"]["bg"]
    both_site = [PageSpec(urls.section("matrix"), "matrix.md.j2"), PageSpec(urls.section("matrix"), "matrix.md.j2")]
    assert len(PlanError(collisions_of(both_site)).problems) == 1
