"""`python -m generator new KIND`: a valid bilingual record with every field, each commented.

The file is written by walking the kind's model in schema.py, so a field added there
appears in new scaffolds with its documentation; nothing here lists fields.
"""

from __future__ import annotations

import re
import typing
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import cyrtranslit
import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .schema import KINDS_BY_NAME, Kind, Text
from .schema_export import schema_comment

PLACEHOLDER = {"bg": "ЗА ПОПЪЛВАНЕ", "en": "TO FILL IN"}
PLACEHOLDER_URL = "https://example.org/"
MAX_SLUG = 60


class ScaffoldError(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def slugify(title: str) -> str:
    """A page address from a title, Cyrillic transliterated by the official Bulgarian system.

    cyrtranslit's Bulgarian table gives щ → sht but ъ → ă; the Transliteration Act writes
    ъ as a, which folding the diacritic gives. The Act also writes a word-final -ия as -ia.
    """
    latin = cyrtranslit.to_latin(re.sub(r"ия\b", "иa", title, flags=re.IGNORECASE), "bg")
    ascii_text = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


@dataclass(frozen=True)
class Target:
    kind: Kind
    relative: PurePosixPath  # under content/


def target_for(kind_name: str, slug: str, region: str | None) -> Target:
    kind = KINDS_BY_NAME[kind_name]
    if kind_name == "practice":
        if not region:
            raise ScaffoldError("needs_region")
        return Target(kind, PurePosixPath("regions", region, "practices", f"{slug}.yaml"))
    if kind_name == "region":
        return Target(kind, PurePosixPath("regions", slug, "region.yaml"))
    if kind_name == "protocol":
        return Target(kind, PurePosixPath("regions", region or slug, "protocol.yaml"))
    folder = PurePosixPath(kind.pattern).parent
    return Target(kind, folder / f"{slug}.yaml")


def _doc_comment(info: FieldInfo) -> str:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    text = f"{extra.get('description_bg', '')} / {info.description or ''}".strip(" /")
    allowed = _allowed_values(info.annotation)
    if allowed:
        text += " [" + ", ".join(allowed) + "]"
    return text


def _allowed_values(annotation: Any) -> list[str]:
    if typing.get_origin(annotation) is typing.Literal:
        return [str(v) for v in typing.get_args(annotation)]
    for arg in typing.get_args(annotation):
        found = _allowed_values(arg)
        if found:
            return found
    return []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None


def _is_list(annotation: Any) -> bool:
    return typing.get_origin(annotation) is list or any(_is_list(a) for a in typing.get_args(annotation) if a is not type(None))


def _min_length(info: FieldInfo) -> int:
    return max((getattr(meta, "min_length", 0) or 0 for meta in info.metadata), default=0)


def placeholder_value(info: FieldInfo, required: bool) -> Any:
    """A value that validates, for a field the partner will fill in."""
    annotation = info.annotation
    model = _model_in(annotation)
    allowed = _allowed_values(annotation)
    if _is_list(annotation):
        if not _min_length(info):
            return []
        if model is not None:
            return [placeholder_model(model)]
        return [allowed[0]] if allowed else [PLACEHOLDER["bg"]]
    if model is Text:
        return (
            {"bg": f"{PLACEHOLDER['bg']}: {_doc_comment(info).split(' / ')[0]}", "en": ""} if required else {"bg": "", "en": ""}
        )
    if model is not None:
        if required:
            return placeholder_model(model)
        # An optional group is shown with its fields left blank (all optional → valid).
        if all(not field.is_required() for field in model.model_fields.values()):
            return {name: placeholder_value(field, False) for name, field in model.model_fields.items()}
        return None
    if not required:
        return info.default if not callable(info.default) else None
    if allowed:
        return allowed[0]
    if annotation is int:
        return 1
    if annotation is bool:
        return False
    return (
        PLACEHOLDER_URL
        if "url" in (info.description or "").lower() or "https://" in (info.description or "")
        else PLACEHOLDER["bg"]
    )


def placeholder_model(model: type[BaseModel]) -> dict[str, Any]:
    return {name: placeholder_value(info, info.is_required()) for name, info in model.model_fields.items() if info.is_required()}


def render_fields(model: type[BaseModel], values: dict[str, Any], indent: int = 0) -> list[str]:
    """YAML lines for every field of `model`, each preceded by its documentation."""
    lines: list[str] = []
    pad = " " * indent
    # The record's own fields first; sources and review (common to all kinds) at the end.
    common = [name for name in ("sources", "review") if name in model.model_fields and indent == 0]
    names = [name for name in model.model_fields if name not in common] + common
    for name in names:
        info = model.model_fields[name]
        if name == "review":
            value = values.get(name, {"state": "draft"})
        elif name in values:
            value = values[name]
        else:
            value = placeholder_value(info, info.is_required())
        lines.append(f"{pad}# {_doc_comment(info)}")
        nested = _model_in(info.annotation)
        if isinstance(value, dict) and nested is not None and nested is not Text:
            lines.append(f"{pad}{name}:")
            lines.extend(render_fields(nested, value, indent + 2))
        else:
            dumped = yaml.safe_dump({name: value}, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
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
    title_text = {"bg": title, "en": ""}
    values: dict[str, Any] = {"sources": [{"title": PLACEHOLDER["bg"], "url": PLACEHOLDER_URL}]}
    if kind_name == "region":
        values["name"] = title_text
        partners = site_slugs.get("partner", [])
        if partners:
            values["centre"] = partners[0]
    else:
        values["title"] = title_text
    if kind_name == "measure":
        values["number"] = len(site_slugs.get("measure", [])) + 1
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
    if kind_name == "practice" and region not in site_slugs.get("region", []):
        raise ScaffoldError("unknown_region", region=region, allowed=", ".join(site_slugs.get("region", [])))
    target = target_for(kind_name, slug, region)
    path = content_dir / target.relative
    if path.exists():
        raise ScaffoldError("exists", path=str(path))
    text = scaffold_text(target.kind, values_for(kind_name, title, site_slugs, region, centre), len(target.relative.parts) - 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return path
