"""`serve` after saves (the saved record's own page shown first, then only what changed
rendered again, the builder kept ready, the search index and open data made after the page
is shown) ends in the site a build from nothing makes: the same record saved five times, a
renamed, a new and a deleted record, a title other pages show."""

from __future__ import annotations

import shutil
from pathlib import Path

from editing import folder_bytes, from_nothing, retitle

from generator.build import PreviewCache, build, preview_build, show_saved
from generator.project import Project

PRACTICE = "regions/alpha/practices/good-one.yaml"
MEASURE = "measures/second-measure.yaml"


def test_saves_end_in_the_pages_and_files_a_build_from_nothing_makes(built_copy: Project, tmp_path: Path):
    project = built_copy
    practices = project.content / "regions/alpha/practices"
    steps = [
        *((f"save {n}", lambda n=n: retitle(project, PRACTICE, f"Добра практика, запис {n}")) for n in range(1, 6)),
        ("rename", lambda: (project.content / PRACTICE).rename(practices / "renamed-one.yaml")),
        ("new", lambda: shutil.copy(practices / "renamed-one.yaml", practices / "third-one.yaml")),
        ("delete", lambda: (practices / "third-one.yaml").unlink()),
        ("a title other pages show", lambda: retitle(project, MEASURE, "Сменено име на мярка")),
    ]
    cache = PreviewCache()
    try:
        build(project, cache=cache)
        preview_build(project, cache)  # as serve starts: the builder made ready
        for name, change in steps:
            change()
            shown = show_saved(project, cache)  # as serve does: the saved record's page first
            if name.startswith("save"):
                assert shown == ["practices/good-one.md"]
                page = (project.site / "practices/good-one/index.html").read_text(encoding="utf-8")
                assert f"Добра практика, запис {name[-1]}" in page
            elif name in ("rename", "new", "delete"):
                assert shown == [], name  # the list of pages changes: the whole preview
            report = preview_build(project, cache)
            if name == "save 2":  # the same record again: a few pages made again, not the site
                assert 0 < sum(len(result.fresh) for result in report.rendered.values()) < 40
        cache.settle()
        fresh = from_nothing(project, tmp_path / "fresh")
        assert folder_bytes(project.build / "docs") == folder_bytes(fresh.build / "docs")
        shown, expected = folder_bytes(project.site), folder_bytes(fresh.site)
        assert sorted(path for path in shown.keys() | expected.keys() if shown.get(path) != expected.get(path)) == []
        assert "Сменено име на мярка" in (project.site / "measures/second-measure/index.html").read_text(encoding="utf-8")
    finally:
        cache.close()

