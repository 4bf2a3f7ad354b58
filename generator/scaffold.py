"""`./kb new KIND`: a bilingual record with every field, each commented, for a partner to fill in.

The file is written by the schema walker (walker.py), so a field added in schema.py
appears in new scaffolds with its documentation; nothing here lists fields. What only the
partner knows is never guessed: a required choice (a practice's target group, an
implementer's kind) or reference (a partner organisation) is left as the placeholder,
which validation reports until it is replaced, and the comment above it lists the values
allowed, each with its Bulgarian and English label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel

from . import schema, walker
from .kinds import REGISTRY, Kind
from .problems import LANGS, messages  # LANGS: the languages of the scaffold's comments, as of messages
from .schema import PLACEHOLDER, PLACEHOLDER_URL
from .schema_export import schema_comment
from .slugs import slugify
from .walker import FieldSpec
from .words import choice_label, labels

if TYPE_CHECKING:
    from .model import Site

# The allowed values of a field, as the comment above it lists them: (value, its labels).
Named = list[tuple[str, dict[str, str]]]


class ScaffoldError(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Target:
    kind: Kind
    relative: PurePosixPath  # under content/


def target_for(kind_name: str, slug: str, region: str | None) -> Target:
    """Where the new file goes: a kind filed in another's folders (a practice in its region's)
    needs that folder's name (checked by `create`)."""
    kind = REGISTRY[kind_name]
    return Target(kind, kind.file_for(slug, region))


def both(words: dict[str, str]) -> str:
    """„Кризисен център / Crisis centre“: a comment's words in each language, once if the same."""
    return " / ".join(dict.fromkeys(words[lang] for lang in LANGS if words.get(lang)))


def _doc_comment(spec: FieldSpec, named: dict[str, Named]) -> list[str]:
    """The field's documentation, then one line per value it allows, with its labels."""
    lines = [both(spec.doc)]
    for value, words in allowed(spec, named):
        lines.append(f"  {value} — {both(words)}")
    return lines


def allowed(spec: FieldSpec, named: dict[str, Named]) -> Named:
    """The values a choice or reference field allows: labels.yaml's allowed values, or the
    records of the kind it refers to, with their titles."""
    if spec.choices:
        return [(value, {lang: choice_label(spec.choice_group, value, lang) for lang in LANGS}) for value in spec.choices]
    if spec.shape == "ref" and spec.ref:
        return named.get(spec.ref, [])
    return []


def records_named(site: Site) -> dict[str, Named]:
    """Every record by kind, in the kind's order, with its title in each language."""
    return {
        kind.name: [(record.slug, {lang: kind.title_of(record).get(lang) for lang in LANGS}) for record in site.of(kind.name)]
        for kind in REGISTRY
    }


def placeholder_value(spec: FieldSpec) -> Any:
    """What the partner will fill in: the placeholder (a text, an allowed value or a
    reference only they can choose), an empty optional value, or a value that is certain."""
    if spec.many:
        if not spec.min_items:
            return []
        if spec.group is not None and spec.shape == "group":
            return [placeholder_group(spec.group)]
        return [PLACEHOLDER["bg"]]
    if spec.shape == "text":
        return {"bg": f"{PLACEHOLDER['bg']}: {spec.doc['bg']}", "en": ""} if spec.required else {"bg": "", "en": ""}
    if spec.shape == "group" and spec.group is not None:
        if spec.required:
            return placeholder_group(spec.group)
        # An optional group is shown with its fields left blank (all optional → valid).
        if all(not field.required for field in spec.fields):
            return {field.name: placeholder_value(field) for field in spec.fields}
        return None
    if not spec.required:
        return spec.default
    if spec.shape == "number":
        return spec.ge if spec.ge is not None else 1
    if spec.shape == "yes_no":
        return False
    return PLACEHOLDER_URL if spec.expect == "a_url" else PLACEHOLDER["bg"]


def placeholder_group(model: type[BaseModel]) -> dict[str, Any]:
    return {spec.name: placeholder_value(spec) for spec in walker.fields_of(model) if spec.required}


