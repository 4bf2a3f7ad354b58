"""Partners publish from a web form in Bulgarian (Decap CMS at /admin/), driven in real Chromium.

Offline: the in-memory backend, or decap-server in git mode on a scratch clone; every request
the editor makes goes to 127.0.0.1. (The form's configuration: tests/unit/editor/.)
"""

from __future__ import annotations

import difflib
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import REPO, make_project
from editor_driver import SAVE, committed_project, field, free_port, list_item, open_editor, pick, save, unpublished

from generator.project import Project
from generator.slugs import slugify
from generator.validate import validate_content

NEW_TITLE = "Група за взаимопомощ „Надежда“ в Пловдив"
QUALIFICATION = "Подкрепа за квалификация и преквалификация на пострадали от домашно насилие"


def only_local(requests: list[str]) -> list[str]:
    return [url for url in requests if urlsplit(url).hostname not in {"127.0.0.1"} and not url.startswith("data:")]


def fill_new_practice(page) -> None:
    page.click('a[href="#/collections/practices-plovdiv"]')
    page.click('a[href="#/collections/practices-plovdiv/new"]')
    field(page, "title", "bg").fill(NEW_TITLE)
    field(page, "summary", "bg", tag="textarea").fill("Жени, преживели насилие, се срещат всяка седмица с психолог.")
    pick(page, "measures", QUALIFICATION)
    pick(page, "target_groups", "Жени, преживели домашно насилие")
    pick(page, "target_groups", "Майки с деца")
    actors = list_item(page, "implementing_actors")
    field(actors, "name", "bg").fill("Фондация „Джендър Алтернативи“")
    pick(page, "type", "Неправителствена организация", within=actors)
    sources = list_item(page, "sources")
    sources.locator('input[id^="title-field-"]').first.fill("Годишен отчет на фондацията")
    sources.locator('input[id^="url-field-"]').first.fill("https://www.example.bg/otchet-2023")


@pytest.mark.browser
def test_a_new_practice_through_the_form_validates(real_site: Project, browser, tmp_path: Path):
    requests: list[str] = []
    with open_editor(browser, real_site.site, requests) as page:
        fill_new_practice(page)
        save(page)
        saved = unpublished(page)
    expected = f"content/regions/plovdiv/practices/{slugify(NEW_TITLE)}.yaml"
    assert list(saved) == [expected]
    assert slugify(NEW_TITLE) == "grupa-za-vzaimopomosht-nadezhda-v-plovdiv"
    text = saved[expected]
    assert text.startswith("# yaml-language-server: $schema=../../../../schemas/practice.schema.json\n")
    assert '""' not in text and "''" not in text and "draft: false" not in text
    data = yaml.safe_load(text)
    assert data["title"] == {"bg": NEW_TITLE}
    assert data["measures"] == ["qualification-support"]
    assert data["target_groups"] == ["women_survivors", "mothers_with_children"]
    assert "slug" not in data
    # validate it in a copy of the repository's content
    project = make_project(tmp_path / "copy", REPO / "content")
    (project.root / expected).parent.mkdir(parents=True, exist_ok=True)
    (project.root / expected).write_text(text, encoding="utf-8")
    loaded, problems = validate_content(project.content, project.root)
    assert problems == [] and slugify(NEW_TITLE) in {item.record.slug for item in loaded}
    assert only_local(requests) == []


@pytest.mark.browser
def test_editing_a_measure_changes_only_that_field(real_site: Project, browser):
    original = (REPO / "content/measures/kindergarten-place.yaml").read_text(encoding="utf-8")
    requests: list[str] = []
    with open_editor(browser, real_site.site, requests) as page:
        page.click('a[href="#/collections/measures"]')
        page.click('a[href="#/collections/measures/entries/kindergarten-place"]')
        helps = field(page, "helps", "en", tag="textarea")
        helps.wait_for()
        helps.press("End")
        helps.type(" Changed in the form.")
        save(page)
        saved = unpublished(page)
    new = saved["content/measures/kindergarten-place.yaml"]
    changed = [line for line in difflib.unified_diff(original.splitlines(), new.splitlines(), n=0, lineterm="") if line[:1] in "+-"]
    changed = [line for line in changed if not line.startswith(("+++", "---"))]
    assert changed and all(line[1:].startswith("  en:") or "Changed in the form." in line or line.startswith("-    ") for line in changed), changed
    assert yaml.safe_load(new)["helps"]["en"].endswith("Changed in the form.")
    before, after = yaml.safe_load(original), yaml.safe_load(new)
    after["helps"]["en"] = before["helps"]["en"]
    assert after == before  # nothing else changed
    assert only_local(requests) == []


