"""Issue 11: partners publish from a web form in Bulgarian (Decap CMS at /admin/).

Offline: the in-memory backend and decap-server on a scratch clone; every request the
editor makes goes to 127.0.0.1.
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import REPO, make_project
from editor_driver import field, list_item, open_editor, pick, save, unpublished

from generator import editor, walker
from generator.cli import main
from generator.linkcheck import html_pages
from generator.project import Project
from generator.schema import KINDS, Text
from generator.slugs import slugify

pytestmark = pytest.mark.browser

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
    # validate it in a copy of the repository
    project = make_project(tmp_path / "copy", REPO / "content")
    (project.root / expected).parent.mkdir(parents=True, exist_ok=True)
    (project.root / expected).write_text(text, encoding="utf-8")
    assert main(["--root", str(project.root), "validate"]) == 0
    assert only_local(requests) == []


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


def test_saving_in_git_mode_makes_the_branch_of_a_pull_request(browser, tmp_path: Path):
    from generator.build import build
    from generator.editor_local import local_editor

    project = make_project(tmp_path / "project", REPO / "content")
    for name in ("schemas", "editor.yml", "languages.yml", ".gitignore"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project.root / name)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project.root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project.root, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "content"], cwd=project.root, check=True)
    build(project)
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
        from generator.editor_local import check_branch

        assert check_branch(repo, branch, "bg") == []
    page.close()
    # the developer's working tree and branch are untouched
    assert subprocess.run(["git", "status", "--porcelain"], cwd=project.root, capture_output=True, text=True).stdout == ""
    assert subprocess.run(["git", "rev-parse", "HEAD"], cwd=project.root, capture_output=True, text=True).stdout == head_before
    assert only_local([url.replace("localhost", "127.0.0.1") for url in requests]) == []


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- the configuration and the page ----------------------------------------------------------


def config_fields(fields: list[dict]) -> dict[str, dict]:
    return {entry["name"]: entry for entry in fields}


def check_fields(model, fields: list[dict], where: str) -> int:
    """Every field of the model is in the form, with its constraints; returns how many."""
    given = config_fields(fields)
    count = 0
    for spec in walker.fields_of(model):
        assert spec.name in given, f"{where}.{spec.name} is not in the form"
        entry = given[spec.name]
        count += 1
        assert entry["required"] is spec.required, f"{where}.{spec.name}"
        assert re.fullmatch(r"[А-Яа-я][^a-z_]*", entry["label"]), f"{where}.{spec.name}: label {entry['label']!r}"
        if spec.choices:
            assert [o["value"] for o in entry["options"]] == list(spec.choices)
            assert all(re.search("[А-Яа-я]", o["label"]) for o in entry["options"])
        if spec.ref in {"measure", "partner"}:
            assert entry["widget"] == "relation" and entry["value_field"] == "{{slug}}"
        if spec.pattern and entry["widget"] == "string":
            assert entry["pattern"][0] == spec.pattern
        if spec.many and spec.min_items:
            assert entry["min"] == spec.min_items
        if spec.group is Text:
            assert [f["name"] for f in entry["fields"]] == ["bg", "en", "draft"]
        elif spec.group is not None:
            count += check_fields(spec.group, entry["fields"], f"{where}.{spec.name}")
    return count


def test_the_form_covers_every_field_of_every_kind():
    config = yaml.safe_load((REPO / editor.CONFIG_FILE).read_text(encoding="utf-8"))
    assert config["backend"]["auth_scope"] == "public_repo"
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "bg"
    by_kind: dict[str, list[dict]] = {}
    for collection in config["collections"]:
        for entry in collection.get("files") or [collection]:
            kind = (entry.get("format") or collection["format"]).split(":")[1]
            by_kind.setdefault(kind, []).append(entry)
    assert set(by_kind) == {kind.name for kind in KINDS}
    total = 0
    for kind in KINDS:
        for entry in by_kind[kind.name]:
            total += check_fields(kind.model, entry["fields"], kind.name)
    assert total > 200
    practices = [c["folder"] for c in config["collections"] if c.get("format", "").startswith("wego3:practice:")]
    assert practices == [f"content/regions/{r}/practices" for r in ("plovdiv", "ruse", "targovishte")]


def test_cms_config_check_fails_when_the_schema_gains_a_field(monkeypatch, tmp_path: Path, capsys):
    from generator.schema import Kind, Practice, doc

    project = make_project(tmp_path / "project", REPO / "content")
    shutil.copytree(REPO / "schemas", project.root / "schemas")
    assert main(["--root", str(project.root), "--lang", "en", "cms-config", "--check"]) == 0

    class PracticeWithMore(Practice):
        budget: Text | None = doc("Бюджет", "Budget", "What it cost.", "Колко е струвала.", default=None)

    kinds = tuple(Kind(k.name, PracticeWithMore, k.pattern, k.slug_from) if k.name == "practice" else k for k in KINDS)
    monkeypatch.setattr(editor, "KINDS", kinds)
    assert main(["--root", str(project.root), "--lang", "bg", "cms-config", "--check"]) == 1
    assert "изпълнете `python -m generator cms-config`" in capsys.readouterr().err
    assert main(["--root", str(project.root), "cms-config"]) == 0
    assert "budget" in (project.root / editor.CONFIG_FILE).read_text(encoding="utf-8")


def test_admin_page_is_self_contained_and_not_indexed(real_site: Project):
    admin = real_site.site / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    connect = re.search(r"connect-src ([^;]+);", policy.replace("&#39;", "'")).group(1).split()
    assert connect == ["'self'", "https://api.github.com"]  # + the sign-in helper, once editor.yml names it
    assert "default-src 'self'" in policy
    assert (admin / "decap-cms.js").is_file() and (admin / "config.yml").is_file()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert all(not urlsplit(src).netloc for src in scripts)
    # public pages never load anything from /admin/
    for html in html_pages(real_site.site):
        if "admin" in html.relative_to(real_site.site).parts:
            continue
        assert "/admin/" not in html.read_text(encoding="utf-8") and 'admin/' not in re.findall(r'(?:src|href)="([^"]*)"', html.read_text(encoding="utf-8")), html


def test_content_is_in_the_editor_form_and_file_names_match_the_scaffold():
    files = sorted(str(p.relative_to(REPO)) for p in (REPO / "content").rglob("*.yaml"))
    check = subprocess.run(
        ["node", "editor/normalise.mjs", "--check", editor.CONFIG_FILE, *files], cwd=REPO, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    titles = [NEW_TITLE, "Център за подкрепа „Надежда“", "Юрист и квартира: щастие, ъгъл, ютия", "Мярка 7 — Клиника"]
    for path in (REPO / "content").rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("title", "name"):
            if isinstance(data.get(key), dict) and data[key].get("bg"):
                titles.append(data[key]["bg"])
    script = (
        "import('./editor/src/format.js').then(f => console.log(JSON.stringify("
        + repr(titles).replace("'", '"')
        + ".map(f.slugify))))"
    )
    import json

    result = subprocess.run(["node", "--input-type=module", "-e", script.replace("import(", "import(")], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [slugify(title) for title in titles]


def test_preview_summary_lists_pages_added_changed_and_removed(tmp_path: Path, capsys):
    base = make_project(tmp_path / "base")
    head = make_project(tmp_path / "head")
    measure = next((head.content / "measures").glob("*.yaml"))
    measure.write_text(measure.read_text(encoding="utf-8").replace("kindergartens", "kindergartens and crèches"), encoding="utf-8")
    practice = next(head.content.rglob("practices/*.yaml"))
    practice.rename(practice.with_name("renamed-practice.yaml"))
    for project in (base, head):
        assert main(["--root", str(project.root), "render"]) == 0
    capsys.readouterr()
    assert main(["--root", str(head.root), "diff", "--base", str(base.root)]) == 0
    out = capsys.readouterr().out
    assert "Добавени страници / Pages added" in out and "/practices/renamed-practice/" in out
    assert "Премахнати страници / Pages removed" in out and f"/practices/{practice.stem}/" in out
    assert "Променени страници / Pages changed" in out and f"/en/measures/{measure.stem}/" in out
    assert "| en |" in out and "| bg |" in out
