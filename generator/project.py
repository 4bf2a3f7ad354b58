"""The project: its folders, and its languages — declared once, read by every stage.

Languages are data (languages.yml at the project's root): which languages the site has,
which is the default (built at the site's root; the others under /<code>/), and where a
page looks for a text that is not yet written in its own language.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from . import urls, words
from .stemmer import stemmer_for

if TYPE_CHECKING:
    from .schema import Text

LANGUAGES_FILE = "languages.yml"


@dataclass(frozen=True)
class Language:
    """One language of the site, passed down through the stages: its code, where it sits,
    its locale, the languages a missing text is taken from, and its words."""

    code: str  # as in content (bg:, en:) and in the page's lang attribute
    name: str  # in the language itself, for the switcher
    locale: str  # for Open Graph (bg_BG)
    fallback: tuple[str, ...]  # languages to show, in order, while a text is untranslated
    root: str = ""  # where it sits under the site: "" for the default, else "<code>/"

    @property
    def order(self) -> tuple[str, ...]:
        """Where a text is looked for: this language, then its fallbacks."""
        return (self.code, *self.fallback)

    @property
    def up(self) -> str:
        """From this language's root to the site's root ("../" for en/)."""
        return "../" * self.root.count("/")

    def word(self, key: str) -> str:
        """A word of the site's interface (locale/labels.yaml), or its fallback's."""
        return words.ui(key, self.code, self.fallback)

    def choice(self, group: str, value: str) -> str:
        return words.choice_label(group, value, self.code, self.fallback)

    def kind_word(self, kind: str) -> str:
        return words.kind_word(kind, self.code, self.fallback)

    def text(self, text: Text | None) -> str:
        """A text of the content in this language, or until translated, in its fallback's."""
        return text.get(self.code, self.fallback) if text is not None else ""

    def stem(self, word: str) -> str:
        return stemmer_for(self.code)(word)


@dataclass(frozen=True)
class Languages:
    all: tuple[Language, ...]

    def __iter__(self) -> Iterator[Language]:
        return iter(self.all)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.all)

    @property
    def default(self) -> str:
        """The first language: built at the site's root."""
        return self.all[0].code

    def get(self, code: str) -> Language:
        return next(language for language in self.all if language.code == code)

    def fallback(self, code: str) -> tuple[str, ...]:
        return self.get(code).fallback

    def root(self, code: str) -> str:
        """Where a language lives under the site: "" for the default, else "<code>/"."""
        return self.get(code).root

    def others(self, code: str) -> tuple[str, ...]:
        return tuple(other for other in self.codes if other != code)


def read_languages(path: Path) -> Languages:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = data["languages"]
    codes = [entry["code"] for entry in entries]
    return Languages(
        tuple(
            Language(
                code=entry["code"],
                name=entry["name"],
                locale=entry["locale"],
                fallback=tuple(entry.get("fallback") or [c for c in codes if c != entry["code"]]),
                root="" if index == 0 else f"{entry['code']}/",
            )
            for index, entry in enumerate(entries)
        )
    )


def read_languages_of(root: Path) -> Languages:
    """A project's languages: its own languages.yml, else the repository's."""
    own = root / LANGUAGES_FILE
    return read_languages(own if own.exists() else Path(__file__).resolve().parent.parent / LANGUAGES_FILE)


@dataclass(frozen=True)
class Project:
    """The folders of a knowledge-base project (the repository, or a test's temp copy)."""

    root: Path
    site_url: str | None = field(default=None, compare=False)  # None: read from the environment/mkdocs.yml

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def docs(self) -> Path:
        """Hand-written pages (docs/<lang>/) and shared assets (docs/assets/)."""
        return self.root / "docs"

    @property
    def overrides(self) -> Path:
        return self.root / "overrides"

    @property
    def build(self) -> Path:
        """Scratch space: rendered Markdown, builder configs, fingerprints, the lock."""
        return self.root / "build"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    def docs_out(self, lang: str) -> Path:
        return self.build / "docs" / lang

    def written_pages(self, lang: str) -> dict[str, Path]:
        """Hand-written pages of a language (docs/<lang>/…), relative path → file; a page
        not yet written in `lang` is taken from its fallback languages, in order."""
        pages: dict[str, Path] = {}
        for code in reversed((lang, *self.languages.fallback(lang))):
            folder = self.docs / code
            if folder.is_dir():
                pages |= {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}
        return dict(sorted(pages.items()))

    def assets(self) -> dict[str, Path]:
        """Shared files (docs/assets/…), as "assets/…" → file."""
        folder = self.docs / "assets"
        return {"assets/" + p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()} if folder.is_dir() else {}

    @cached_property
    def languages(self) -> Languages:
        return read_languages_of(self.root)

    @cached_property
    def base_url(self) -> str:
        """The site's public address with a final slash, or "" when none is configured
        (WEGO_SITE_URL, as the Pages workflow sets it, else mkdocs.yml's site_url)."""
        url = self.site_url
        if url is None:
            url = os.environ.get("WEGO_SITE_URL") or ""
        if not url and self.mkdocs_yml.exists():
            url = (yaml.safe_load(self.mkdocs_yml.read_text(encoding="utf-8")) or {}).get("site_url") or ""
        return url if not url or url.endswith("/") else url + "/"

    def language_url(self, lang: str) -> str:
        """The public address of a language's root, or "" when the site has none."""
        return urls.section("home").absolute(self.base_url, self.languages.get(lang))
