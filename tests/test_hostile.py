"""Issue 7: hostile and broken input — nothing crashes, nothing leaks into the page, nothing is lost."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser import serve_folder
from conftest import REPO

from generator.build import build
from generator.linkcheck import broken_links, html_pages, parse
from generator.project import Project
from generator.render import clean_html

MEASURE = "measures/first-measure.yaml"


def validate(project: Project) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project.root), "--lang", "en", "validate"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- 1. loading is safe and bounded: each broken file → exit 1 with its path and line ------

BROKEN_FILES = {
    "python_object_tag": ("x: !!python/object/apply:os.system ['touch /tmp/pwned']\n", 1, "is not allowed"),
    "billion_laughs": (
        "\n".join(
            ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
            + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
        )
        + "\n",
        1,
        "aliases",
    ),
    "deep_nesting": ("a: " + "[" * 60 + "]" * 60 + "\n", 1, "too deep"),
    "invalid_utf8": (b"number: 1\ntitle: \xc3\x28\n", 2, "not UTF-8"),
    "nul_byte": (b"number: 1\ntitle: a\x00b\n", 2, "NUL"),
    "tab_indentation": ("title:\n\tbg: x\n", 2, "tab"),
    "empty_file": ("", 1, "empty"),
    "list_not_mapping": ("- number: 1\n- title: x\n", 1, "group of fields"),
    "long_string": ("title:\n  bg: " + "щ" * 25_000 + "\n", 2, "too long"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_FILES))
def test_broken_file_is_an_error_with_path_and_line(project: Project, case: str):
    text, line, words = BROKEN_FILES[case]
    path = project.content / "measures" / f"broken-{case.replace('_', '-')}.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    started = time.perf_counter()
    result = validate(project)
    assert time.perf_counter() - started < 20, "refused quickly, not expanded"
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    expected = f"content/measures/broken-{case.replace('_', '-')}.yaml:{line}:"
    assert expected in result.stderr, result.stderr
    assert words in result.stderr
    assert not Path("/tmp/pwned").exists()


def test_oversized_file_is_refused(project: Project):
    (project.content / "measures" / "huge.yaml").write_text("title:\n  bg: x\n" + "# padding\n" * 60_000, encoding="utf-8")
    result = validate(project)
    assert result.returncode == 1 and "content/measures/huge.yaml:1:1" in result.stderr and "bytes" in result.stderr


def test_bom_and_crlf_are_accepted(project: Project):
    path = project.content / MEASURE
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    assert validate(project).returncode == 0


# --- 2. identifiers are safe ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Bad Name.yaml", "UPPER.yaml", "кирилица.yaml", "under_score.yaml"])
def test_unsafe_file_names_are_refused(project: Project, name: str):
    (project.content / "measures" / name).write_text(
        (project.content / MEASURE).read_text(encoding="utf-8").replace("number: 1", "number: 9"), encoding="utf-8"
    )
    result = validate(project)
    assert result.returncode == 1 and "cannot be a page address" in result.stderr


@pytest.mark.parametrize("value", ["../../etc/passwd", "/etc/passwd", "..", "a/b"])
def test_path_like_references_are_refused(project: Project, value: str):
    path = project.content / "regions/alpha/practices/good-one.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("measures: [first-measure]", f"measures: ['{value}']"), encoding="utf-8"
    )
    result = validate(project)
    assert result.returncode == 1 and "regions/alpha/practices/good-one.yaml:7:" in result.stderr


def test_scaffold_refuses_path_like_region(project: Project):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "--root",
            str(project.root),
            "new",
            "practice",
            "--region",
            "../../tmp",
            "--title",
            "x",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 2 and not (project.root.parent / "tmp").exists()


@pytest.mark.parametrize(
    ("folder", "name"), [("measures", "index"), ("measures", "index-2"), ("regions/alpha/practices", "by-region")]
)
def test_two_records_cannot_claim_one_url(project: Project, folder: str, name: str):
    source = project.content / ("regions/alpha/practices/good-one.yaml" if "practices" in folder else MEASURE)
    text = source.read_text(encoding="utf-8").replace("number: 1", "number: 5")
    (project.content / folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    result = validate(project)
    assert result.returncode == 1 and "is reserved" in result.stderr


# --- 3. text is safe ----------------------------------------------------------------------------

PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    "[click](javascript:window.__pwned=3)",
    '<a href="javascript:window.__pwned=4">x</a>',
    "<javascript:window.__pwned=5>",
    '<svg onload="window.__pwned=6"></svg>',
    "{{ 7 * 7 }} {% raw %}x{% endraw %}",
]


def test_sanitiser_keeps_text_and_drops_script():
    html = clean_html("Hello **world** <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://example.org) [t](tel:112)")
    assert "<strong>world</strong>" in html and "script" not in html and "javascript" not in html
    assert 'href="https://example.org"' in html and 'href="tel:112"' in html


def inject(project: Project) -> None:
    """Put every payload into every kind of text field of a practice and a measure."""
    payload = " ".join(PAYLOADS).replace('"', '\\"')
    practice = project.content / "regions/alpha/practices/good-one.yaml"
    practice.write_text(
        f'''title:
  bg: "Практика {payload}"
  en: "Practice {payload}"
summary:
  bg: "{payload}"
  en: "{payload}"
measures: [first-measure]
target_groups: [women_survivors]
implementing_actors:
  - name: {{bg: "{payload}", en: "{payload}"}}
    type: crisis_centre
results:
  bg: "{payload}"
  draft: true
sources:
  - title: "{payload}"
    url: https://source.test/source
    publisher: "{payload}"
''',
        encoding="utf-8",
    )
    measure = project.content / MEASURE
    measure.write_text(measure.read_text(encoding="utf-8").replace("en: Mothers.", f'en: "{payload}"'), encoding="utf-8")


@pytest.mark.browser
def test_malicious_pull_request_runs_no_script(project: Project, browser):
    inject(project)
    build(project)
    pages = [
        p for p in html_pages(project.site) if "practices" in p.as_posix() or "measures" in p.as_posix() or p.name == "index.html"
    ]
    for page in html_pages(project.site):
        for element in parse(page).elements:  # payloads may show as text, never as markup
            for name, value in element.attrs.items():
                assert not name.startswith("on"), (page, element)
                assert not value.strip().lower().startswith("javascript:"), (page, element)
            if element.tag == "script":
                assert "__pwned" not in element.attrs.get("src", ""), page
        assert "<script>window.__pwned" not in page.read_text(encoding="utf-8")
    text = (project.site / "en/practices/good-one/index.html").read_text(encoding="utf-8")
    assert "{{ 7 * 7 }}" in text and "49" not in text.split("Practice", 1)[1][:200]  # shown, not evaluated
    page = browser.new_page()  # the session's Chromium (a second Playwright in one thread is refused)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve_folder(project.site) as base:
        for path in pages:
            page.goto(base + path.relative_to(project.site).as_posix())
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None, path
        page.goto(base + "search/?q=practice")
        page.wait_for_selector(".kb-search__meta", state="attached")  # the search has answered
        assert page.evaluate("window.__pwned") is None
    page.close()
    assert dialogs == []
    assert broken_links(project.site) == []


# --- 4. builds are atomic -------------------------------------------------------------------


def test_crash_in_a_template_leaves_site_untouched(project: Project, monkeypatch):
    build(project)
    before = snapshot(project.site)
    from generator import build as driver

    monkeypatch.setattr(driver, "make_environment", _broken_environment)
    with pytest.raises(Exception):  # noqa: B017 - any crash will do
        build(project)
    assert snapshot(project.site) == before


def _broken_environment(*_):
    from jinja2 import DictLoader, Environment

    env = Environment(loader=DictLoader({name: "{{ 1 / 0 }}" for name in ("home.md.j2",)}))
    return env


def test_interrupted_build_leaves_site_untouched(project: Project, monkeypatch):
    """Ctrl-C after the builder has written the new site into staging, before the swap:
    at a known point, not after a guessed delay."""
    from generator.builders.mkdocs import MkDocsBuilder

    build(project)
    before = snapshot(project.site)
    (project.content / MEASURE).write_text(
        (project.content / MEASURE).read_text(encoding="utf-8").replace("Първа", "Прекъсната"), encoding="utf-8"
    )
    real_build = MkDocsBuilder.build
    staged: list[Path] = []

    def build_then_interrupt(self, project, langs, staging):
        real_build(self, project, langs, staging)
        staged.append(staging)
        assert any(staging.rglob("*.html"))  # the new site is there, half-way to site/
        raise KeyboardInterrupt

    monkeypatch.setattr(MkDocsBuilder, "build", build_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        build(project)
    assert staged and not staged[0].exists()  # staging removed
    assert snapshot(project.site) == before
    assert not list(project.root.glob(".site-*"))


def test_interrupt_while_the_builders_run_stops_them(project: Project, monkeypatch):
    """Ctrl-C while MkDocs runs: the builder processes are killed, staging is removed."""
    build(project)
    before = snapshot(project.site)
    (project.content / MEASURE).write_text(
        (project.content / MEASURE).read_text(encoding="utf-8").replace("Първа", "Спряна"), encoding="utf-8"
    )
    started: list[subprocess.Popen] = []
    real_communicate = subprocess.Popen.communicate

    def interrupted(self, *args, **kwargs):
        if self not in started:
            started.append(self)
            raise KeyboardInterrupt
        return real_communicate(self, *args, **kwargs)

    monkeypatch.setattr(subprocess.Popen, "communicate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(project)
    monkeypatch.undo()
    assert started and all(process.poll() is not None for process in started)  # killed, not left running
    assert snapshot(project.site) == before
    assert not list(project.root.glob(".site-*"))


def test_two_builds_at_once_do_not_corrupt_the_site(project: Project):
    build(project)
    command = [sys.executable, "-m", "generator", "--root", str(project.root), "build"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    (project.content / MEASURE).write_text(
        (project.content / MEASURE).read_text(encoding="utf-8").replace("Първа", "Едновременна"), encoding="utf-8"
    )
    first = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    second = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert first.wait(timeout=120) == 0 and second.wait(timeout=120) == 0
    assert "Едновременна" in (project.site / "measures/first-measure/index.html").read_text(encoding="utf-8")
    assert (project.site / "en" / "index.html").exists()
    assert broken_links(project.site) == []
