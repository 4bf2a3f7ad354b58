"""Issue 10: one owner for each piece of the structure.

- the generator renders with no site builder installed;
- Zensical builds the same site (both languages, links, switcher — in Chromium);
- languages are data: a third language builds from a fixture configuration;
- page paths are built only by the URL map; only the walker walks the schema.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import serve_folder
from conftest import REPO, make_project

from generator import urls
from generator.build import build, load_site
from generator.linkcheck import broken_links, html_pages, page_url, parse, resolve
from generator.project import Project

GENERATOR = REPO / "generator"

BLOCKED_RENDER = """
import sys
from importlib.abc import MetaPathFinder

class Blocked(MetaPathFinder):
    '''As if MkDocs, Material and Zensical were not installed.'''
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"mkdocs", "material", "zensical"}:
            raise ModuleNotFoundError(f"No module named {name!r} (blocked by the test)")
        return None

sys.meta_path.insert(0, Blocked())
for name in [n for n in sys.modules if n.split(".")[0] in {"mkdocs", "material", "zensical"}]:
    del sys.modules[name]
from generator.cli import main
code = main(sys.argv[1:])
assert not [n for n in sys.modules if n.split(".")[0] in {"mkdocs", "material", "zensical"}]
sys.exit(code)
"""


def run_blocked(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCKED_RENDER, *args], cwd=REPO, capture_output=True, text=True, timeout=300
    )


def test_render_needs_no_site_builder(tmp_path: Path):
    project = make_project(tmp_path / "project", REPO / "content")
    result = run_blocked("--root", str(project.root), "--lang", "en", "render")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for lang in ("bg", "en"):
        docs = project.docs_out(lang)
        assert (docs / "index.md").read_text(encoding="utf-8").startswith("---\ntitle: ")
        assert (docs / "measures" / "kindergarten-place.md").is_file()
        assert (docs / urls.SEARCH_INDEX).is_file() and (docs / "data" / "measures.json").is_file()
    assert not project.site.exists()


def test_build_without_the_builder_fails_clearly(tmp_path: Path):
    project = make_project(tmp_path / "project")
    result = run_blocked("--root", str(project.root), "--lang", "en", "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "not installed" in result.stderr and "The site was not updated." in result.stderr
    assert not project.site.exists()


# --- Zensical -----------------------------------------------------------------------------

needs_zensical = pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None, reason="Zensical is optional: `make zensical` installs it"
)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("zensical") / "project", REPO / "content")
    build(project, builder="zensical")
    return project


@needs_zensical
def test_zensical_builds_every_record_in_both_languages(zensical_site: Project):
    site = load_site(zensical_site)
    for record in site.records:
        address = urls.address(urls.record_page(record))
        for root, lang in (("", "bg"), ("en/", "en")):
            page = zensical_site.site / root / address / "index.html"
            assert page.is_file(), page
            assert parse(page).find("html")[0].attrs["lang"] == lang
    assert broken_links(zensical_site.site) == []
    pages = html_pages(zensical_site.site)
    assert len(pages) > 80
    for page in pages:
        if page.name == "404.html":
            continue
        html = parse(page)
        assert html.find("a", class_="kb-exit"), page  # quick exit
        assert html.find("nav", class_="kb-help"), page  # help bar
        assert html.find("form", class_="kb-search"), page  # our search
        [link] = html.find("a", class_="kb-lang-switch__link")
        url = page_url(zensical_site.site, page)
        counterpart = "/" + url[len("/en/") :] if url.startswith("/en/") else "/en" + url
        assert page_url(zensical_site.site, resolve(zensical_site.site, page, link.attrs["href"])) == counterpart
    sitemap = (zensical_site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "measures/kindergarten-place/" in sitemap and 'hreflang="en"' in sitemap


@needs_zensical
@pytest.mark.browser
def test_zensical_site_in_chromium(zensical_site: Project, browser):
    page = browser.new_page()
    outside: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if "127.0.0.1" not in request.url else None)
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    with serve_folder(zensical_site.site) as base:
        page.goto(base + "measures/")
        page.locator(".md-content a", has_text="Преференциално настаняване").first.click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path == "/measures/municipal-housing/"
        page.locator("a.kb-lang-switch__link").click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path == "/en/measures/municipal-housing/"
        page.locator("a.kb-lang-switch__link").click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path == "/measures/municipal-housing/"
        page.locator("#kb-search-input").fill("жилището")
        page.wait_for_selector("#kb-search-results .kb-search__link")
        assert "municipal-housing" in page.locator("#kb-search-results .kb-search__link").first.get_attribute("href")
        assert page.locator("a.kb-exit").is_visible()
    page.close()
    assert outside == [] and failed == []


# --- languages are data -----------------------------------------------------------------

THREE_LANGUAGES = """\
languages:
  - code: bg
    name: Български
    locale: bg_BG
    fallback: [en]
  - code: en
    name: English
    locale: en_GB
    fallback: [bg]
  - code: de
    name: Deutsch
    locale: de_DE
    fallback: [en, bg]
