"""A site built after any sequence of edits is byte for byte the site built from nothing out
of the same content: an edit, a rename, a deletion, a new record, a change taken back, and
a build with nothing changed (which does nothing: build/inputs.json). Eight builds of the
fixture site: `make slow` runs it."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from editing import folder_bytes, from_nothing, retitle

from generator.build import build
from generator.project import Project

PRACTICE = "regions/alpha/practices/good-one.yaml"
MEASURE = "measures/second-measure.yaml"


def site_bytes(site: Path) -> dict[str, bytes]:
    return folder_bytes(site)


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
            assert site_bytes(project.site) == site_bytes(from_nothing(project, tmp_path / f"fresh-{name}").site), f"after {name}"
    before = site_bytes(project.site)
    again = build(project)
    assert again.skipped and again.site is None  # nothing changed: nothing loaded, rendered or built
    assert site_bytes(project.site) == before