def render_fields(model: type[BaseModel], values: dict[str, Any], named: dict[str, Named], indent: int = 0) -> list[str]:
    """YAML lines for every field of `model`, each preceded by its documentation."""
    lines: list[str] = []
    pad = " " * indent
    specs = walker.fields_of(model)
    # The record's own fields first; sources and review (common to all kinds) at the end.
    common = [spec for spec in specs if spec.name in ("sources", "review") and indent == 0]
    for spec in [spec for spec in specs if spec not in common] + common:
        if spec.name == "review":
            value = values.get(spec.name, {"state": "draft"})
        elif spec.name in values:
            value = values[spec.name]
        else:
            value = placeholder_value(spec)
        lines.extend(f"{pad}# {line}" for line in _doc_comment(spec, named))
        if not spec.required and value == PLACEHOLDER["bg"]:
            lines.append(f"{pad}# {both(messages()['new_optional_line'])}")  # an optional field it asks about
        if spec.shape == "group" and spec.group is not None and isinstance(value, dict):
            lines.append(f"{pad}{spec.name}:")
            lines.extend(render_fields(spec.group, value, named, indent + 2))
        elif spec.shape == "group" and spec.group is not None and isinstance(value, list) and value:
            lines.append(f"{pad}{spec.name}:")  # each item's fields commented too, as the record's
            for item in value:
                lines.extend(list_item(render_fields(spec.group, item, named, indent + 2), pad))
        else:
            dumped = yaml.safe_dump({spec.name: value}, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
            lines.extend(pad + line for line in dumped.rstrip("\n").split("\n"))
    return lines


def list_item(lines: list[str], pad: str) -> list[str]:
    """A group's lines as an item of a list: its first field starts with "- "."""
    first = next(index for index, line in enumerate(lines) if not line.lstrip().startswith("#"))
    return [*lines[:first], pad + "- " + lines[first][len(pad) + 2 :], *lines[first + 1 :]]


def scaffold_text(kind: Kind, values: dict[str, Any], depth_below_content: int, named: dict[str, Named]) -> str:
    words = {lang: labels()["kinds"].get(kind.name, {}).get(lang, kind.name) for lang in LANGS}
    header = [
        schema_comment(kind, depth_below_content),
        f"# Нов запис: {words['bg'].lower()}. Попълнете полетата „bg:“; „en:“ — когато има превод. Заменете „{PLACEHOLDER['bg']}“ и {PLACEHOLDER_URL}.",
        f"# New record: {words['en'].lower()}. Fill in the 'bg:' fields; 'en:' when translated. Replace '{PLACEHOLDER['bg']}' and {PLACEHOLDER_URL}.",
    ]
    return "\n".join(header + render_fields(kind.model, values, named)) + "\n"


def values_for(kind_name: str, title: str, site_slugs: dict[str, list[str]]) -> dict[str, Any]:
    """Field values the scaffold can know from the command line and existing content: the
    title, the next number; a reference it cannot know is the placeholder."""
    kind = REGISTRY[kind_name]
    codes = schema.LANGUAGE_CODES  # the site's languages: the title in the first, the others to translate
    title_text = {codes[0]: title, **dict.fromkeys(codes[1:], "")}
    values: dict[str, Any] = {"sources": [{"title": PLACEHOLDER["bg"], "url": PLACEHOLDER_URL}], kind.title_field: title_text}
    for spec in walker.fields_of(kind.model):
        if spec.unique and spec.shape == "number":
            values[spec.name] = len(site_slugs.get(kind_name, [])) + 1  # the next number
    if kind_name == "practice":  # is the implementer one of the partners? Only the partner knows.
        actor = placeholder_group(schema.Actor)
        values["implementing_actors"] = [{**actor, "partner": PLACEHOLDER["bg"]}]
    return values


def region_choices(site_slugs: dict[str, list[str]], named: dict[str, Named], within: str) -> dict[str, str]:
    """The regions a practice can go in, for a message: „plovdiv (Пловдив), ruse (Русе)“."""
    titles = dict(named.get(within, []))
    return {
        lang: ", ".join(f"{slug} ({titles[slug][lang]})" if titles.get(slug, {}).get(lang) else slug for slug in site_slugs.get(within, []))
        for lang in LANGS
    }


def create(content_dir: Path, kind_name: str, title: str, region: str | None, site: Site) -> Path:
    """Write the scaffold and return its path; refuse to overwrite anything."""
    named = records_named(site)
    site_slugs = {kind: [slug for slug, _ in records] for kind, records in named.items()}
    slug = slugify(title)
    if not slug:
        raise ScaffoldError("empty_slug", title=title)
    if region is not None and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", region):
        raise ScaffoldError("bad_region", region=region)
    kind = REGISTRY[kind_name]
    if kind.within and kind.slug_from == "stem":  # its file goes in a region's folder: which?
        choices = region_choices(site_slugs, named, kind.within)
        if not region:
            example = (site_slugs.get(kind.within) or ["plovdiv"])[0]
            raise ScaffoldError("needs_region", allowed=choices, example=example, title=title)
        if region not in site_slugs.get(kind.within, []):
            raise ScaffoldError("unknown_region", region=region, allowed=choices)
    target = target_for(kind_name, slug, region)
    path = content_dir / target.relative
    if path.exists():
        raise ScaffoldError("exists", path=str(path))
    text = scaffold_text(target.kind, values_for(kind_name, title, site_slugs), len(target.relative.parts) - 1, named)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return path
