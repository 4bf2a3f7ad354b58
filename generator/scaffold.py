"""`python -m generator new KIND`: a valid bilingual record with every field, each commented.

The file is written by the schema walker (walker.py), so a field added in schema.py
appears in new scaffolds with its documentation; nothing here lists fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from pydantic import BaseModel

from . import schema, walker
from .kinds import REGISTRY, Kind
from .schema import PLACEHOLDER, PLACEHOLDER_URL
from .schema_export import schema_comment
from .slugs import slugify
from .walker import FieldSpec


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
    needs that folder's name."""
    kind = REGISTRY[kind_name]
    if kind.within and kind.slug_from == "stem" and not region:
        raise ScaffoldError("needs_region")
    return Target(kind, kind.file_for(slug, region))


def _doc_comment(spec: FieldSpec) -> str:
    text = f"{spec.doc['bg']} / {spec.doc['en']}".strip(" /")
    if spec.choices:
        text += " [" + ", ".join(spec.choices) + "]"
    return text


def placeholder_value(spec: FieldSpec) -> Any:
    """A value that validates, for a field the partner will fill in."""
    if spec.many:
        if not spec.min_items:
            return []
        if spec.group is not None and spec.shape == "group":
            return [placeholder_group(spec.group)]
        return [spec.choices[0]] if spec.choices else [PLACEHOLDER["bg"]]
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
    if spec.choices:
        return spec.choices[0]
    if spec.shape == "number":
        return spec.ge if spec.ge is not None else 1
    if spec.shape == "yes_no":
        return False
    return PLACEHOLDER_URL if spec.expect == "a_url" else PLACEHOLDER["bg"]


def placeholder_group(model: type[BaseModel]) -> dict[str, Any]:
    return {spec.name: placeholder_value(spec) for spec in walker.fields_of(model) if spec.required}


def render_fields(model: type[BaseModel], values: dict[str, Any], indent: int = 0) -> list[str]:
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
        lines.append(f"{pad}# {_doc_comment(spec)}")
        if isinstance(value, dict) and spec.shape == "group" and spec.group is not None:
            lines.append(f"{pad}{spec.name}:")
            lines.extend(render_fields(spec.group, value, indent + 2))
        else:
            dumped = yaml.safe_dump({spec.name: value}, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
            lines.extend(pad + line for line in dumped.rstrip("\n").split("\n"))
    return lines


def scaffold_text(kind: Kind, values: dict[str, Any], depth_below_content: int) -> str:
    header = [
        schema_comment(kind, depth_below_content),
        f"# Нов запис ({kind.name}). Попълнете полетата „bg:“; „en:“ — когато има превод. Заменете „{PLACEHOLDER['bg']}“ и {PLACEHOLDER_URL}.",
        f"# New record ({kind.name}). Fill in the 'bg:' fields; 'en:' when translated. Replace '{PLACEHOLDER['bg']}' and {PLACEHOLDER_URL}.",
    ]
    return "\n".join(header + render_fields(kind.model, values)) + "\n"


def values_for(
    kind_name: str, title: str, site_slugs: dict[str, list[str]], region: str | None, centre: str | None
) -> dict[str, Any]:
    """Field values the scaffold can know from the command line and existing content."""
    kind = REGISTRY[kind_name]
    codes = schema.LANGUAGE_CODES  # the site's languages: the title in the first, the others to translate
    title_text = {codes[0]: title, **dict.fromkeys(codes[1:], "")}
    values: dict[str, Any] = {"sources": [{"title": PLACEHOLDER["bg"], "url": PLACEHOLDER_URL}], kind.title_field: title_text}
    for spec in walker.fields_of(kind.model):
        if spec.shape == "ref" and spec.required and not spec.many and spec.ref and site_slugs.get(spec.ref):
            values[spec.name] = site_slugs[spec.ref][0]  # a reference must name a record that exists
        if spec.unique and spec.shape == "number":
            values[spec.name] = len(site_slugs.get(kind_name, [])) + 1  # the next number
    if kind_name == "practice":
        actor: dict[str, Any] = {"name": {"bg": PLACEHOLDER["bg"], "en": ""}, "type": "crisis_centre"}
        if centre:
            actor["partner"] = centre
        values["implementing_actors"] = [actor]
    return values


def create(
    content_dir: Path, kind_name: str, title: str, region: str | None, site_slugs: dict[str, list[str]], centre: str | None
) -> Path:
    """Write the scaffold and return its path; refuse to overwrite anything."""
    slug = slugify(title)
    if not slug:
        raise ScaffoldError("empty_slug", title=title)
    if region is not None and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", region):
        raise ScaffoldError("bad_region", region=region)
    kind = REGISTRY[kind_name]
    if kind.within and kind.slug_from == "stem" and region not in site_slugs.get(kind.within, []):
        raise ScaffoldError("unknown_region", region=region, allowed=", ".join(site_slugs.get(kind.within, [])))
    target = target_for(kind_name, slug, region)
    path = content_dir / target.relative
    if path.exists():
        raise ScaffoldError("exists", path=str(path))
    text = scaffold_text(target.kind, values_for(kind_name, title, site_slugs, region, centre), len(target.relative.parts) - 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return path