@pytest.mark.browser
def test_a_form_error_is_shown_in_bulgarian(real_site: Project, browser):
    requests: list[str] = []
    with open_editor(browser, real_site.site, requests) as page:
        fill_new_practice(page)
        sources = list_item(page, "sources")
        sources.locator('input[id^="url-field-"]').first.fill("www.example.bg")
        page.get_by_role("button", name="Запази", exact=True).click()
        error = page.get_by_text(re.compile("Очаква се адрес, започващ с https://"))
        error.first.wait_for()
        assert unpublished(page) == {}
    assert only_local(requests) == []


@pytest.mark.browser
def test_a_period_that_ends_before_it_starts_is_refused_in_the_form(real_site: Project, browser, tmp_path: Path):
    practice = "content/regions/ruse/practices/babysitting-agency.yaml"
    requests: list[str] = []
    with open_editor(browser, real_site.site, requests) as page:
        page.click('a[href="#/collections/practices-ruse"]')
        page.click('a[href="#/collections/practices-ruse/entries/babysitting-agency"]')
        start, end = field(page, "period", "start"), field(page, "period", "end")
        start.fill("2024-03")
        end.fill("2022")
        page.get_by_role("button", name=SAVE, exact=True).click()
        # told beside the end, as the form tells its other mistakes (the label and its list of errors)
        error = page.locator(f'label[for="{end.get_attribute("id")}"] ~ ul li')
        error.wait_for()
        assert error.text_content() == "Краят на периода (2022) е преди началото му. Проверете двете дати."
        assert unpublished(page) == {}
        for box, text in ((start, "2022"), (end, "2022-11")):  # a year and a month of it: in order
            box.click()  # (Decap puts the cursor back after a re-render: fill() would add to the old text)
            box.press("Control+a")
            box.press("Backspace")
            box.press_sequentially(text)
        save(page)
        saved = unpublished(page)[practice]
    period = yaml.safe_load(saved)["period"]
    assert (period["start"], period["end"]) == ("2022", "2022-11")  # strings, as the validator wants them
    project = make_project(tmp_path / "copy", REPO / "content")
    (project.root / practice).write_text(saved, encoding="utf-8")
    assert validate_content(project.content, project.root)[1] == []
    assert only_local(requests) == []


@pytest.mark.browser
def test_saving_in_git_mode_makes_the_branch_of_a_pull_request(real_site: Project, browser, tmp_path: Path):
    from generator.editor_local import check_branch, local_editor

    project = committed_project(tmp_path / "project", real_site)
    head_before = subprocess.run(["git", "rev-parse", "HEAD"], cwd=project.root, capture_output=True, text=True).stdout
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: dialog.accept())
    with local_editor(project, port=0, proxy_port=free_port()) as (base, repo):
        page.goto(base + "admin/")
        page.get_by_role("button", name="Вход").click()
        fill_new_practice(page)
        save(page)
        branch = f"cms/practices-plovdiv/{slugify(NEW_TITLE)}"
        branches = subprocess.run(["git", "branch", "--list", "cms/*"], cwd=repo, capture_output=True, text=True).stdout
        assert branch in branches
        path = f"content/regions/plovdiv/practices/{slugify(NEW_TITLE)}.yaml"
        text = subprocess.run(["git", "show", f"{branch}:{path}"], cwd=repo, capture_output=True, text=True, check=True).stdout
        assert yaml.safe_load(text)["title"]["bg"] == NEW_TITLE
        assert check_branch(repo, branch, "bg") == []
    page.close()
    # the developer's working tree and branch are untouched
    assert subprocess.run(["git", "status", "--porcelain"], cwd=project.root, capture_output=True, text=True).stdout == ""
    assert subprocess.run(["git", "rev-parse", "HEAD"], cwd=project.root, capture_output=True, text=True).stdout == head_before
    assert only_local([url.replace("localhost", "127.0.0.1") for url in requests]) == []

