"""The schema walker: what every field of every record kind is, read once from schema.py.

Validation messages, scaffolds, open data, the model's reference resolution and the
editor's configuration all need the same facts about a field — is it a bilingual text,
a reference to another record, one of a list of allowed values, a group of fields, a
list; which constraints apply; what it is called in Bulgarian and English. They ask this
module; none of them inspects pydantic annotations itself.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from annotated_types import Ge, Le, MaxLen, MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import schema
from .schema import Choices, Expect, Ref, Strict, Text, Unique

Location = tuple[str | int, ...]
Shape = Literal["text", "group", "ref", "choice", "string", "number", "yes_no", "date"]


@dataclass(frozen=True)
class FieldSpec:
    """One field of a model, as every consumer needs to know it."""

    name: str
    shape: Shape
    required: bool
    many: bool  # a list of values of this shape
    default: Any
    doc: dict[str, str]  # {"bg": …, "en": …}
    label: dict[str, str]  # short name for people: {"bg": "Заглавие", "en": "Title"}
    group: type[BaseModel] | None = None  # the nested model, for shape "group"
    ref: str | None = None  # the record kind referred to, for shape "ref"
    choices: tuple[str, ...] = ()  # allowed values, for shape "choice"
    choice_group: str = ""  # their name in locale/labels.yaml "enums"
    pattern: str | None = None
    expect: str | None = None  # the word (messages.yaml "words") for what the pattern wants
    min_items: int = 0  # for lists
    min_length: int | None = None  # for strings
    max_length: int | None = None
    ge: int | None = None
    le: int | None = None
    unique: bool = False  # no two records of a kind may share the value

    @property
    def fields(self) -> list[FieldSpec]:
        """The fields of a group."""
        return fields_of(self.group) if self.group is not None else []


def _meta(info: FieldInfo, annotation: Any) -> list[Any]:
    """Every metadata object on a field, through Annotated, Optional and list."""
    found = list(info.metadata)

    def collect(item: Any) -> None:
        found.extend(getattr(item, "__metadata__", ()))
        for constraint in getattr(item, "__metadata__", ()):
            found.extend(getattr(constraint, "metadata", ()) or [])
        for arg in typing.get_args(item):
            if not (isinstance(arg, type) and issubclass(arg, BaseModel)):
                collect(arg)

    collect(annotation)
    return found


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return any(_is_list(arg) for arg in typing.get_args(annotation) if arg is not type(None))


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _literal_in(annotation: Any) -> tuple[str, ...]:
    if typing.get_origin(annotation) is Literal:
        return tuple(str(value) for value in typing.get_args(annotation))
    for arg in typing.get_args(annotation):
        found = _literal_in(arg)
        if found:
            return found
    return ()


def _base_type(annotation: Any) -> Any:
    """The plain Python type under Annotated/Optional/list (str, int, bool, date)."""
    if isinstance(annotation, type):
        return annotation
    for arg in typing.get_args(annotation):
        if arg is type(None) or (isinstance(arg, type) and issubclass(arg, BaseModel)):
            continue
        found = _base_type(arg)
        if found is not None:
            return found
    return None


def _first(items: list[Any], kind: type) -> Any:
    return next((item for item in items if isinstance(item, kind)), None)


def _spec(name: str, info: FieldInfo) -> FieldSpec:
    annotation = info.annotation
    meta = _meta(info, annotation)
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    model = _model_in(annotation)
    ref = _first(meta, Ref)
    choices = _literal_in(annotation)
    base = _base_type(annotation)
    shape: Shape
    if model is Text:
        shape = "text"
    elif model is not None:
        shape = "group"
    elif ref is not None:
        shape = "ref"
    elif choices:
        shape = "choice"
    elif base is bool:
        shape = "yes_no"
    elif base is int:
        shape = "number"
    elif base is not None and base.__name__ == "date":
        shape = "date"
    else:
        shape = "string"
    many = _is_list(annotation)
    lengths = [item for item in meta if isinstance(item, (MinLen, MaxLen))]
    pattern = next((getattr(item, "pattern", None) for item in meta if getattr(item, "pattern", None)), None)
    string_min = next((getattr(item, "min_length", None) for item in meta if getattr(item, "min_length", None)), None)
    string_max = next((getattr(item, "max_length", None) for item in meta if getattr(item, "max_length", None)), None)
    list_min = _first(lengths, MinLen)
    default = None if info.is_required() else info.get_default(call_default_factory=True)
    return FieldSpec(
        name=name,
        shape=shape,
        required=info.is_required(),
        many=many,
        default=default,
        doc={"bg": str(extra.get("description_bg", "")), "en": info.description or ""},
        label={"bg": str(extra.get("label_bg", name)), "en": info.title or name},
        group=model if shape in {"text", "group"} else None,
        ref=ref.kind if ref else None,
        choices=choices,
        choice_group=(_first(meta, Choices).name if _first(meta, Choices) else ""),
        pattern=pattern,
        expect=(_first(meta, Expect).word if _first(meta, Expect) else None),
        min_items=(list_min.min_length if (many and list_min) else 0),
        min_length=None if many else string_min,
        max_length=None if many else string_max,
        ge=(_first(meta, Ge).ge if _first(meta, Ge) else None),
        le=(_first(meta, Le).le if _first(meta, Le) else None),
        unique=_first(meta, Unique) is not None,
    )


def fields_of(model: type[BaseModel]) -> list[FieldSpec]:
    """The fields of a model, in declaration order (the order of scaffolds and forms)."""
    return _fields_of(model, schema.GENERATION)


@cache
def _fields_of(model: type[BaseModel], generation: int) -> list[FieldSpec]:
    """Remembered per generation of the text languages (schema.use_languages)."""
    return [_spec(name, info) for name, info in model.model_fields.items()]


def field(model: type[BaseModel], name: str) -> FieldSpec | None:
    return next((spec for spec in fields_of(model) if spec.name == name), None)


def model_at(model: type[BaseModel], location: Location) -> type[BaseModel] | None:
    """The model whose fields are found at `location` (list indexes are skipped)."""
    current: type[BaseModel] | None = model
    for part in location:
        if isinstance(part, int):
            continue
        spec = field(current, part) if current is not None else None
        if spec is None or spec.group is None:
            return None
        current = spec.group
    return current


def field_at(model: type[BaseModel], location: Location) -> FieldSpec | None:
    """The field a location points at (e.g. ("implementing_actors", 0, "type"))."""
    names = [i for i, part in enumerate(location) if isinstance(part, str)]
    if not names:
        return None
    parent = model_at(model, location[: names[-1]])
    return field(parent, str(location[names[-1]])) if parent is not None else None


def path_at(model: type[BaseModel], location: Location) -> list[tuple[FieldSpec, int | None]]:
    """Each field along a location with the list index that follows it, if any."""
    steps: list[tuple[FieldSpec, int | None]] = []
    current: type[BaseModel] | None = model
    for part in location:
        if isinstance(part, int):
            if steps:
                steps[-1] = (steps[-1][0], part)
            continue
        spec = field(current, part) if current is not None else None
        if spec is None:
            break
        steps.append((spec, None))
        current = spec.group
    return steps


# --- walking values -----------------------------------------------------------------------


def _items(value: Any, location: Location) -> Iterator[tuple[Location, Any]]:
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield (*location, index), item
    elif value is not None:
        yield location, value


def texts(value: BaseModel, location: Location = ()) -> Iterator[tuple[Location, Text]]:
    """Every bilingual text in a record, with its location."""
    for spec in fields_of(type(value)):
        for where, item in _items(getattr(value, spec.name), (*location, spec.name)):
            if spec.shape == "text":
                yield where, item
            elif spec.shape == "group":
                yield from texts(item, where)


def references(value: BaseModel, location: Location = ()) -> Iterator[tuple[Location, str, str, Strict, FieldSpec]]:
    """Every reference in a record: (location, kind, slug, the object holding it, its field)."""
    for spec in fields_of(type(value)):
        for where, item in _items(getattr(value, spec.name), (*location, spec.name)):
            if spec.shape == "ref" and isinstance(value, Strict):
                yield where, str(spec.ref), item, value, spec
            elif spec.shape == "group":
                yield from references(item, where)


def dotted(location: Location) -> str:
    """A location as a path in the file's own notation (sources[0].url)."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def raw_values(model: type[BaseModel], data: Any, location: Location = ()) -> Iterator[tuple[Location, FieldSpec, Any]]:
    """Every value in a file's data before (or without) validation, with its field: (location,
    field, value), groups walked into, so that cross-file checks run on files that are not
    valid too, beside their field errors."""
    if not isinstance(data, dict):
        return
    for spec in fields_of(model):
        if spec.name not in data:
            continue
        for where, item in _items(data[spec.name], (*location, spec.name)) if spec.many else [((*location, spec.name), data[spec.name])]:
            if spec.shape == "group" and spec.group is not None and spec.group is not Text:
                yield from raw_values(spec.group, item, where)
            else:
                yield where, spec, item


