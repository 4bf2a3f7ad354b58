"""What the theme shows around every page, per language: the language switcher, the
search box's words, the quick exit, the help bar, Open Graph locales, the navigation.

Builder-independent data: each builder hands it to the theme its own way (MkDocs and
Zensical both as `extra` and `nav` in their configuration); the overrides/ templates read
`config.extra.kb_*`. Every address is asked of the URL map; every word of the language.
"""

from __future__ import annotations

from typing import Any

from . import urls
from .kinds import REGISTRY
from .model import Site
from .project import Language, Project
from .urls import Address


def alternates(project: Project, language: Language) -> list[dict[str, Any]]:
    """The language switcher's entries, as seen from `language`'s root."""
    return [
        {"name": other.name, "lang": other.code, "root": language.up + other.root, "current": other == language}
        for other in project.languages
    ]


def help_page(site: Site | None) -> Address:
    """The page of help lines (content/help/), or the safety page while there is none."""
    if site is not None and site.help:
        record = site.help[0]
        return urls.record_page(REGISTRY.of(record), record.slug)
    return urls.written("safe_browsing")


def search_labels(site: Site | None, language: Language) -> dict[str, str]:
    """The search box's words, and where it sends a reader when nothing is found."""
    keys = {"label": "search_placeholder", "none": "search_none", "count": "search_count"}
    keys |= {"count_one": "search_count_one", "loading": "search_loading", "did_you_mean": "did_you_mean"}
    keys |= {"help_label": "search_offer_help", "measures_label": "search_offer_measures"}
    labels = {name: language.word(key) for name, key in keys.items()}
    return labels | {"help_url": help_page(site).url, "measures_url": urls.named("measures", REGISTRY).url}


def exit_settings(language: Language) -> dict[str, str]:
    return {
        "label": language.word("quick_exit"),
        "hint": language.word("quick_exit_hint"),
        "skip": language.word("skip_to_content"),
        "safety": language.word("safe_browsing"),
        "safety_page": urls.written("safe_browsing").url,
    }


def print_settings(language: Language) -> dict[str, str]:
    """The line a printed page ends with: "Printed from: <address>". The theme prints the
    page's public address when the site has one (MkDocs' canonical URL, which carries the
    language's root), else its address from the site's root: `root` + the page's URL."""
    return {"label": language.word("printed_from"), "root": language.root}


def help_settings(site: Site, language: Language) -> dict[str, Any]:
    """The help lines for the bar on every page (from content/help/), in `language`."""
    record = site.help[0] if site.help else None
    lines = []
    for line in record.lines if record else []:
        title, name, hours = language.text(line.title), language.text(line.name), language.text(line.hours)
        operator = language.text(line.operator)
        # What a screen reader says for the link: the line's name, who runs it, the number, hours.
        spoken = ", ".join(part for part in (title, operator, line.number, hours) if part)
        lines.append({"number": line.number, "tel": line.number.replace(" ", ""), "short_name": language.text(line.short_name),
                      "hours": hours, "name": name, "title": title, "operator": operator, "spoken": spoken})
    return {
        "title": language.word("help_now"),
        "short_title": language.word("help_short"),
        "page": help_page(site).url,
        "lines": lines,
    }


def extra(project: Project, site: Site | None, language: Language) -> dict[str, Any]:
    """The theme's data for one language (`extra` in a builder's configuration)."""
    languages = project.languages
    others = [languages.get(code).locale for code in languages.others(language.code)]
    settings: dict[str, Any] = {
        "kb_alternate": alternates(project, language),  # not "alternate": Material would add head links to it
        "kb_lang": language.code,
        "kb_locale": language.locale,
        "kb_locale_other": others[0] if others else "",
        "kb_search": search_labels(site, language),
        "kb_exit": exit_settings(language),
        "kb_print": print_settings(language),
        "kb_site_roots": [{"lang": other.code, "url": project.base_url + other.root} for other in languages]
        + [{"lang": "x-default", "url": project.base_url}],
    }
    settings["kb_footer"] = footer(project, language)
    if site is not None:
        settings["kb_help"] = help_settings(site, language)
        settings["kb_404"] = not_found(project, site, language)
    return settings


def not_found(project: Project, site: Site, language: Language) -> list[dict[str, Any]]:
    """The 404 page's words in every language, this build's language first; each with the
    path from this language's root to that language's root."""
    entries = []
    for code in (language.code, *project.languages.others(language.code)):
        other = project.languages.get(code)
        help_data = help_settings(site, other)
        entries.append(
            {
                "lang": other.code,
                "root": other.root,
                "path_from_here": language.up + other.root,
                "title": other.word("not_found_title"),
                "text": other.word("not_found_text"),
                "home": other.word("home"),
                "search": other.word("search"),
                "help": help_data["title"],
                "help_page": help_data["page"],
                "lines": help_data["lines"],
            }
        )
    return entries


# The navigation: help first, then the site's home and the kinds' list pages that the
# public uses (kinds.py: nav="public"); pages for partners in a section of their own.
# Record pages are listed by their list pages. Privacy, accessibility and open data are
# in every page's footer (footer()).
NAV_WRITTEN = ("safe_browsing",)
FOOTER_WRITTEN = ("privacy", "accessibility", "open_data")


def nav(project: Project, site: Site | None, language: Language) -> list[dict[str, Any]]:
    written = project.written_pages(language.code)
    entries: list[tuple[str, Address]] = []
    if site is not None and site.help:
        entries.append(("help_now", help_page(site)))
    entries.append(("home", urls.section("home")))
    entries += [(listing.name, Address(listing.path)) for kind, listing in REGISTRY.listings() if kind.nav == "public"]
    entries += [(name, urls.written(name)) for name in NAV_WRITTEN if urls.written(name).path in written]
    for_partners = [("translation_status", urls.section("translation_status"))]
    for_partners += [(listing.name, Address(listing.path)) for kind, listing in REGISTRY.listings() if kind.nav == "partners"]
    for_partners.append(("matrix", urls.section("matrix")))
    partners = [{label(language, name): address.path} for name, address in for_partners]
    return [{label(language, name): address.path} for name, address in entries] + [{language.word("for_partners"): partners}]


def label(language: Language, name: str) -> str:
    """A page's name in the navigation: a kind's list by its plural, else the catalogue's word."""
    for kind, listing in REGISTRY.listings():
        if listing.name == name:
            return kind.plural_word(language)
    return language.word(name)


def footer(project: Project, language: Language) -> dict[str, Any]:
    """The links at the foot of every page, as addresses relative to the language's root."""
    written = project.written_pages(language.code)
    links = [{"label": language.word("about_project"), "page": urls.section("home").url}]
    links.append({"label": language.word("partners"), "page": urls.named("partners", REGISTRY).url})
    links += [
        {"label": language.word(name), "page": urls.written(name).url}
        for name in FOOTER_WRITTEN
        if urls.written(name).path in written
    ]
    return {"links": links, "licence": language.word("licence_state"), "licence_page": urls.data_file("LICENSE", "txt")}


def site_name(language: Language) -> str:
    return language.word("site_short_name")


def site_description(language: Language) -> str:
    return language.word("site_description")
