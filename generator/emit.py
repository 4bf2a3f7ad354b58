"""Stage 6 — emit: the files of a language's docs folder besides its rendered pages.

Beside the pages (`beside_pages`): the hand-written pages (docs/<lang>/, with readable
heading anchors) and their files, the shared assets. Made of every page and record
together (`derived_files`): the redirects from old addresses, the search index, the open
data, the feed and robots.txt. Relative path → content; nothing is written here (writer.py
writes, page by page as the driver renders); a builder takes the folder as it is.
"""

from __future__ import annotations

import json
from functools import cache

from jinja2 import Environment

from . import urls
from .groups import Redirect, folder_redirects, redirects
from .model import Site
from .opendata import atom_feed, data_files, robots_txt
from .project import Language, Project
from .render import with_anchors, xml_environment
from .search_index import SearchDoc, abbreviation_synonyms, build_index, doc_of_written, synonyms, written_title


@cache
def _xml() -> Environment:
    return xml_environment()


def beside_pages(project: Project, language: Language) -> dict[str, bytes]:
    """The hand-written pages (with readable heading anchors) and their files, and the shared
    assets: with the rendered pages, what a page of the site is made from."""
    files: dict[str, bytes] = {}
    for relative, source in project.written_pages(language.code).items():
        files[relative] = (
            with_anchors(source.read_text(encoding="utf-8")).encode() if relative.endswith(".md") else source.read_bytes()
        )
    return files | {relative: source.read_bytes() for relative, source in project.assets().items()}


def derived_files(
    project: Project, site: Site, language: Language, found: list[SearchDoc], page_paths: list[str]
) -> dict[str, bytes]:
    """What is made from all the pages and records together: the redirects, the search
    index (`found`: the rendered pages' entries; the hand-written pages' are added here),
    the open data, the feed and robots.txt (`serve` makes them after showing a save)."""
    files = redirect_pages(site, language, [urls.Address(path) for path in page_paths])
    files[urls.SEARCH_INDEX] = search_index(site, language, found + written_docs(project, language)).encode()
    files |= {relative: text.encode() for relative, text in data_files(site, language, project.base_url).items()}
    files[urls.FEED] = atom_feed(_xml(), site, language, urls.section("home").absolute(project.base_url, language)).encode()
    if project.base_url and language.code == project.languages.default:  # robots.txt names the sitemaps by address
        files[urls.ROBOTS] = robots_txt(project.base_url, project.languages).encode()
    return files


def written_docs(project: Project, language: Language) -> list[SearchDoc]:
    """The hand-written pages' entries in the search index (after the rendered pages')."""
    docs = []
    other_titles = written_other_titles(project, language)
    for relative, source in project.written_pages(language.code).items():
        if relative.endswith(".md"):
            markdown = source.read_text(encoding="utf-8")
            docs.append(doc_of_written(relative, markdown, language.kind_word("page"), other_titles.get(relative, {})))
    return docs


def written_other_titles(project: Project, language: Language) -> dict[str, dict[str, str]]:
    """The hand-written pages' titles in the other languages (their counterparts' front
    matter), by page path: each other language's folder read once."""
    titles: dict[str, dict[str, str]] = {}
    for code in project.languages.codes:
        if code == language.code:
            continue
        for relative, counterpart in project.written_pages(code).items():
            if relative.endswith(".md"):
                titles.setdefault(relative, {})[code] = written_title(relative, counterpart.read_text(encoding="utf-8"))
    return titles


def redirect_pages(site: Site, language: Language, pages: list[urls.Address]) -> dict[str, bytes]:
    """A small page at each old address that sends the reader to the page's new one, and at
    each folder of an address that has no page of its own (groups.folder_redirects)."""
    template = _xml().get_template("redirect.html.j2")
    moved: list[Redirect] = redirects(site)
    taken = {redirect.old.url for redirect in moved}
    moved += [redirect for redirect in folder_redirects(pages) if redirect.old.url not in taken]
    return {
        urls.redirect_file(redirect.old): template.render(lang=language.code, target=redirect.new.url_from(redirect.old)).encode()
        for redirect in moved
    }


def search_index(site: Site, language: Language, docs: list[SearchDoc]) -> str:
    index = build_index(docs, language.code)
    for other in index["others"]:  # type: ignore[attr-defined]
        other["name"] = language.choice("SiteLanguage", other["lang"])  # shown with a page found by it
    said = synonyms([entry for words in site.search_words for entry in words.entries], language.code)
    index["synonyms"] = said + abbreviation_synonyms(site.abbreviations, language.code)
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