"""


def test_a_third_language_is_configuration(tmp_path: Path):
    project = make_project(tmp_path / "project")
    (project.root / "languages.yml").write_text(THREE_LANGUAGES, encoding="utf-8")
    build(project)
    site = load_site(project)
    for record in site.records:
        address = urls.address(urls.record_page(record))
        english = parse(project.site / "en" / address / "index.html")
        german = parse(project.site / "de" / address / "index.html")
        assert german.find("html")[0].attrs["lang"] == "de"
        assert "Not yet translated" in german.all_text  # no German text: the notice, then English
        title = getattr(record, "title", None) or record.name
        assert title.get("en", ("bg",)).split()[0] in german.all_text
        assert german.find("span", lang="en") or german.find("div", lang="en")
        assert english.find("html")[0].attrs["lang"] == "en"
    for page in html_pages(project.site):
        if page.name == "404.html":
            continue
        html = parse(page)
        names = [e.attrs.get("lang") for e in html.find("a", class_="kb-lang-switch__link")]
        names += [e.attrs.get("lang") for e in html.find("span", class_="kb-lang-switch__current")]
        assert sorted(names) == ["bg", "de", "en"], page
    assert broken_links(project.site) == []
    status = (project.site / "de" / "translation-status" / "index.html").read_text(encoding="utf-8")
    assert "Missing text in Deutsch" in status


# --- one owner per fact ---------------------------------------------------------------------

PAGE_PATH = re.compile(r"^[a-z0-9_{}.-]+/[a-z0-9_{}./-]*\.md$|^index\.md$|^[a-z0-9_-]+\.md$")


def string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            found.append((node.lineno, text))
    return found


def test_only_the_url_map_builds_page_paths():
    offenders = []
    for path in sorted(GENERATOR.rglob("*.py")):
        if path.name == "urls.py":
            continue
        for line, text in string_constants(path):
            if PAGE_PATH.match(text) and text != ".md":
                offenders.append(f"{path.relative_to(REPO)}:{line}: {text!r}")
    for template in sorted((GENERATOR / "templates").glob("*.j2")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\.md['\"]", line) or re.search(r"~\s*'/'", line):
                offenders.append(f"{template.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []


def test_only_the_walker_walks_the_schema():
    """Field inspection (pydantic's model_fields, typing's get_args/get_origin, field
    metadata) happens in walker.py; schema.py only declares."""
    pattern = re.compile(r"\bmodel_fields\b(?!.*# walker test)|\bget_args\b|\bget_origin\b|(?<!importlib)\.metadata\b|json_schema_extra\b")
    offenders = []
    for path in sorted(GENERATOR.rglob("*.py")):
        if path.name in {"walker.py", "schema.py"}:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []


def test_languages_are_declared_once():
    offenders = []
    for path in sorted(GENERATOR.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if re.search(r"""\(\s*["']bg["']\s*,\s*["']en["']\s*\)|["']en["'] if \w+ == ["']bg["']""", line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    # problems.py: the languages the messages are written in, which is not the site's list.
    assert [o for o in offenders if not o.startswith("generator/problems.py")] == []


def test_copy_of_project_without_languages_file_uses_the_repository_list(tmp_path: Path):
    project = make_project(tmp_path / "project")
    assert not (project.root / "languages.yml").exists()
    assert project.languages.codes == ("bg", "en") and project.languages.default == "bg"
    shutil.rmtree(project.root)


def test_the_walker_sees_every_annotation_resolved():
    """A model naming one declared further down must still be walked as that model."""
    from generator import walker
    from generator.schema import KINDS

    def visit(model, seen):
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            assert not isinstance(info.annotation, str), (model.__name__, name)
        for spec in walker.fields_of(model):
            if spec.group is not None:
                visit(spec.group, seen)

    seen: set = set()
    for kind in KINDS:
        visit(kind.model, seen)
    assert len(seen) > 15
