"""Record pages say when their content last changed, in each language, from the project's
git history: the last day, the earlier ones, a link to the file's full history on GitHub;
before the sources. A site built outside git shows no date at all (never a time stamp)."""

from __future__ import annotations

import html
import re

import pytest
from conftest import make_project
from dated_repo import commit, init

from generator import urls
from generator.build import build, load_site
from generator.kinds import REGISTRY
from generator.project import Project

FIRST = "content/measures/first-measure.yaml"
REPO_URL = "https://github.com/example/wego3-kb"


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The fixture content in a repository: all of it on 5 January 2026, the first measure
    changed again on 1 February and 10 March; built with the repository's address."""
    root = make_project(tmp_path_factory.mktemp("dated") / "project").root
    init(root)
    commit(root, "2026-01-05")
    for day in ("2026-02-01", "2026-03-10"):
        with (root / FIRST).open("a", encoding="utf-8") as handle:
            handle.write(f"# {day}\n")
        commit(root, day)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WEGO_REPO_URL", REPO_URL)
        build(Project(root))
    return Project(root)


def page(project: Project, lang_root: str, path: str) -> str:
    return (project.site / lang_root / path / "index.html").read_text(encoding="utf-8")


def date_line(page_html: str) -> str:
    """The text of the page's date line ("" without one)."""
    found = re.search(r'<div class="kb-updated"[^>]*>(.*?)</div>', page_html, re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "", found.group(1))) if found else ""
    return re.sub(r"[ \t\n]+", " ", text).strip()  # a no-break space stays one


def test_a_record_page_says_when_it_last_changed_in_each_language(dated_site: Project):
    bg = page(dated_site, "", "measures/first-measure")
    en = page(dated_site, "en", "measures/first-measure")
    assert date_line(bg) == (
        "Последна промяна: 10 март 2026\u00a0г. "
        "По-ранни промени: 1 февруари 2026\u00a0г., 5 януари 2026\u00a0г. "
        "Цялата история на промените (в GitHub)"
    )
    assert date_line(en) == (
        "Last changed: 10 March 2026 Earlier changes: 1 February 2026, 5 January 2026 Full history of changes (on GitHub)"
    )
    for text in (bg, en):
        assert '<time datetime="2026-03-10">' in text
        assert f'href="{REPO_URL}/commits/main/{FIRST}"' in text
    # Near the end of the page, before its sources.
    assert bg.index('class="kb-updated"') < bg.index(">Източници</h2>")
    assert en.index('class="kb-updated"') < en.index(">Sources</h2>")


def test_a_record_changed_once_has_no_earlier_days(dated_site: Project):
    bg = date_line(page(dated_site, "", "measures/second-measure"))
    assert bg.startswith("Последна промяна: 5 януари 2026\u00a0г. ") and "По-ранни" not in bg


def test_every_record_page_has_its_date_line(dated_site: Project):
    site = load_site(dated_site)
    assert len(site.records) >= 7
    for record in site.records:
        path = urls.record_page(REGISTRY.of(record), record.slug).url
        for lang_root, last in (("", "Последна промяна:"), ("en", "Last changed:")):
            assert date_line(page(dated_site, lang_root, path)).startswith(last), (lang_root, path)


def test_a_site_built_outside_git_shows_no_date(fixture_site: Project):
    for record in load_site(fixture_site).records:
        path = urls.record_page(REGISTRY.of(record), record.slug).url
        for lang_root, last in (("", "Последна промяна"), ("en", "Last changed")):
            text = page(fixture_site, lang_root, path)
            assert 'class="kb-updated"' not in text and last not in text, (lang_root, path)
