"""A shallow clone (`git clone --depth 1`) lacks the history that dates the pages: `build`
and `render` stop with a message in Bulgarian and English, exit 1, no traceback, and leave
site/ and the rendered pages as they were; once the history is fetched, pages are dated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, make_project
from dated_repo import commit, git, init, write

from generator import history

MEASURE = "content/measures/first-measure.yaml"


@pytest.fixture(autouse=True)
def no_repository_above(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for variable in ("WEGO_REPO_URL", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """The fixture project in a repository: everything on 5 January, the first measure
    changed again on 10 March 2026."""
    root = make_project(tmp_path / "origin").root
    init(root)
    commit(root, "2026-01-05")
    text = (root / MEASURE).read_text(encoding="utf-8")
    write(root, MEASURE, text + "\n")
    commit(root, "2026-03-10")
    return root


def clone(origin: Path, target: Path, *depth: str) -> Path:
    git(origin.parent, "clone", "--quiet", *depth, f"file://{origin}", str(target))
    return target


def generator(root: Path, lang: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "--lang", lang, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )


def test_a_shallow_clone_is_told_from_a_full_one(origin: Path, tmp_path: Path):
    shallow = clone(origin, tmp_path / "shallow", "--depth", "1")
    full = clone(origin, tmp_path / "full")
    assert history.shallow_file(shallow) == ".git/shallow"
    assert history.shallow_file(full) is None and history.shallow_file(origin) is None


def test_building_from_a_shallow_clone_stops_and_leaves_site_as_it_was(origin: Path, tmp_path: Path):
    root = clone(origin, tmp_path / "shallow", "--depth", "1")
    previous = root / "site" / "index.html"
    previous.parent.mkdir()
    previous.write_text("the site as it was", encoding="utf-8")
    said = {
        "bg": ".git/shallow:1:1: грешка: Това копие на хранилището е непълно (плитко клониране)",
        "en": ".git/shallow:1:1: error: This copy of the repository is a shallow clone",
    }
    for lang, message in said.items():
        for command in ("build", "render"):
            ran = generator(root, lang, command)
            assert ran.returncode == 1, ran.stderr
            assert "Traceback" not in ran.stderr
            assert message in ran.stderr and "git fetch --unshallow" in ran.stderr
    assert [p.relative_to(root / "site") for p in (root / "site").rglob("*")] == [Path("index.html")]
    assert previous.read_text(encoding="utf-8") == "the site as it was"
    assert not (root / "build" / "docs").exists()  # no page was written


def test_once_the_history_is_fetched_pages_are_dated_in_each_language(origin: Path, tmp_path: Path):
    root = clone(origin, tmp_path / "shallow", "--depth", "1")
    git(root, "fetch", "--quiet", "--unshallow")
    ran = generator(root, "en", "render")
    assert ran.returncode == 0, ran.stderr
    bg = (root / "build/docs/bg/measures/first-measure.md").read_text(encoding="utf-8")
    en = (root / "build/docs/en/measures/first-measure.md").read_text(encoding="utf-8")
    assert '<time datetime="2026-03-10">10 март 2026\u00a0г.</time>' in bg
    assert '<time datetime="2026-01-05">5 януари 2026\u00a0г.</time>' in bg
    assert '<time datetime="2026-03-10">10 March 2026</time>' in en
    assert "(not yet committed)" not in en
