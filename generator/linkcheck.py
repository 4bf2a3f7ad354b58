"""Reading a built site: pages, links and attributes; the internal link check.

Uses the standard library's HTML parser: the check runs in CI right after a build and
needs nothing beyond Python. Tests use the same reader to inspect built pages.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]


@dataclass
class ParsedPage:
    elements: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def find(self, tag: str, **attrs: str) -> list[Element]:
        found = []
        for element in self.elements:
            if element.tag != tag:
                continue
            if all(
                value in element.attrs.get(name.rstrip("_"), "").split() or element.attrs.get(name.rstrip("_")) == value
                for name, value in attrs.items()
            ):
                found.append(element)
        return found

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = ParsedPage()
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append(Element(tag, {k: v or "" for k, v in attrs}))
        if tag in {"script", "style"}:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.page.text.append(data)


def parse(path: Path) -> ParsedPage:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.page


EDITOR_FOLDER = "admin"  # the partners' editor: an application, not pages of the site


def html_pages(site: Path) -> list[Path]:
    """The site's pages: every HTML file but the editor's and the stubs that only send an
    old address on to a page's new one (see redirects())."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != EDITOR_FOLDER and not is_redirect(p))


def is_redirect(page: Path) -> bool:
    return b'http-equiv="refresh"' in page.read_bytes()[:600]


def redirects(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != EDITOR_FOLDER and is_redirect(p))


def page_url(site: Path, page: Path) -> str:
    """The URL path of a page file, e.g. site/en/measures/x/index.html → /en/measures/x/."""
    relative = page.relative_to(site).as_posix()
    return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def resolve(site: Path, page: Path, href: str) -> Path | None:
    """The file a relative link on `page` points to, or None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = page_url(site, page)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(base) if not base.endswith("/") else base, unquote(parts.path)))
    path = site / target.lstrip("/")
    if href.split("#")[0].endswith("/") or path.is_dir():
        path = path / "index.html"
    return path


def broken_links(site: Path) -> list[str]:
    """Every relative link or asset reference on every page that points at no file."""
    broken = []
    for page in html_pages(site) + redirects(site):
        html = parse(page)
        refs = [e.attrs.get("href") for e in html.find("a") + html.find("link")]
        refs += [e.attrs.get("src") for e in html.find("script") + html.find("img")]
        for ref in filter(None, refs):
            target = resolve(site, page, ref)
            if target is not None and not target.exists():
                broken.append(f"{page.relative_to(site).as_posix()}: {ref}")
    return broken