def raw_references(model: type[BaseModel], data: Any, location: Location = ()) -> Iterator[tuple[Location, str, str]]:
    """The references in a file's data: (location, kind, slug) wherever the schema has a
    reference field and the data has text."""
    for where, spec, item in raw_values(model, data, location):
        if spec.shape == "ref" and isinstance(item, str):
            yield where, str(spec.ref), item


def raw_unique_values(model: type[BaseModel], data: Any, location: Location = ()) -> Iterator[tuple[Location, str | int]]:
    """The values of fields marked Unique in a file's data: (location, value) wherever the
    data has a plain value there — a measure's number, each abbreviation's acronym."""
    for where, spec, item in raw_values(model, data, location):
        if spec.unique and isinstance(item, (str, int)) and not isinstance(item, bool):
            yield where, item


ORDINAL = {"bg": "№ {n}", "en": "no. {n}"}


def describe(model: type[BaseModel], location: Location) -> dict[str, str]:
    """A location in words, in both languages: ("implementing_actors", 0, "type") →
    „Изпълнители (№ 1) → Вид“ / "Implementers (no. 1) → Type". Keys the schema does not
    know (a misspelt field) are quoted as they were written."""
    words: dict[str, list[str]] = {"bg": [], "en": []}
    current: type[BaseModel] | None = model
    for part in location:
        if isinstance(part, int):
            for lang in words:
                if words[lang]:
                    words[lang][-1] += f" ({ORDINAL[lang].format(n=part + 1)})"
            continue
        spec = field(current, part) if current is not None else None
        if spec is None:
            words["bg"].append(str(part))
            words["en"].append(str(part))
            current = None
            continue
        words["bg"].append(spec.label["bg"])
        words["en"].append(spec.label["en"])
        current = spec.group
    return {lang: " → ".join(parts) or ("(целият файл)" if lang == "bg" else "(the whole file)") for lang, parts in words.items()}
