"""The local editor's site server (`make editor`): the site's own 404 pages, and the form's
preview answered at POST /preview — only to JSON, with the page or the validator's words."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from generator.editor_local import serve_site
from generator.project import Project


def fetch(url: str, data: bytes | None = None, kind: str = "application/json") -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": kind} if data is not None else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture
def site_address(project: Project):
    (project.site / "en").mkdir(parents=True)
    (project.site / "404.html").write_text("<h1>Страницата я няма</h1>", encoding="utf-8")
    (project.site / "en" / "404.html").write_text("<h1>No such page</h1>", encoding="utf-8")
    (project.site / "index.html").write_text('<link rel="stylesheet" href="assets/site.css">', encoding="utf-8")
    with serve_site(project, 0, 8081, "main") as base:
        yield base


def test_a_missing_page_is_the_sites_own_404_in_its_language(site_address: str):
    assert fetch(site_address + "no/such/page/") == (404, "<h1>Страницата я няма</h1>")
    assert fetch(site_address + "en/no/such/page/") == (404, "<h1>No such page</h1>")


def test_the_preview_answers_json_with_the_page_or_the_validators_words(site_address: str):
    practice = {
        "title": {"bg": "Група за взаимопомощ"},
        "summary": {"bg": "Жени се срещат всяка седмица."},
        "measures": ["first-measure"],
        "target_groups": ["women_survivors"],
        "implementing_actors": [{"name": {"bg": "Център А"}, "type": "crisis_centre", "partner": "centre-a"}],
        "sources": [{"title": "Отчет", "url": "https://source.test/otchet"}],
    }
    question = {"collection": "practices-alpha", "path": "", "data": practice}
    status, body = fetch(site_address + "preview", json.dumps(question).encode("utf-8"))
    said = json.loads(body)
    assert status == 200 and said["problems"] == [] and said["styles"] == ["/assets/site.css"]
    assert '<h1 id="grupa-za-vzaimopomosht">Група за взаимопомощ</h1>' in said["html"]

    question["data"] = {**practice, "sources": []}
    said = json.loads(fetch(site_address + "preview", json.dumps(question).encode("utf-8"))[1])
    assert said["html"] == "" and said["problems"] and all("content/" not in text for text in said["problems"])
    assert any("„Източници“" in text for text in said["problems"]), said["problems"]

    assert fetch(site_address + "preview", b"not json")[0] == 200  # told in words, not a traceback
    assert json.loads(fetch(site_address + "preview", b"not json")[1])["problems"] == ["Изгледът не получи записа от формата. Презаредете страницата на формата."]
    assert fetch(site_address + "preview", b"{}", kind="text/plain")[0] == 404  # another site's page cannot send it without asking
