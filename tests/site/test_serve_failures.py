"""`serve` when a save goes wrong or reaches past the content: a template one language cannot
render leaves both languages as they were, and the mend shows in both; an edit of the
theme (overrides/) makes every page again."""

from __future__ import annotations

from pathlib import Path

import pytest
from editing import folder_bytes, from_nothing

from generator.build import PreviewCache, build, preview_build
from generator.problems import ContentError
from generator.project import Project


def test_a_page_one_language_cannot_make_leaves_both_as_they_were_and_the_fix_shows(built_copy: Project, tmp_path: Path):
    """A template that fails in English only: the preview fails before anything is written
    (the Bulgarian pages are not half-updated), and once it is mended both languages show it."""
    project = built_copy
    cache = PreviewCache()
    ours = project.root / "templates" / "practice.md.j2"  # a project's own template comes first
    generator_template = (Path(__file__).parents[2] / "generator" / "templates" / "practice.md.j2").read_text(encoding="utf-8")
    ours.parent.mkdir()
    ours.write_text(generator_template, encoding="utf-8")  # there from the start: serve reads templates/ when it starts
    try:
        build(project, cache=cache)
        preview_build(project, cache)
        docs_before = folder_bytes(project.build / "docs")
        ours.write_text(generator_template + "\nПроверка {% if lang == 'en' %}{{ no_such_thing }}{% endif %}\n", encoding="utf-8")
        with pytest.raises(ContentError):
            preview_build(project, cache)
        assert folder_bytes(project.build / "docs") == docs_before  # not one language written
        ours.write_text(generator_template + "\nПроверка\n", encoding="utf-8")
        preview_build(project, cache)
        cache.settle()
        for page in ("practices/good-one/index.html", "en/practices/good-one/index.html"):
            assert "Проверка" in (project.site / page).read_text(encoding="utf-8"), page
        fresh = from_nothing(project, tmp_path / "fresh")
        assert folder_bytes(project.site) == folder_bytes(fresh.site)
    finally:
        cache.close()


def test_an_edit_of_the_theme_builds_every_page_again(built_copy: Project):
    project = built_copy
    cache = PreviewCache()
    main = project.overrides / "main.html"
    try:
        build(project, cache=cache)
        preview_build(project, cache)
        main.write_text(main.read_text(encoding="utf-8").replace("{% block extrahead %}", "{% block extrahead %}<!-- kb-theme-edited -->", 1), encoding="utf-8")
        preview_build(project, cache)
        pages = [path for path in project.site.rglob("index.html") if "http-equiv" not in path.read_text(encoding="utf-8")]
        assert len(pages) > 20 and all("kb-theme-edited" in path.read_text(encoding="utf-8") for path in pages)
    finally:
        cache.close()
