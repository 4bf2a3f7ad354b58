"""Builds are atomic: site/ is replaced whole or not at all. Whatever stops a build — invalid
content, a crash in a template, a failure inside the builder, Ctrl-C before the swap or
while the builders run — the previous site/ stays exactly as it was and no staging folder
is left; two builds at once are serialised by the lock.

Each test starts from a copy of the built fixture project (`built_copy`)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from generator.build import BuildError, build
from generator.linkcheck import broken_links
from generator.problems import ContentError
from generator.project import Project
from generator.render import TEMPLATES

MEASURE = "measures/first-measure.yaml"


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def edit_measure(project: Project, old: str, new: str) -> None:
    path = project.content / MEASURE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def no_staging_left(project: Project) -> bool:
    return not list(project.root.glob(".site-*"))


def test_invalid_content_leaves_the_previous_site_untouched(built_copy: Project):
    before = snapshot(built_copy.site)
    assert before
    edit_measure(built_copy, "title:", "titel:")
    with pytest.raises(ContentError) as refused:
        build(built_copy)
    assert {p.code for p in refused.value.problems} == {"unknown_field_suggest", "missing_field"}
    assert snapshot(built_copy.site) == before


def test_a_failure_inside_the_builder_leaves_the_previous_site_untouched(built_copy: Project):
    """A broken link in a hand-written page is fatal to MkDocs under --strict."""
    before = snapshot(built_copy.site)
    (built_copy.docs / "bg").mkdir(exist_ok=True)
    (built_copy.docs / "bg" / "broken.md").write_text("# Broken\n\n[x](nowhere.md)\n", encoding="utf-8")
    with pytest.raises(BuildError, match="nowhere.md"):
        build(built_copy, langs=("bg",))  # (one language is enough to fail)
    assert snapshot(built_copy.site) == before
    assert no_staging_left(built_copy)


def _broken_environment(*_):
    """Every page template divides by zero."""
    from jinja2 import DictLoader, Environment

    return Environment(loader=DictLoader({path.name: "{{ 1 / 0 }}" for path in TEMPLATES.glob("*.j2")}))


def test_crash_in_a_template_leaves_site_untouched(built_copy: Project, monkeypatch: pytest.MonkeyPatch):
    from generator import build as driver

    before = snapshot(built_copy.site)
    edit_measure(built_copy, "Първа", "Сменена")  # an input changed: a build with none would do nothing
    monkeypatch.setattr(driver, "project_environment", _broken_environment)
    with pytest.raises(ContentError) as failed:  # told per page, like a content problem
        build(built_copy)
    assert {p.code for p in failed.value.problems} == {"page_failed"}
    assert all("ZeroDivisionError" in p.params["detail"] for p in failed.value.problems), [p.params["detail"] for p in failed.value.problems][:3]
    assert snapshot(built_copy.site) == before
    assert no_staging_left(built_copy)


def test_interrupted_build_leaves_site_untouched(built_copy: Project, monkeypatch: pytest.MonkeyPatch):
    """Ctrl-C after the builder has written the new site into staging, before the swap:
    at a known point, not after a guessed delay. (The builder's output is a stand-in: what
    is tested is the driver's clean-up; MkDocs itself runs in the test above.)"""
    from generator.builders.mkdocs import MkDocsBuilder

    before = snapshot(built_copy.site)
    edit_measure(built_copy, "Първа", "Прекъсната")
    staged: list[Path] = []

    def build_then_interrupt(self, project, langs, staging):
        for lang in langs:  # the new site is there, half-way to site/
            (staging / lang).mkdir(parents=True)
            (staging / lang / "index.html").write_text("<p>Прекъсната</p>", encoding="utf-8")
        staged.append(staging)
        raise KeyboardInterrupt

    monkeypatch.setattr(MkDocsBuilder, "build", build_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        build(built_copy)
    assert staged and not staged[0].exists()  # staging removed
    assert snapshot(built_copy.site) == before
    assert no_staging_left(built_copy)


def test_interrupt_while_the_builders_run_stops_them(built_copy: Project, monkeypatch: pytest.MonkeyPatch):
    """Ctrl-C while MkDocs runs: the builder processes are killed, staging is removed."""
    before = snapshot(built_copy.site)
    edit_measure(built_copy, "Първа", "Спряна")
    started: list[subprocess.Popen] = []
    real_communicate = subprocess.Popen.communicate

    def interrupted(self, *args, **kwargs):
        if self not in started:
            started.append(self)
            raise KeyboardInterrupt
        return real_communicate(self, *args, **kwargs)

    monkeypatch.setattr(subprocess.Popen, "communicate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(built_copy)
    monkeypatch.undo()
    assert started and all(process.poll() is not None for process in started)  # killed, not left running
    assert snapshot(built_copy.site) == before
    assert no_staging_left(built_copy)


def test_two_builds_at_once_do_not_corrupt_the_site(built_copy: Project):
    """One build in another process, one in this one, at the same time: the lock serialises them."""
    project = Project(built_copy.root)  # no address: a local build, whose links all resolve from /
    command = [sys.executable, "-m", "generator", "--root", str(project.root), "build"]
    env = {k: v for k, v in os.environ.items() if k != "WEGO_SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    edit_measure(project, "Първа", "Едновременна")
    other = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        build(project)
    finally:
        _, err = other.communicate(timeout=120)
    assert other.returncode == 0, err.decode()
    assert "Едновременна" in (project.site / "measures/first-measure/index.html").read_text(encoding="utf-8")
    assert (project.site / "en" / "index.html").exists()
    assert broken_links(project.site) == []
    assert no_staging_left(project)
