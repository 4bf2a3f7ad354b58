"""The web editor's configuration (schemas/cms-config.yml, from generator/schema.py): every
field of every kind is in the form with its constraints and Bulgarian label; the committed
file is checked; the editor's JavaScript reads the content as the generator does and makes
the same file names."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

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
    import dataclasses

    from generator.schema import Practice, doc

    project = make_project(tmp_path / "project", REPO / "content")
    shutil.copytree(REPO / "schemas", project.root / "schemas")
    assert main(["--root", str(project.root), "--lang", "en", "cms-config", "--check"]) == 0

    class PracticeWithMore(Practice):
        budget: Text | None = doc("Бюджет", "Budget", "What it cost.", "Колко е струвала.", default=None)

    practice = KINDS["practice"]
    monkeypatch.setattr(KINDS, "_kinds", [dataclasses.replace(k, model=PracticeWithMore) if k is practice else k for k in KINDS])
    assert main(["--root", str(project.root), "--lang", "bg", "cms-config", "--check"]) == 1
    assert "изпълнете `python -m generator cms-config`" in capsys.readouterr().err
    assert main(["--root", str(project.root), "cms-config"]) == 0
    assert "budget" in (project.root / editor.CONFIG_FILE).read_text(encoding="utf-8")


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
    result = subprocess.run(["node", "--input-type=module", "-e", script.replace("import(", "import(")], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [slugify(title) for title in titles]
