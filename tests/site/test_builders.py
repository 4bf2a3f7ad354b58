"""Builders behind one interface: `render` needs none installed, `build` without one fails
clearly, and Zensical builds the same site as MkDocs (the Chromium half: tests/browser/test_zensical.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, make_project, needs_zensical

from generator import urls
from generator.build import load_site
from generator.linkcheck import broken_links, html_pages, page_url, parse, resolve
from generator.project import Project

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
    project = make_project(tmp_path / "project")
    result = run_blocked("--root", str(project.root), "--lang", "en", "render")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for lang in ("bg", "en"):
        docs = project.docs_out(lang)
        assert (docs / "index.md").read_text(encoding="utf-8").startswith("---\ntitle: ")
        assert (docs / "measures" / "first-measure.md").is_file()
        assert (docs / urls.SEARCH_INDEX).is_file() and (docs / "data" / "measures.json").is_file()
    assert not project.site.exists()


def test_build_without_the_builder_fails_clearly(tmp_path: Path):
    project = make_project(tmp_path / "project")
    result = run_blocked("--root", str(project.root), "--lang", "en", "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "not installed" in result.stderr and "The site was not updated." in result.stderr
    assert not project.site.exists()


def test_generated_markdown_is_plain_and_separate(fixture_site: Project):
    from generator.builders.mkdocs import config_path

    markdown = (fixture_site.docs_out("en") / "measures" / "first-measure.md").read_text(encoding="utf-8")
    assert markdown.startswith("---\ntitle: ")
    assert "# 1. First measure about kindergartens" in markdown
    # No template syntax left in a page (the first measure's shows a partner's "{{ … }}" as
    # text: tests/payloads.py; the second's has none of it).
    for page in ("second-measure.md", "index.md"):
        plain = (fixture_site.docs_out("en") / "measures" / page).read_text(encoding="utf-8")
        assert "{%" not in plain and "{{" not in plain, page
    config = config_path(fixture_site, "en").read_text(encoding="utf-8")
    assert "INHERIT: ../mkdocs.yml" in config and "docs_dir: docs/en" in config


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


def test_plain_mkdocs_build_strict_on_shared_config(project: Project, tmp_path: Path):
    """`mkdocs build` on mkdocs.yml alone (its hook renders the pages) still builds the site."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    (project.root / "generator").symlink_to(REPO / "generator")
    out = tmp_path / "plain"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project.mkdocs_yml), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project.root,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    page = parse(out / "measures" / "first-measure" / "index.html")
    assert page.find("html")[0].attrs["lang"] == "bg"
    assert "Първа мярка за детска градина" in page.all_text
