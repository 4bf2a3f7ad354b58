"""build/inputs.json: the fingerprint of what a site is made from changes with any of its
inputs' bytes (content, hand-written pages, settings, the builder, the languages) and with
nothing else (a time stamp); the state is read back as written, and a broken one is none."""

from __future__ import annotations

import os

from generator import buildstate
from generator.project import Project


def print_of(project: Project, langs: tuple[str, ...] = ("bg", "en"), builder: str = "mkdocs") -> str:
    return buildstate.fingerprint(project, langs, builder)[0]


def test_the_fingerprint_follows_every_input_and_only_inputs(project: Project):
    first = print_of(project)
    assert print_of(project) == first
    measure = project.content / "measures" / "first-measure.yaml"
    stat = measure.stat()
    os.utime(measure, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # touched, not changed
    assert print_of(project) == first
    seen = {first}
    for change in (
        lambda: measure.write_text(measure.read_text(encoding="utf-8") + "\n", encoding="utf-8"),
        lambda: (project.docs / "bg" / "new-page.md").write_text("# Нова\n", encoding="utf-8"),
        lambda: (project.mkdocs_yml).write_text(project.mkdocs_yml.read_text(encoding="utf-8") + "\n", encoding="utf-8"),
        lambda: (project.overrides / "extra.html").write_text("<!-- -->", encoding="utf-8"),
    ):
        change()
        now = print_of(project)
        assert now not in seen
        seen.add(now)
    assert print_of(project, langs=("bg",)) not in seen
    assert print_of(project, builder="zensical") not in seen


def test_installing_the_editor_changes_the_fingerprint(project: Project, monkeypatch):
    """A site built before `npm ci` has no /admin/: the next build must not be skipped."""
    from generator import editor

    installed = print_of(project)

    def missing(project: Project) -> dict:
        raise editor.EditorMissing("editor/node_modules/decap-cms/dist/decap-cms.js")

    monkeypatch.setattr(editor, "copied_files", missing)
    assert print_of(project) != installed


def test_a_file_is_read_again_only_when_its_size_or_time_stamp_changed(project: Project):
    first, seen = buildstate.fingerprint(project, ("bg", "en"), "mkdocs")
    measure = project.content / "measures" / "first-measure.yaml"
    key = str(measure)
    # a hash remembered for the file's size and time stamp is taken as it is, unread
    stale = {**seen, key: (*seen[key][:2], "00" * 32)}
    assert buildstate.fingerprint(project, ("bg", "en"), "mkdocs", stale)[0] != first
    # a new time stamp: read again, and the same bytes give the same fingerprint
    stat = measure.stat()
    os.utime(measure, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    again, now = buildstate.fingerprint(project, ("bg", "en"), "mkdocs", stale)
    assert again == first and now[key][2] == seen[key][2] and now[key][1] != seen[key][1]


def test_the_state_reads_back_and_a_broken_one_is_none(project: Project):
    assert buildstate.read(project) is None
    state = buildstate.BuildState("abc", ("content/measures/x.yaml",), {"/x/y.yaml": (3, 5, "ab" * 32)})
    buildstate.write(project, state)
    assert buildstate.read(project) == state and buildstate.read(project).files == state.files
    (project.build / buildstate.STATE_FILE).write_text("{not json", encoding="utf-8")
    assert buildstate.read(project) is None
    buildstate.forget(project)
    assert buildstate.read(project) is None
