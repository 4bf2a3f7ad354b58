"""Problems found in content, and how they are told to a person or a machine.

A problem is data (file, position, message code, parameters); the words come from
locale/messages.yaml in Bulgarian or English, so one problem can be printed for a
partner in Bulgarian, as a GitHub annotation, or as JSON.
"""

from __future__ import annotations

import json
import locale
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from .words import read_catalogue

LOCALE_DIR = Path(__file__).parent / "locale"
LANGS = ("bg", "en")  # the languages messages are written in (not the site's languages)


class Position(NamedTuple):
    line: int
    column: int


@dataclass(frozen=True)
class Problem:
    path: str
    position: Position
    code: str  # a key of locale/messages.yaml
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.position.line, self.position.column, self.code)


@cache
def messages() -> dict[str, Any]:
    return read_catalogue(LOCALE_DIR / "messages.yaml")  # type: ignore[no-any-return]


def default_lang() -> str:
    """Bulgarian when the environment's locale is Bulgarian, else English."""
    for variable in ("WEGO_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value:
            return "bg" if value.lower().startswith("bg") else "en"
    current = locale.getlocale()[0] or ""
    return "bg" if current.lower().startswith("bg") else "en"


def message(problem: Problem, lang: str) -> str:
    catalog = messages()
    entry = catalog.get(problem.code) or catalog["generic"]
    params = {key: _visible(_localise(value, lang)) for key, value in problem.params.items()}
    if "expected" in params:  # a word such as "a_date", said in the reader's language
        params["expected"] = label(params["expected"], lang)
    try:
        return entry[lang].format(**params).strip()
    except (KeyError, IndexError):
        return entry[lang].strip() + f" ({problem.code})"


def _localise(value: Any, lang: str) -> Any:
    """Parameters may themselves be bilingual ({'bg': …, 'en': …}, maybe with more keys)."""
    if isinstance(value, dict) and lang in value:
        return value[lang]
    return value


def say(code: str, lang: str, **params: Any) -> str:
    """A message of the catalogue that is not a content problem (the command line's)."""
    return str(messages()[code][lang]).format(**params)


def counted(code: str, n: int, lang: str) -> str:
    """"3 проблема", "1 problem": the catalogue's form for one or for more."""
    one, more = messages()[code][lang]
    return str(one if n == 1 else more).format(n=n)


def counted_both(code: str, n: int) -> dict[str, str]:
    return {lang: counted(code, n, lang) for lang in LANGS}


def label(word: str, lang: str) -> str:
    return messages()["words"][lang].get(word, word)


def os_reason(error: OSError) -> dict[str, str]:
    """Why the system refused a file, in words for each language (its own are English)."""
    if isinstance(error, PermissionError):
        return {"bg": "нямате права за четене", "en": "you have no permission to read it"}
    if isinstance(error, FileNotFoundError):
        return {"bg": "не съществува (или е връзка към нещо несъществуващо)", "en": "it does not exist (or is a link to nothing)"}
    words = error.strerror or type(error).__name__
    return {"bg": f"системата отказва достъп (грешка № {error.errno})", "en": f"the system cannot read it ({words})"}


def printable(text: str, keep: str = "") -> str:
    """Text as a reader can see all of it: every character that shows nothing or moves the
    line — a control character, a zero-width joiner, a non-breaking space, a newline in a
    file name — written as its code ([U+200D]), so two names that look the same on screen
    are told apart in the message. `keep` lists the characters left as they are."""
    return "".join(char if char.isprintable() or char in keep else f"[U+{ord(char):04X}]" for char in text)


def _visible(value: Any) -> Any:
    """A message parameter with its invisible characters shown (line breaks and tabs kept:
    some parameters are several lines on purpose)."""
    return printable(value, keep="\n\t") if isinstance(value, str) else value


def format_text(problem: Problem, lang: str) -> str:
    where = f"{printable(problem.path)}:{problem.position.line}:{problem.position.column}"
    return f"{where}: {label('error', lang)}: {message(problem, lang)}"


def escape_data(text: str) -> str:
    """A workflow command's message (GitHub's toolkit: escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property, such as file= (GitHub's toolkit: escapeProperty): a
    newline or "::" in a file name cannot end the command and start another."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problem: Problem, lang: str) -> str:
    """A GitHub Actions workflow command: the error shows on that line of the PR diff."""
    properties = {
        "file": problem.path,
        "line": str(problem.position.line),
        "col": str(problem.position.column),
        "title": label("annotation_title", lang),
    }
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::error {listed}::{escape_data(message(problem, lang))}"


def format_json(problems: list[Problem], lang: str) -> str:
    rows = [
        {
            "path": p.path,
            "line": p.position.line,
            "column": p.position.column,
            "code": p.code,
            "field": p.params["field"].get("path", "") if isinstance(p.params.get("field"), dict) else "",
            "message": message(p, lang),
        }
        for p in problems
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)


class ContentError(Exception):
    """Raised by a stage when content is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in content")
        self.problems = sorted(problems, key=Problem.sort_key)
