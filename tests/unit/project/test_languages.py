"""project.py: the languages of a project are data (languages.yml), with the repository's list as default."""

from __future__ import annotations

from pathlib import Path

from conftest import make_project


def test_copy_of_project_without_languages_file_uses_the_repository_list(tmp_path: Path):
    project = make_project(tmp_path / "project")
    assert not (project.root / "languages.yml").exists()
    assert project.languages.codes == ("bg", "en") and project.languages.default == "bg"
