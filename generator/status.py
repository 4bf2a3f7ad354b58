"""`./kb status`: the same facts as the site's translation-status page, in the reader's words.

Kinds and fields are named as the reader's language calls them („Добра практика“,
„Наименование“; in English with the field's key, as validation names it), and counts agree
with their noun (messages.yaml "count_records")."""

from __future__ import annotations

from . import walker
from .kinds import REGISTRY
from .model import Site, draft_records, translation_rows
from .problems import counted
from .project import Languages
from .render import labels, missing_in
from .schema import Record


def status_report(site: Site, lang: str, languages: Languages) -> str:
    langs = languages.codes
    words = labels()
    lines: list[str] = []
    for code in (*langs[1:], langs[0]):  # the translations first: the default language is written first
        rows = translation_rows(site, code)
        lines.append(f"{missing_in(code, lang, languages)} ({counted('count_records', len(rows), lang)}):")
        for row in rows:
            lines.append(f"  {row.record.path}  [{kind_word(row.record, lang, languages)}]  {', '.join(field_names(row.record, row.missing, lang))}")
        if not rows:
            lines.append(f"  {words['all_translated'][lang]}")
    drafts = draft_records(site)
    lines.append(f"{words['drafts'][lang]} ({counted('count_records', len(drafts), lang)}):")
    for record in drafts:
        lines.append(f"  {record.path}  [{kind_word(record, lang, languages)}]")
    if not drafts:
        lines.append(f"  {words['no_drafts'][lang]}")
    if site.withdrawn:
        lines.append(f"{words['withdrawn'][lang]} ({counted('count_records', len(site.withdrawn), lang)}):")
        lines += [f"  {record.path}  [{kind_word(record, lang, languages)}]" for record in site.withdrawn]
    return "\n".join(lines)


def kind_word(record: Record, lang: str, languages: Languages) -> str:
    """The record's kind as the reader's language calls it ("Добра практика")."""
    return REGISTRY.of(record).word(languages.get(lang))


def field_names(record: Record, paths: list[str], lang: str) -> list[str]:
    """The fields at these paths (title, sections[0].body) in words: „Наименование“,
    „Раздели (№ 1) → Текст“; in English followed by the path, as validation writes them."""
    where = {walker.dotted(location): location for location, _ in walker.texts(record)}
    named = []
    for path in paths:
        words = walker.describe(type(record), where[path])[lang] if path in where else path
        named.append(words if lang == "bg" else f"{words} ({path})")
    return named
