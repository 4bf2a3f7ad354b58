"""A site built after any sequence of edits is byte for byte the site built from nothing out
of the same content: an edit, a rename, a deletion, a new record, a change taken back, and
a build with nothing changed (which does nothing: build/inputs.json). Eight builds of the
fixture site: `make slow` runs it."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from conftest import PUBLISHED_URL

from generator.build import build
from generator.project import Project

PRACTICE = "regions/alpha/practices/good-one.yaml"
MEASURE = "measures/second-measure.yaml"


def site_bytes(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def from_nothing(project: Project, root: Path) -> dict[str, bytes]:
    """The same content (and settings) in a new folder, built once."""
    fresh = Project(root, site_url=PUBLISHED_URL)
    shutil.copytree(project.root, root, ignore=shutil.ignore_patterns("build", "site"))
    build(fresh)
    return site_bytes(fresh.site)


def retitle(project: Project, relative: str, title: str) -> str:
    """Give a record another Bulgarian title; returns the one it had."""
    path = project.content / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    old, data["title"]["bg"] = data["title"]["bg"], title
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(old)


def test_every_sequence_of_edits_ends_in_the_site_a_build_from_nothing_makes(built_copy: Project, tmp_path: Path):
    project = built_copy
    measure_title = yaml.safe_load((project.content / MEASURE).read_text(encoding="utf-8"))["title"]["bg"]
    steps = [
        ("edit", lambda: retitle(project, PRACTICE, "Добра практика с ново име")),
        ("rename", lambda: (project.content / PRACTICE).rename(project.content / "regions/alpha/practices/renamed-one.yaml")),
        ("new", lambda: shutil.copy(project.content / "regions/alpha/practices/renamed-one.yaml", project.content / "regions/alpha/practices/third-one.yaml")),
        ("delete", lambda: (project.content / "regions/alpha/practices/third-one.yaml").unlink()),
        ("a title other pages show", lambda: retitle(project, MEASURE, "Сменено име на мярка")),
        ("taken back", lambda: retitle(project, MEASURE, measure_title)),
    ]
    for name, change in steps:
        change()
        report = build(project)
        assert not report.skipped, name
        if name in ("delete", "taken back"):  # halfway, and at the end
            assert site_bytes(project.site) == from_nothing(project, tmp_path / f"fresh-{name}"), f"after {name}"
    before = site_bytes(project.site)
    again = build(project)
    assert again.skipped and again.site is None  # nothing changed: nothing loaded, rendered or built
    assert site_bytes(project.site) == before
