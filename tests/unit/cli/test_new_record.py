"""`python -m generator new`: a scaffold with every field, which names what still needs filling."""

from __future__ import annotations

import json

from conftest import REPO, make_project

from generator.project import Project


def test_scaffold_refuses_a_path_like_region(cli, project: Project):
    before = sorted(p.relative_to(project.root.parent) for p in project.root.parent.rglob("*"))
    result = cli("--root", str(project.root), "--lang", "en", "new", "practice", "--region", "../../tmp", "--title", "x")
    assert result.code == 2 and result.err.startswith("python -m generator new: ")
    assert sorted(p.relative_to(project.root.parent) for p in project.root.parent.rglob("*")) == before  # nothing written


def test_every_scaffold_kind_is_valid_once_its_placeholders_are_filled(cli, tmp_path):
    project = make_project(tmp_path / "p", REPO / "content")
    root = ("--root", str(project.root))
    paths = []
    for kind in ("measure", "region", "partner", "meeting", "topic"):
        made = cli(*root, "new", kind, "--title", f"Нов запис {kind}")
        assert made.code == 0
        paths.append(project.root / made.out.strip())
    assert cli(*root, "new", "practice", "--title", "Без регион").code == 2
    as_json = cli(*root, "--lang", "en", "validate", "--format", "json")
    assert as_json.code == 1
    codes = {problem["code"] for problem in json.loads(as_json.out)}
    assert codes <= {"placeholder", "placeholder_url"} and codes
    for path in paths:
        text = path.read_text(encoding="utf-8").replace("ЗА ПОПЪЛВАНЕ", "Попълнено").replace("https://example.org/", "https://source.test/")
        path.write_text(text, encoding="utf-8")
    valid = cli(*root, "--lang", "en", "validate")
    assert valid.code == 0 and valid.errors() == []
