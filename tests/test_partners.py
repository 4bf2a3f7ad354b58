"""Issue 3: schemas in the editor, scaffolds, Bulgarian errors, status, PR checks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, make_project

from generator.build import build
from generator.cli import main
from generator.linkcheck import parse
from generator.render import labels
from generator.schema import KINDS, kind_for
from generator.schema_export import SCHEMA_DIR, rendered_schemas, schema_comment
from generator.slugs import slugify


def test_committed_json_schemas_are_up_to_date():
    for name, text in rendered_schemas().items():
        committed = REPO / SCHEMA_DIR / name
        assert committed.exists(), f"{name} missing: run python -m generator schemas"
        assert committed.read_text(encoding="utf-8") == text, f"{name} is stale: run python -m generator schemas"


def test_every_content_file_starts_with_its_schema_line():
    from pathlib import PurePosixPath

    for path in sorted((REPO / "content").rglob("*.yaml")):
        relative = PurePosixPath(path.relative_to(REPO / "content").as_posix())
        kind = kind_for(relative)
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == schema_comment(kind, len(relative.parts) - 1), path
        target = (path.parent / first.split("$schema=")[1]).resolve()
        assert target.is_file(), target


def test_json_schema_accepts_real_content_and_flags_a_typo():
    for path in sorted((REPO / "content").rglob("*.yaml")):
        from pathlib import PurePosixPath

        kind = kind_for(PurePosixPath(path.relative_to(REPO / "content").as_posix()))
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = json.loads(json.dumps(data, default=str))  # dates as strings, as an editor sees them
        validator = jsonschema.Draft202012Validator(json.loads(rendered_schemas()[f"{kind.name}.schema.json"]))
        assert list(validator.iter_errors(data)) == [], path
    measure = yaml.safe_load((REPO / "content/measures/kindergarten-place.yaml").read_text(encoding="utf-8"))
    measure["titel"] = measure.pop("title")
    validator = jsonschema.Draft202012Validator(json.loads(rendered_schemas()["measure.schema.json"]))
    messages = [e.message for e in validator.iter_errors(measure)]
    assert any("titel" in m for m in messages) and any("'title' is a required property" in m for m in messages)


def test_every_allowed_value_has_a_label_in_both_languages():
    from generator import walker

    def choice_fields(model):
        for spec in walker.fields_of(model):
            if spec.choices:
                yield spec
            if spec.shape == "group":
                yield from choice_fields(spec.group)

    groups = {}
    for kind in KINDS:
        for spec in choice_fields(kind.model):
            assert spec.choice_group, (kind.name, spec.name)
            groups[spec.choice_group] = spec.choices
    assert len(groups) == 13
    for name, values in groups.items():
        for value in values:
            assert set(labels()["enums"][name][value]) == {"bg", "en"}, (name, value)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Група за взаимопомощ", "grupa-za-vzaimopomosht"),
        ("Търговище", "targovishte"),
        ("Подкрепа за Мария", "podkrepa-za-maria"),
        ("Щастие и ЮЖЕН вятър!", "shtastie-i-yuzhen-vyatar"),
        ("Kindergarten place", "kindergarten-place"),
    ],
)
def test_slugs_follow_the_official_bulgarian_transliteration(title, slug):
    assert slugify(title) == slug


def test_new_partner_adds_a_practice_end_to_end(tmp_path: Path, capsys):
    """The issue's 'done when', as a new partner would do it."""
    project = make_project(tmp_path / "p", REPO / "content")
    root = ["--root", str(project.root)]
    assert main([*root, "new", "practice", "--region", "plovdiv", "--title", "Група за взаимопомощ"]) == 0
    path = project.content / "regions/plovdiv/practices/grupa-za-vzaimopomosht.yaml"
    assert capsys.readouterr().out.strip() == "content/regions/plovdiv/practices/grupa-za-vzaimopomosht.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../../schemas/practice.schema.json\n")
    assert "# Наименование на практиката. / Name of the practice." in text
    # As written, the scaffold names every field that still needs filling (issue 12).
    capsys.readouterr()
    assert main([*root, "--lang", "bg", "validate"]) == 1
    err = capsys.readouterr().err
    assert "„Описание → Български“ още не е попълнено: пише „ЗА ПОПЪЛВАНЕ: Какво е направено.“" in err
    assert "„Източници (№ 1) → Адрес“ още сочи към примерен адрес (https://example.org/)" in err
    assert "„Изпълнители (№ 1) → Име → Български“ още не е попълнено" in err
    # Refuses to overwrite.
    assert main([*root, "--lang", "en", "new", "practice", "--region", "plovdiv", "--title", "Група за взаимопомощ"]) == 1
    assert "already exists" in capsys.readouterr().err

    # Fill in only the Bulgarian fields, with a typo in one field name.
    filled = text.replace("ЗА ПОПЪЛВАНЕ: Какво е направено.", "Жени се срещат всяка седмица и си помагат.")
    filled = filled.replace("url: https://example.org/", "url: https://source.test/group")
    filled = filled.replace("ЗА ПОПЪЛВАНЕ", "Фондация „Джендър Алтернативи“")
    typo = filled.replace("\nsummary:", "\nsumary:")
    path.write_text(typo, encoding="utf-8")
    line = typo.split("\n").index("sumary:") + 1
    capsys.readouterr()
    assert main([*root, "--lang", "bg", "validate"]) == 1
    err = capsys.readouterr().err
    assert (
        f"content/regions/plovdiv/practices/grupa-za-vzaimopomosht.yaml:{line}:1: грешка: Непознато поле „sumary“ — може би „summary“?"
        in err
    )
    assert main([*root, "--lang", "bg", "validate", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert f"::error file=content/regions/plovdiv/practices/grupa-za-vzaimopomosht.yaml,line={line},col=1," in out

    # Fix it: the site builds, the English page says it is not yet translated.
    path.write_text(filled, encoding="utf-8")
    build(project)
    english = parse(project.site / "en/practices/grupa-za-vzaimopomosht/index.html").all_text
    assert "Not yet translated" in english and "Група за взаимопомощ" in english
    assert main([*root, "--lang", "en", "status"]) == 0
    report = capsys.readouterr().out
    missing_en = report.split("Missing Bulgarian text")[0]
    assert "content/regions/plovdiv/practices/grupa-za-vzaimopomosht.yaml  [practice]  title, summary" in missing_en
    drafts = report.split("Records in draft")[1]
    assert "grupa-za-vzaimopomosht.yaml" in drafts
    # The site's translation-status page states the same facts.
    status_page = parse(project.site / "en/translation-status/index.html").all_text
    assert "grupa-za-vzaimopomosht" in status_page


def test_every_scaffold_kind_is_valid_once_its_placeholders_are_filled(tmp_path: Path, capsys):
    project = make_project(tmp_path / "p", REPO / "content")
    paths = []
    for kind in ("measure", "region", "partner", "meeting", "topic"):
        assert main(["--root", str(project.root), "new", kind, "--title", f"Нов запис {kind}"]) == 0
        paths.append(project.root / capsys.readouterr().out.strip())
    assert main(["--root", str(project.root), "new", "practice", "--title", "Без регион"]) == 2
    assert main(["--root", str(project.root), "--lang", "en", "validate", "--format", "json"]) == 1
    codes = {problem["code"] for problem in json.loads(capsys.readouterr().out)}
    assert codes <= {"placeholder", "placeholder_url"} and codes
    for path in paths:
        text = path.read_text(encoding="utf-8").replace("ЗА ПОПЪЛВАНЕ", "Попълнено").replace("https://example.org/", "https://source.test/")
        path.write_text(text, encoding="utf-8")
    assert main(["--root", str(project.root), "validate"]) == 0


def test_workflows_pass_zizmor_and_the_github_workflow_schema():
    workflows = sorted(str(p) for p in (REPO / ".github/workflows").glob("*.yml"))
    assert len(workflows) == 2
    bindir = Path(sys.executable).parent
    audit = subprocess.run([str(bindir / "zizmor"), "--offline", *workflows], capture_output=True, text=True)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    schema_check = subprocess.run(
        [str(bindir / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *workflows],
        capture_output=True,
        text=True,
    )
    assert schema_check.returncode == 0, schema_check.stdout + schema_check.stderr
    check = (REPO / ".github/workflows/check.yml").read_text(encoding="utf-8")
    for step in ("validate --format github", "schemas --check", "generator build", "check-links", "make test"):
        assert step in check
    pages = (REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert "actions/deploy-pages@" in pages and "actions/upload-pages-artifact@" in pages


def test_codeowners_give_each_region_to_its_partner():
    owners = (REPO / ".github/CODEOWNERS").read_text(encoding="utf-8")
    for region in ("ruse", "plovdiv", "targovishte"):
        assert f"/content/regions/{region}/" in owners
    assert "TO SET" in owners


def test_code_passes_ruff():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "ruff"), "check", "generator", "tests"], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0, result.stdout


def test_generator_passes_mypy():
    result = subprocess.run([str(Path(sys.executable).parent / "mypy"), "generator"], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout
