"""`python -m generator diff --base DIR`: what a change does to the site, page by page.

Compares the rendered Markdown of this project (build/docs/<lang>/) with that of another
checkout (DIR, e.g. `main` checked out beside the pull request, rendered the same way) and
prints the pages added, changed and removed, with their titles and addresses, in each
language — as Markdown for a pull request's job summary, so that a reviewer sees what
the change does to the site without reading YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import printable
from .project import Project
from .urls import Address


@dataclass(frozen=True)
class PageChange:
    lang: str
    change: str  # added, changed, removed
    address: str
    title: str


def pages(docs: Path) -> dict[str, str]:
    """Page path → Markdown, for the pages (not assets, data or feeds) of a rendered language."""
    if not docs.is_dir():
        return {}
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}


def title_of(markdown: str, path: str) -> str:
    if markdown.startswith("---\n") and "\n---\n" in markdown:
        meta = yaml.safe_load(markdown[4:].split("\n---\n", 1)[0]) or {}
        if meta.get("title"):
            return str(meta["title"])
    return path


def changes(base: Project, head: Project) -> list[PageChange]:
    found = []
    for lang in head.languages.codes:
        old, new = pages(base.docs_out(lang)), pages(head.docs_out(lang))
        for path in sorted(set(old) | set(new)):
            if path not in old:
                kind, text = "added", new[path]
            elif path not in new:
                kind, text = "removed", old[path]
            elif old[path] != new[path]:
                kind, text = "changed", new[path]
            else:
                continue
            address = Address(path).url_in(head.languages.get(lang))
            found.append(PageChange(lang, kind, "/" + address, title_of(text, path)))
    return found


def literal(text: str) -> str:
    """A title as inert text in the summary's Markdown: a code span, whose content GitHub
    shows as written — no link, image, HTML or bare address a title could carry becomes
    live in what reviewers take for the summary's own words. The span's fence is longer
    than any run of backticks inside; line breaks (which could end the list item) are
    flattened and invisible characters shown."""
    flat = printable(" ".join(text.split()))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    return f"{fence} {flat} {fence}"


HEADINGS = {"added": "Добавени страници / Pages added", "changed": "Променени страници / Pages changed", "removed": "Премахнати страници / Pages removed"}


def summary(found: list[PageChange], site_url: str = "") -> str:
    """Markdown for a job summary."""
    lines = ["## Какво променя това предложение в сайта / What this change does to the site", ""]
    if not found:
        return "\n".join(lines + ["Нито една страница не се променя. / No page changes.", ""])
    for change in ("added", "changed", "removed"):
        rows = [item for item in found if item.change == change]
        if not rows:
            continue
        # A list, not a table: in a table a backslash before a pipe would end a title's cell
        # (GitHub splits cells before it reads code spans), and what followed would be live.
        lines += [f"### {HEADINGS[change]} ({len(rows)})", ""]
        for item in rows:
            address = f"[{item.address}]({site_url.rstrip('/')}{item.address})" if site_url and change != "removed" else f"`{item.address}`"
            lines.append(f"- {item.lang}: {literal(item.title)} — {address}")
        lines.append("")
    return "\n".join(lines)
