"""The web editor's configuration (made from generator/schema.py and the content): every
field of every kind is in the form with its constraints and Bulgarian label; a region and a
protocol can be made in it; the editor's JavaScript reads the content as the generator does
and makes the same file names."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import REPO, make_project

from generator import editor, walker
from generator.cli import main
from generator.kinds import REGISTRY as KINDS
from generator.schema import Text
from generator.slugs import slugify

NEW_TITLE = "Група за взаимопомощ „Надежда“ в Пловдив"


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


@pytest.fixture(scope="module")
def real_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/cms-config.yml of the repository's content, as `cms-config` writes it."""
    project = make_project(tmp_path_factory.mktemp("config") / "project", REPO / "content")
    assert main(["--root", str(project.root), "cms-config"]) == 0
    return editor.config_path(project)


def test_the_form_covers_every_field_of_every_kind(real_config: Path):
    config = yaml.safe_load(real_config.read_text(encoding="utf-8"))
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


def test_the_configuration_follows_the_schema_and_the_content(monkeypatch, tmp_path: Path):
    """Made afresh each time: a field the schema gains and a region the content gains are in
    it with nothing to run by hand (a region added through the form changes it)."""
    import dataclasses

    from generator.build import load_site
    from generator.schema import Practice, doc

    project = make_project(tmp_path / "project", REPO / "content")
    shutil.copytree(project.content / "regions" / "plovdiv", project.content / "regions" / "varna")

    class PracticeWithMore(Practice):
        budget: Text | None = doc("Бюджет", "Budget", "What it cost.", "Колко е струвала.", default=None)

    practice = KINDS["practice"]
    monkeypatch.setattr(KINDS, "_kinds", [dataclasses.replace(k, model=PracticeWithMore) if k is practice else k for k in KINDS])
    config = editor.cms_config(project, load_site(project))
    folders = {c["name"]: c for c in config["collections"] if "folder" in c}
    assert "budget" in config_fields(folders["practices-varna"]["fields"])
    assert folders["practices-varna"]["folder"] == "content/regions/varna/practices"


def test_a_new_region_and_its_protocol_are_made_in_collections_of_their_own(real_config: Path):
    """A region is content/regions/<slug>/region.yaml: Decap makes it from a folder collection
    whose path the slug names; its list shows nothing (its folder holds protocols too). A
    protocol goes into the folder of a region chosen from those that have none."""
    config = yaml.safe_load(real_config.read_text(encoding="utf-8"))
    by_name = {c["name"]: c for c in config["collections"]}
    region = by_name["regions-new"]
    assert (region["folder"], region["path"], region["format"]) == ("content/regions", "{{slug}}/region", "wego3:region:2")
    assert region["create"] is True and region["slug"] == "{{fields.slug}}"
    assert region["filter"] == {"field": "slug", "value": editor.NO_FILE_HAS}
    assert region["fields"][0] == {"name": "slug", "label": "Адрес", "widget": "hidden", "required": False}
    check_fields(KINDS["region"].model, region["fields"], "regions-new")
    protocol = by_name["protocols-new"]
    assert (protocol["folder"], protocol["path"]) == ("content/regions", "{{slug}}/protocol")
    choice = protocol["fields"][0]
    assert choice["name"] == "slug" and choice["widget"] == "select" and choice["required"] is True
    assert {o["value"] for o in choice["options"]} == {"plovdiv", "targovishte"}  # Ruse has its protocol
    assert all(re.search("[А-Яа-я]", text) for text in (region["label"], region["description"], protocol["description"]))
    for collection in config["collections"]:  # how to delete is said wherever a record is opened
        if "new" not in collection["name"]:
            assert "„Да се изтрие“" in collection["description"], collection["name"]


def test_content_is_in_the_editor_form_and_file_names_match_the_scaffold(real_config: Path):
    files = sorted(str(p.relative_to(REPO)) for p in (REPO / "content").rglob("*.yaml"))
    check = subprocess.run(
        ["node", "editor/normalise.mjs", "--check", str(real_config), *files], cwd=REPO, capture_output=True, text=True
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
    result = subprocess.run(["node", "--input-type=module", "-e", script.replace("import(", "import(")], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [slugify(title) for title in titles]
