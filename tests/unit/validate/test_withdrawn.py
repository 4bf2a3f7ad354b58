"""A record marked „Да се изтрие“ (review state `withdrawn`): how the form deletes, through a
reviewed change. It is still checked, never published, and said by validate, build and
status; what still refers to it, or still sits in its folder, is an error that names it."""

from __future__ import annotations

import yaml

from generator.project import Project

PRACTICE = "regions/alpha/practices/good-one.yaml"
MEASURE = "measures/first-measure.yaml"
REGION = "regions/alpha/region.yaml"


def withdraw(project: Project, relative: str) -> None:
    """As the form saves it: the record's review state set to withdrawn."""
    path = project.content / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["review"] = data.get("review", {}) | {"state": "withdrawn"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_withdrawn_practice_is_said_and_not_published(cli, project):
    """(The fixture site has the practice's page: tests/site.)"""
    withdraw(project, PRACTICE)
    result = cli("--root", str(project.root), "--lang", "bg", "validate")
    assert result.code == 0
    assert f"content/{PRACTICE}: отбелязан „Да се изтрие“: не се публикува." in result.err
    built = cli("--root", str(project.root), "--lang", "bg", "build")
    assert built.code == 0, built.err
    assert f"content/{PRACTICE}: отбелязан „Да се изтрие“" in built.err
    assert (project.site / "practices" / "index.html").is_file()
    assert "good-one" not in (project.site / "practices" / "index.html").read_text(encoding="utf-8")
    assert not (project.site / "practices" / "good-one" / "index.html").exists()
    # nowhere else either: lists, the region's and the measure's pages, open data, feeds, search, sitemap
    mentions = [p for p in project.site.rglob("*") if p.is_file() and b"good-one" in p.read_bytes()]
    assert mentions == []
    assert not (project.site / "en" / "practices" / "good-one" / "index.html").exists()
    status = cli("--root", str(project.root), "--lang", "bg", "status")
    assert "Записи за изтриване — не се публикуват (1 запис):" in status.out
    assert f"content/{PRACTICE}  [Добра практика]" in status.out


def test_what_refers_to_a_withdrawn_record_is_an_error_naming_it(cli, project):
    withdraw(project, MEASURE)
    result = cli("--root", str(project.root), "--lang", "bg", "validate")
    assert result.code == 1
    errors = result.errors()
    assert any(
        error.startswith(f"content/{PRACTICE}:")
        and "препраща към записа „first-measure“ (content/measures/first-measure.yaml), който е отбелязан „Да се изтрие“" in error
        for error in errors
    ), errors


def test_a_region_is_withdrawn_only_with_what_is_in_its_folder(cli, project):
    withdraw(project, REGION)
    result = cli("--root", str(project.root), "--lang", "en", "validate")
    assert result.code == 1
    assert any(
        error.startswith(f"content/{PRACTICE}:1:1:") and "marked to be deleted (content/regions/alpha/region.yaml)" in error
        for error in result.errors()
    ), result.errors()
    withdraw(project, PRACTICE)
    after = cli("--root", str(project.root), "--lang", "en", "validate").errors()
    assert not [error for error in after if error.startswith(f"content/{PRACTICE}")], after
    assert any("refers to 'alpha', which is marked to be deleted" in error for error in after)  # the measure's status by region
