"""Shared fixtures: projects copied into temp folders, and real sites built from them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import build
from generator.project import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = Path(__file__).resolve().parent / "fixtures" / "content"


def make_project(root: Path, content: Path = FIXTURE_CONTENT) -> Project:
    """A project folder with the repository's site settings and the given content."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(content, root / "content")
    return Project(root)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path / "project")


@pytest.fixture
def write(project: Project) -> Callable[[str, str], Path]:
    """Write a file under the project's content/ folder."""

    def _write(relative: str, text: str) -> Path:
        path = project.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The repository's real content, built once into a temp folder."""
    project = make_project(tmp_path_factory.mktemp("real") / "project", REPO / "content")
    build(project)
    return project


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (never Playwright's own download)."""
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("fixture") / "project")
    build(project)
    return project
