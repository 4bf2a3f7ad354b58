"""Shared fixtures: projects copied into temp folders, and the sites built from them.

The suite is laid out by layer:

- tests/unit/<stage>/  no site build: a stage's functions, or the command line, on small inputs;
- tests/site/          sites built once per session and shared (fixture content, or the real
                       content where a test is about the real content), read as files;
- tests/browser/       the same sites in real Chromium (mark `browser`);
- tests/slow/          `make audit` and `make bench` (marks `audit`, `bench`).

Every full build in the suite is one of the session fixtures below (or a test that is about
building: atomicity, languages, builders, `serve`). A test that only needs Markdown renders
(generator.build.render); a test that changes content copies a built project
(`built_copy`) rather than building one.
"""

from __future__ import annotations

import importlib.util
import shutil
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build import build
from generator.project import Project

REPO = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
FIXTURE_CONTENT = TESTS / "fixtures" / "content"
PUBLISHED_URL = "https://kb.wego3.test/base/"


def make_project(root: Path, content: Path = FIXTURE_CONTENT) -> Project:
    """A project folder with the repository's site settings and the given content."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(content, root / "content")
    return Project(root)


# --- projects a test may change ---------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A copy of the fixture content, not built."""
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


@pytest.fixture
def built_copy(fixture_site: Project, tmp_path: Path) -> Project:
    """A copy of the built fixture project (content, build/ and site/), for a test that
    builds again: copying is far cheaper than building. (A process building it needs
    WEGO_SITE_URL=PUBLISHED_URL, or it rebuilds every page for want of the address.)"""
    root = tmp_path / "project"
    shutil.copytree(fixture_site.root, root, symlinks=True)
    return Project(root, site_url=PUBLISHED_URL)


@pytest.fixture(scope="session")
def fixture_model():
    """The fixture content as a Site (load → validate → model): no files written."""
    from generator.model import build_site
    from generator.validate import load_valid

    return build_site(load_valid(FIXTURE_CONTENT, FIXTURE_CONTENT.parent))


# --- sites built once per session, shared read-only -------------------------------------------


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The fixture content (tests/fixtures/content/) with every script-injection payload in one
    practice and one measure (tests/payloads.py), built as published at PUBLISHED_URL
    (canonical links, sitemap, robots.txt; `real_site` is built without an address)."""
    from payloads import inject

    root = make_project(tmp_path_factory.mktemp("fixture") / "project").root
    project = Project(root, site_url=PUBLISHED_URL)
    inject(project)
    build(project)
    return project


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The repository's real content, built once into a temp folder."""
    project = make_project(tmp_path_factory.mktemp("real") / "project", REPO / "content")
    build(project)
    return project


needs_zensical = pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None, reason="Zensical is optional: `make zensical` installs it (`make test` does)"
)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The real content built by the second builder, Zensical."""
    project = make_project(tmp_path_factory.mktemp("zensical") / "project", REPO / "content")
    build(project, builder="zensical")
    return project


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (never Playwright's own download)."""
    from chromium import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def search_box(real_site: Project, browser):
    """One page per language of the real site, its search index loaded once, for a module's
    queries (chromium.type_query clears the box and waits for the answer to its own query):
    search_box("") is the Bulgarian home page, search_box("en/") the English one."""
    from chromium import serve_folder

    pages = {}
    with serve_folder(real_site.site) as base:

        def open_in(root: str):
            if root not in pages:
                pages[root] = browser.new_page()
                pages[root].goto(base + root)
            return pages[root]

        yield open_in
    for page in pages.values():
        page.close()


@pytest.fixture
def busy() -> Iterator[int]:
    """A port another program listens on (for the servers' busy-port messages)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


# --- marks: each where it belongs ---------------------------------------------------------------

LAYERS = {"unit", "site", "browser", "slow"}
REAL_CONTENT = {"real_site", "zensical_site"}


@pytest.hookimpl(tryfirst=True)  # before -m selects by mark
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The `browser` mark sits on exactly the tests that drive Chromium, and those live in
    tests/browser/ (or tests/slow/): `make check` selects unit and site tests by folder.
    A test reading a site of the real content is marked `real_content` (`make check` runs
    those beside the others without building any site twice)."""
    wrong = []
    for item in items:
        if REAL_CONTENT & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.real_content)
        parts = item.path.relative_to(TESTS).parts
        layer = parts[0] if len(parts) > 1 else None
        if layer not in LAYERS:
            wrong.append(f"{item.nodeid}: tests live in tests/unit/, tests/site/, tests/browser/ or tests/slow/")
            continue
        marked = item.get_closest_marker("browser") is not None
        drives = "browser" in getattr(item, "fixturenames", ())
        if drives and not marked:
            wrong.append(f"{item.nodeid}: uses Chromium without the `browser` mark")
        if marked and layer not in {"browser", "slow"}:
            wrong.append(f"{item.nodeid}: a `browser` test belongs in tests/browser/")
        if layer == "browser" and not marked:
            wrong.append(f"{item.nodeid}: in tests/browser/ without the `browser` mark (does it need Chromium?)")
        if marked and not drives and layer == "browser":
            wrong.append(f"{item.nodeid}: marked `browser` but does not use Chromium: move it to tests/site/ or tests/unit/")
    if wrong:
        raise pytest.UsageError("misplaced tests:\n  " + "\n  ".join(wrong))


# --- the command line, in this process --------------------------------------------------------


@dataclass(frozen=True)
class Ran:
    """What a command printed, and its exit code."""

    code: int
    out: str
    err: str

    def errors(self) -> list[str]:
        """The problem lines of its report (`path:line:col: error: …`), in either language."""
        return [line for line in self.err.splitlines() if ": грешка: " in line or ": error: " in line]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Ran]:
    """Run `python -m generator …` in this process (tests/unit/cli/ runs real processes too)."""
    from generator.cli import main

    def run(*args: str) -> Ran:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run
