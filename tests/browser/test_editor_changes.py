"""What a partner changes through the form on their own computer (`make editor`: decap-server
in git mode on a scratch clone), end to end in Chromium: a new region, a record deleted as
a reviewed change, the page previewed as the site makes it. Each save is the branch of a pull request; what it holds is read back
from git and checked by the validator, as the pull request's check would."""

from __future__ import annotations

import io
import subprocess
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, make_project
from editor_driver import committed_project, field, free_port, list_item, pick, save

from generator.editor_local import check_branch, local_editor
from generator.model import build_site
from generator.project import Project
from generator.validate import validate_content

PRACTICE = "content/regions/ruse/practices/babysitting-agency.yaml"


@pytest.fixture
def editor_page(real_site: Project, browser, tmp_path: Path) -> Iterator[tuple[Any, Path]]:
    """The form served by `make editor`'s servers, signed in: (page, the scratch clone)."""
    project = committed_project(tmp_path / "project", real_site)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.on("dialog", lambda dialog: dialog.accept())
    with local_editor(project, port=0, proxy_port=free_port()) as (base, repo):
        page.goto(base + "admin/")
        page.get_by_role("button", name="Вход").click()
        page.wait_for_selector('a[href^="#/collections/"]')
        yield page, repo
    page.close()


def branch_content(repo: Path, branch: str, target: Path) -> Project:
    """The branch's content/ unpacked into a project folder, as the pull request's check has it."""
    archive = subprocess.run(["git", "archive", branch, "content"], cwd=repo, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return make_project(target.parent / f"{target.name}-project", target / "content")


def read(repo: Path, branch: str, path: str) -> dict[str, Any]:
    return yaml.safe_load(subprocess.run(["git", "show", f"{branch}:{path}"], cwd=repo, check=True, capture_output=True, text=True).stdout)


@pytest.mark.browser
def test_a_new_region_is_made_in_its_own_folder(editor_page, tmp_path: Path):
    page, repo = editor_page
    page.click('a[href="#/collections/regions-new"]')
    page.click('a[href="#/collections/regions-new/new"]')
    field(page, "name", "bg").fill("Варна")
    field(page, "name", "en").fill("Varna")
    pick(page, "centre", "Фондация „Джендър алтернативи“")
    field(page, "summary", "bg", tag="textarea").fill("Област Варна се присъединява към мрежата на проекта.")
    sources = list_item(page, "sources")
    sources.locator('input[id^="title-field-"]').first.fill("Решение на общинския съвет")
    sources.locator('input[id^="url-field-"]').first.fill("https://www.varna.bg/resheniya")
    save(page)
    branch = "cms/regions-new/varna/region"  # the entry's slug is its path under the folder
    message = subprocess.run(["git", "log", "-1", "--format=%s", branch], cwd=repo, capture_output=True, text=True).stdout
    assert message.strip() == "Нов запис (Област): varna/region"
    data = read(repo, branch, "content/regions/varna/region.yaml")
    assert data["name"] == {"bg": "Варна", "en": "Varna"} and data["centre"] == "gender-alternatives"
    assert "slug" not in data
    assert check_branch(repo, branch, "bg") == []
    project = branch_content(repo, branch, tmp_path / "branch")
    loaded, problems = validate_content(project.content, project.root)
    assert problems == []
    assert build_site(loaded).get("region", "varna").name.bg == "Варна"


@pytest.mark.browser
def test_a_record_is_deleted_as_a_reviewed_change(editor_page, tmp_path: Path):
    page, repo = editor_page
    slug = Path(PRACTICE).stem
    page.click('a[href="#/collections/practices-ruse"]')
    page.get_by_text("„Да се изтрие“").first.wait_for()  # the collection says how
    page.click(f'a[href="#/collections/practices-ruse/entries/{slug}"]')
    review = page.locator('[id^="review-field-"]').first
    review.scroll_into_view_if_needed()
    review.locator("xpath=..").get_by_role("button").first.click()  # the group is folded: open it
    pick(page, "state", "Да се изтрие")
    save(page)
    branch = f"cms/practices-ruse/{slug}"
    assert read(repo, branch, PRACTICE)["review"]["state"] == "withdrawn"
    main_text = subprocess.run(["git", "show", f"main:{PRACTICE}"], cwd=repo, capture_output=True, text=True).stdout
    assert "withdrawn" not in main_text  # nothing is deleted until the change is accepted
    assert check_branch(repo, branch, "bg") == []
    project = branch_content(repo, branch, tmp_path / "branch")
    loaded, problems = validate_content(project.content, project.root)
    assert problems == []
    site = build_site(loaded)
    assert site.get("practice", slug) is None and [r.slug for r in site.withdrawn] == [slug]


@pytest.mark.browser
def test_the_preview_shows_the_page_as_the_site_makes_it(editor_page):
    """The pane beside the form: the record's page by the site's own rules (its templates,
    Python-Markdown and sanitiser), following what is typed; the validator's message instead
    while the record has an error."""
    from playwright.sync_api import expect

    page, _ = editor_page
    slug = Path(PRACTICE).stem
    page.click('a[href="#/collections/practices-ruse"]')
    page.click(f'a[href="#/collections/practices-ruse/entries/{slug}"]')
    pane = page.frame_locator("iframe").first
    expect(pane.locator("article h1")).to_have_text(read_file(PRACTICE)["title"]["bg"])
    expect(pane.locator("article .kb-kind")).to_contain_text("Добра практика")  # the site's template

    field(page, "title", "bg").fill("Агенция за детегледачки в Русе")
    expect(pane.locator("article h1")).to_have_text("Агенция за детегледачки в Русе")
    summary = field(page, "summary", "bg", tag="textarea")
    summary.fill("Жени се обучават за **детегледачки**.<script>document.title = 'x'</script>")
    expect(pane.locator("article .kb-text strong")).to_have_text("детегледачки")
    assert pane.locator("article script").count() == 0  # sanitised as on the site

    summary.fill("")
    field(page, "summary", "en", tag="textarea").fill("")
    expect(pane.get_by_role("alert")).to_contain_text("Липсва задължителното поле „Описание“")
    assert "content/" not in pane.get_by_role("alert").inner_text()  # the field's name, not the file's
    expect(pane.locator("article")).to_have_count(0)


def read_file(relative: str) -> dict[str, Any]:
    return yaml.safe_load((REPO / relative).read_text(encoding="utf-8"))
