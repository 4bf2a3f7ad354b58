"""The words of the site's interface in each language (locale/labels.yaml): section names,
notices, labels of allowed values. A language without a word takes its fallback's."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

LABELS = Path(__file__).parent / "locale" / "labels.yaml"
# The catalogues are ours and large: read by libyaml (the same YAML, a tenth of the time:
# every command reads them as it starts), by PyYAML's own reader where libyaml is missing.
CATALOGUE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_catalogue(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=CATALOGUE_LOADER)  # noqa: S506 - a safe loader


@cache
def labels() -> dict[str, Any]:
    return read_catalogue(LABELS)  # type: ignore[no-any-return]


def ui(key: str, lang: str, fallback: tuple[str, ...] = ("en",)) -> str:
    """A word of the site's interface (locale/labels.yaml) in `lang`, or in the first
    fallback language that has it."""
    entry = labels()[key]
    return str(next(entry[code] for code in (lang, *fallback) if code in entry))


def choice_label(group: str, value: str, lang: str, fallback: tuple[str, ...] = ("en",)) -> str:
    """An allowed value's label; a value the catalogue does not name (a language code a
    project added in its languages.yml) is shown as it is written."""
    entry = labels()["enums"][group].get(value, {})
    return str(next((entry[code] for code in (lang, *fallback) if code in entry), value))


def kind_word(kind: str, lang: str, fallback: tuple[str, ...] = ("en",)) -> str:
    """A record kind's name ("Мярка"), or "section"/"page" for the site's own pages."""
    entry = labels()["kinds"][kind]
    return str(next(entry[code] for code in (lang, *fallback) if code in entry))
