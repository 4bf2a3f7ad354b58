"""What the theme shows around every page, per language: the language switcher, the
search box's words, the quick exit, the help bar, Open Graph locales, the navigation.

Builder-independent data: each builder hands it to the theme its own way (MkDocs and
Zensical both as `extra` and `nav` in their configuration); the overrides/ templates read
`config.extra.kb_*`.
"""

from __future__ import annotations

from typing import Any

from . import urls
from .model import Site
from .project import Project
from .words import ui


def alternates(project: Project, lang: str) -> list[dict[str, Any]]:
    """The language switcher's entries, as seen from `lang`'s root."""
    languages = project.languages
    up = "../" * languages.root(lang).count("/")
    return [
        {"name": languages.get(code).name, "lang": code, "root": up + languages.root(code), "current": code == lang}
        for code in languages.codes
    ]


def search_labels(project: Project, site: Site | None, lang: str) -> dict[str, str]:
    """The search box's words, and where it sends a reader when nothing is found."""
    fallback = project.languages.fallback(lang)
    keys = {"label": "search_placeholder", "none": "search_none", "count": "search_count"}
    keys |= {"count_one": "search_count_one", "loading": "search_loading", "did_you_mean": "did_you_mean"}
    keys |= {"help_label": "search_offer_help", "measures_label": "search_offer_measures"}
    labels = {name: ui(key, lang, fallback) for name, key in keys.items()}
    help_page = urls.record_page(site.help[0]) if site is not None and site.help else urls.written("safe_browsing")
    return labels | {"help_url": urls.address(help_page), "measures_url": urls.address(urls.section("measures"))}


def exit_settings(project: Project, lang: str) -> dict[str, str]:
    fallback = project.languages.fallback(lang)
    return {
        "label": ui("quick_exit", lang, fallback),
        "hint": ui("quick_exit_hint", lang, fallback),
        "skip": ui("skip_to_content", lang, fallback),
        "safety": ui("safe_browsing", lang, fallback),
        "safety_page": urls.address(urls.written("safe_browsing")),
        "printed_from": ui("printed_from", lang, fallback),
    }


def help_settings(project: Project, site: Site, lang: str) -> dict[str, Any]:
    """The help lines for the bar on every page (from content/help/), in `lang`."""
    fallback = project.languages.fallback(lang)
    record = site.help[0] if site.help else None
    lines = []
    for line in record.lines if record else []:
        title, name, hours = (line.title.get(lang, fallback), line.name.get(lang, fallback), line.hours.get(lang, fallback))
        operator = line.operator.get(lang, fallback) if line.operator else ""
        # What a screen reader says for the link: the line's name, who runs it, the number, hours.
        spoken = ", ".join(part for part in (title, operator, line.number, hours) if part)
        lines.append({"number": line.number, "tel": line.number.replace(" ", ""), "short": hours, "name": name,
                      "title": title, "operator": operator, "spoken": spoken})
    page = urls.record_page(record) if record else urls.written("safe_browsing")
    return {
        "title": ui("help_now", lang, fallback),
        "short_title": ui("help_short", lang, fallback),
        "page": urls.address(page),
        "lines": lines,
    }


def extra(project: Project, site: Site | None, lang: str) -> dict[str, Any]:
    """The theme's data for one language (`extra` in a builder's configuration)."""
    languages = project.languages
    root = project.base_url
    others = [languages.get(code).locale for code in languages.others(lang)]
    settings: dict[str, Any] = {
        "kb_alternate": alternates(project, lang),  # not "alternate": Material would add head links to it
        "kb_lang": lang,
        "kb_locale": languages.get(lang).locale,
        "kb_locale_other": others[0] if others else "",
        "kb_search": search_labels(project, site, lang),
        "kb_exit": exit_settings(project, lang),
        "kb_site_roots": [{"lang": code, "url": root + languages.root(code)} for code in languages.codes]
        + [{"lang": "x-default", "url": root}],
    }
    settings["kb_footer"] = footer(project, lang)
    if site is not None:
        settings["kb_help"] = help_settings(project, site, lang)
        settings["kb_404"] = not_found(project, site, lang)
    return settings


def not_found(project: Project, site: Site, lang: str) -> list[dict[str, Any]]:
    """The 404 page's words in every language, this build's language first; each with the
    path from this language's root to that language's root."""
    languages = project.languages
    up = "../" * languages.root(lang).count("/")
    entries = []
    for code in (lang, *languages.others(lang)):
        fallback = languages.fallback(code)
        help_data = help_settings(project, site, code)
        entries.append(
            {
                "lang": code,
                "root": languages.root(code),
                "path_from_here": up + languages.root(code),
                "title": ui("not_found_title", code, fallback),
                "text": ui("not_found_text", code, fallback),
                "home": ui("home", code, fallback),
                "search": ui("search", code, fallback),
                "help": help_data["title"],
                "help_page": help_data["page"],
                "lines": help_data["lines"],
            }
        )
    return entries


# The navigation: help first, then the sections the public uses; pages for partners in a
# section of their own. Record pages are listed by their index pages. Privacy,
# accessibility and open data are in every page's footer (footer()).
NAV_SECTIONS = ("home", "measures", "regions", "practices", "meetings", "pilot", "topics")
NAV_WRITTEN = ("safe_browsing",)
FOR_PARTNERS = ("translation_status", "partners", "matrix")
FOOTER_WRITTEN = ("privacy", "accessibility", "open_data")


def nav(project: Project, site: Site | None, lang: str) -> list[dict[str, Any]]:
    fallback = project.languages.fallback(lang)
    written = project.written_pages(lang)
    entries: list[tuple[str, str]] = []
    if site is not None and site.help:
        entries.append(("help_now", urls.record_page(site.help[0])))
    entries += [(name, urls.section(name)) for name in NAV_SECTIONS]
    entries += [(name, urls.written(name)) for name in NAV_WRITTEN if urls.written(name) in written]
    partners = [{ui(name, lang, fallback): urls.section(name)} for name in FOR_PARTNERS]
    return [{ui(name, lang, fallback): path} for name, path in entries] + [{ui("for_partners", lang, fallback): partners}]


def footer(project: Project, lang: str) -> dict[str, Any]:
    """The links at the foot of every page, as addresses relative to the language's root."""
    fallback = project.languages.fallback(lang)
    written = project.written_pages(lang)
    links = [{"label": ui("about_project", lang, fallback), "page": urls.address(urls.section("home"))}]
    links.append({"label": ui("partners", lang, fallback), "page": urls.address(urls.section("partners"))})
    links += [
        {"label": ui(name, lang, fallback), "page": urls.address(urls.written(name))}
        for name in FOOTER_WRITTEN
        if urls.written(name) in written
    ]
    return {"links": links, "licence": ui("licence_state", lang, fallback), "licence_page": urls.data_file("LICENSE", "txt")}


def site_name(project: Project, lang: str) -> str:
    return ui("site_short_name", lang, project.languages.fallback(lang))


def site_description(project: Project, lang: str) -> str:
    return ui("site_description", lang, project.languages.fallback(lang))
