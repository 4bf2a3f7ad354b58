"""`python -m generator status`: the same facts as the site's translation-status page."""

from __future__ import annotations

from .kinds import REGISTRY
from .model import Site, draft_records, translation_rows
from .project import Languages
from .render import labels, missing_in


def status_report(site: Site, lang: str, languages: Languages) -> str:
    langs = languages.codes
    words = labels()
    lines: list[str] = []
    for code in (*langs[1:], langs[0]):  # the translations first: the default language is written first
        rows = translation_rows(site, code)
        lines.append(f"{missing_in(code, lang, languages)} ({len(rows)}):")
        for row in rows:
            lines.append(f"  {row.record.path}  [{row.kind}]  {', '.join(row.missing)}")
        if not rows:
            lines.append(f"  {words['all_translated'][lang]}")
    drafts = draft_records(site)
    lines.append(f"{words['drafts'][lang]} ({len(drafts)}):")
    for record in drafts:
        lines.append(f"  {record.path}  [{REGISTRY.of(record).name}]")
    if not drafts:
        lines.append(f"  {words['no_drafts'][lang]}")
    return "\n".join(lines)
