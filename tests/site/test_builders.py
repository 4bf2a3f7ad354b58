"""Builders behind one interface: `render` needs none installed, `build` without one fails
clearly, and Zensical builds the same site as MkDocs (the Chromium half: tests/browser/test_zensical.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO, make_project, needs_zensical

from generator import urls
from generator.build import load_site
from generator.kinds import REGISTRY
from generator.linkcheck import broken_links, html_pages, page_url, parse, resolve
from generator.project import Project

WITHOUT_BUILDERS = """
import json, sys
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
for command in json.loads(sys.argv[1]):
    code = main(command)
    print(f"=== exit {code}", file=sys.stderr, flush=True)
assert not [n for n in sys.modules if n.split(".")[0] in {"mkdocs", "material", "zensical"}]
"""


def without_builders(*commands: list[str]) -> list[tuple[int, str]]:
    """Run the commands one after another in one process in which no site builder can be
    imported; (exit code, what it printed on stderr) of each."""
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_BUILDERS, json.dumps(commands)], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr  # and no builder module was imported
    parts = re.split(r"=== exit (\d+)\n", result.stderr)
    return [(int(code), err) for err, code in zip(parts[0:-1:2], parts[1::2], strict=True)]


def test_render_needs_no_site_builder_and_build_says_it_is_missing(tmp_path: Path):
    project = make_project(tmp_path / "project")
    root = ["--root", str(project.root), "--lang", "en"]
    (render_code, render_err), (build_code, build_err) = without_builders([*root, "render"], [*root, "build"])
    assert render_code == 0, render_err
    for lang in ("bg", "en"):
        docs = project.docs_out(lang)
        assert (docs / "index.md").read_text(encoding="utf-8").startswith("---\ntitle: ")
        assert (docs / "measures" / "first-measure.md").is_file()
        assert (docs / urls.SEARCH_INDEX).is_file() and (docs / "data" / "measures.json").is_file()
    # build, on the same project: it stops at the builder, clearly, and leaves no site.
    assert build_code == 1
    assert "Traceback" not in render_err + build_err
    assert "not installed" in build_err and "The site was not updated." in build_err
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
        address = urls.record_page(REGISTRY.of(record), record.slug).url
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
