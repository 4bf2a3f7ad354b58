"""Content quality of the built real site: guidance an institution can act on, from sources;
pages that read as finished.

Read over the whole built site (both languages): no Markdown syntax left visible, no
sentence said twice on a page, no source that is a bare home page; every measure names
a legal hook with its source (or says why none applies); the matrix shows differences.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO

from generator import walker
from generator.build import load_site
from generator.linkcheck import html_pages
from generator.project import Project
from generator.schema import LegalBasis, Source

ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.S)
# What Markdown looks like when it was not turned into HTML.
VISIBLE_MARKDOWN = [
    (re.compile(r"\[[^\]\n]{1,200}\]\([^)\s]+\)"), "a Markdown link"),
    (re.compile(r"\]\((?:\.\./|[\w-]+/|https?://)"), "the end of a Markdown link"),
    (re.compile(r"\*\*\S"), "bold markers"),
    (re.compile(r"(?m)^\s*#{1,6} \S"), "a heading marker"),
    (re.compile(r"\{:\s*[.#\w]"), "an attribute list"),
    (re.compile(r"!!! \w+"), "an admonition marker"),
    (re.compile(r"\|\s*-{3,}\s*\|"), "a table ruler"),
    (re.compile(r"</?(?:p|div|span|a|strong|em)\b[^>]*>"), "an HTML tag shown as text"),
    (re.compile(r"\\[*_\[\]#`|]"), "an escaping backslash"),
]


def article_text(page: Path) -> str:
    """The page's own content as a reader sees it: the article, without its tags."""
    source = page.read_text(encoding="utf-8")
    found = ARTICLE.search(source)
    body = found.group(1) if found else ""
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<br\s*/?>|</(p|li|h\d|td|th|div|figcaption)>", "\n", body)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def public_pages(project: Project) -> list[Path]:
    return [p for p in html_pages(project.site) if "admin" not in p.relative_to(project.site).parts]


def test_no_markdown_syntax_is_visible_on_any_page(real_site: Project):
    problems = []
    pages = public_pages(real_site)
    assert len(pages) > 80
    for page in pages:
        text = article_text(page)
        for pattern, what in VISIBLE_MARKDOWN:
            for match in pattern.finditer(text):
                problems.append(f"{page.relative_to(real_site.site)}: {what}: {match.group(0)!r}")
    assert problems == []


def test_the_check_catches_raw_markdown(tmp_path: Path):
    """The check above can fail: a link inside raw HTML stays Markdown."""
    page = tmp_path / "index.html"
    page.write_text('<article><p class="x">Практика · [РУСЕ](../index.md) · **bold**</p></article>', encoding="utf-8")
    text = article_text(page)
    assert {what for pattern, what in VISIBLE_MARKDOWN if pattern.search(text)} == {"a Markdown link", "the end of a Markdown link", "bold markers"}


SENTENCE = re.compile(r"[^.!?\n]{30,}[.!?](?=\s|$)")  # not the dot of a domain name


def test_no_page_says_the_same_sentence_twice(real_site: Project):
    repeated = []
    for page in public_pages(real_site):
        text = article_text(page)
        # Lists of sources name the same source for several items (each help line cites its
        # own): citations, not sentences.
        text = re.sub(r"(?m)^\s*(Източници|Sources|източник|source)\s*:.*$", "", text)
        sentences = [" ".join(s.split()) for s in SENTENCE.findall(text)]
        for sentence, count in Counter(sentences).items():
            if count > 1:
                repeated.append(f"{page.relative_to(real_site.site)}: {count}× {sentence!r}")
    assert repeated == []


def all_sources(project: Project) -> list[tuple[str, str]]:
    """(record path, url) of every source and legal act named anywhere in the content."""
    site = load_site(project)
    found = []

    def visit(value, path):
        if isinstance(value, Source):
            found.append((path, value.url))
        if isinstance(value, LegalBasis) and value.url:
            found.append((path, value.url))
        if hasattr(type(value), "model_fields"):
            for spec in walker.fields_of(type(value)):
                child = getattr(value, spec.name)
                for item in child if isinstance(child, list) else [child]:
                    visit(item, path)

    for record in site.records:
        visit(record, record.path)
    return found


def test_no_source_is_a_bare_home_page():
    project = Project(REPO)
    sources = all_sources(project)
    assert len(sources) > 40
    bare = [f"{path}: {url}" for path, url in sources if urlsplit(url).path in ("", "/") and not urlsplit(url).query]
    allowed = {"https://domesticviolence-ruse.eu/", "http://genderalternatives.org/"}  # websites, not sources
    assert [entry for entry in bare if entry.split(": ", 1)[1] not in allowed] == []


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_measure_names_a_legal_hook_with_its_source(real_site: Project, prefix: str):
    site = load_site(real_site)
    for measure in site.measures:
        assert measure.legal_basis or measure.legal_note, measure.slug
        for basis in measure.legal_basis:
            assert basis.sources or basis.url, (measure.slug, basis.title.bg)
        page = html.unescape((real_site.site / prefix / "measures" / measure.slug / "index.html").read_text(encoding="utf-8"))
        for basis in measure.legal_basis:
            for url in [basis.url, *(source.url for source in basis.sources)]:
                if url:
                    assert f'href="{url}"' in page, (measure.slug, url)


def test_the_matrix_shows_what_differs_between_regions(real_site: Project):
    site = load_site(real_site)
    rows = [[site.status[(m.slug, r.slug)] for r in site.regions] for m in site.measures]
    differing = [row for row in rows if len({(len(c.ordinances), len(c.practices)) for c in row}) > 1]
    assert differing, "no measure differs between regions in the content"
    text = article_text(real_site.site / "matrix" / "index.html")
    for row in differing:
        for cell in row:
            for act in cell.ordinances:
                assert act.title.bg.split()[0] in text


def test_regions_show_a_map_drawn_inline(real_site: Project):
    page = (real_site.site / "regions" / "ruse" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r'<figure class="kb-map">.*?</figure>', page, re.S)
    assert svg is not None
    paths = re.findall(r"<path [^>]*class=\"([^\"]+)\"", svg.group(0))
    assert len(paths) == 28
    assert sum("kb-map__province--project" in c for c in paths) == 3
    assert sum("kb-map__province--current" in c for c in paths) == 1
    assert "http" not in re.sub(r'xmlns="[^"]+"|<small[^>]*>.*?</small>', "", svg.group(0), flags=re.S)
    # The project's regions are named on the map and lead to their pages; the credit is
    # short, in the page's language (audit of 2026-11-29, rows 30 and 39).
    figure = svg.group(0)
    assert re.findall(r'<a href="([^"]+)"[^>]*><path', figure) == ["../plovdiv/", "./", "../targovishte/"]
    assert re.findall(r"<text [^>]*>([^<]+)</text>", figure) == ["Пловдив", "Русе", "Търговище"]
    credit = re.search(r"<small[^>]*>(.*?)</small>", figure, re.S).group(1)
    assert len(re.sub(r"<[^>]+>", "", credit)) < 60 and "build.json" not in credit and "обществено достояние" in credit
