"""Stage 2 — validate: loaded documents become typed records, or problems with positions.

Per file, the pydantic model of the file's kind checks fields, types and allowed values;
each pydantic error location is mapped back to the line and column the loader recorded.
Across files, we check what no single file can show: unique slugs (one URL per record)
and references to records that exist. Every problem of every file is collected; the
caller fails once, with all of them.
"""

from __future__ import annotations

import difflib
import logging
import re
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pydantic
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .load import Document, LoadError, Location, load_document
from .problems import ContentError, Position, Problem
from .schema import KINDS, SLUG_PATTERN, Kind, Record, Ref, Text, kind_for

log = logging.getLogger(__name__)

# pydantic error type → the word for what is expected (see "words" in messages.yaml)
EXPECTED_BY_ERROR = {
    "string_type": "a_text",
    "int_type": "a_number",
    "int_parsing": "a_number",
    "int_from_float": "a_number",
    "bool_type": "true_false",
    "bool_parsing": "true_false",
    "list_type": "a_list",
    "model_type": "a_mapping",
    "model_attributes_type": "a_mapping",
    "dict_type": "a_mapping",
    "date_type": "a_date",
    "date_parsing": "a_date",
    "date_from_datetime_parsing": "a_date",
    "date_from_datetime_inexact": "a_date",
}


@dataclass
class Loaded:
    """A record that passed its own checks, with the document it came from."""

    kind: Kind
    record: Record
    document: Document


def content_files(content_dir: Path) -> list[Path]:
    """Every file under content/ that should be a record (YAML), sorted for stable output."""
    return sorted(p for p in content_dir.rglob("*") if p.is_file() and p.suffix in {".yaml", ".yml"})


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# A file's own checks, remembered by (size, modification time): `serve` re-checks only the
# files that changed since the last rebuild.
FileCache = dict[Path, tuple[tuple[int, int], "Loaded | list[Problem]"]]


def validate_content(content_dir: Path, root: Path, cache: FileCache | None = None) -> tuple[list[Loaded], list[Problem]]:
    """Load and check every record under content_dir. Returns records and all problems."""
    loaded: list[Loaded] = []
    problems: list[Problem] = []
    # Slugs of every file in a record's place, valid or not: a reference to a record that
    # is merely broken should not also be reported as a reference to a missing record.
    present: dict[str, set[str]] = {kind.name: set() for kind in KINDS}
    for path in content_files(content_dir):
        relative = PurePosixPath(path.relative_to(content_dir).as_posix())
        kind = kind_for(relative)
        if kind:
            present[kind.name].add(kind.slug_for(relative))
        display = display_path(path, root)
        stat = path.stat()
        stamp = (stat.st_size, stat.st_mtime_ns)
        if cache is not None and path in cache and cache[path][0] == stamp:
            result = cache[path][1]
        else:
            result = check_file(path, relative, display)
            if cache is not None:
                cache[path] = (stamp, result)
        if isinstance(result, Loaded):
            loaded.append(result)
        else:
            problems.extend(result)
    problems.extend(check_across(loaded, present))
    return loaded, sorted(problems, key=Problem.sort_key)


def load_valid(content_dir: Path, root: Path, cache: FileCache | None = None) -> list[Loaded]:
    """All records, or ContentError with every problem found."""
    loaded, problems = validate_content(content_dir, root, cache)
    if problems:
        raise ContentError(problems)
    return loaded


def check_file(path: Path, relative: PurePosixPath, display: str) -> Loaded | list[Problem]:
    kind = kind_for(relative)
    if kind is None:
        code = "wrong_extension" if relative.suffix == ".yml" else "unknown_location"
        return [Problem(display, Position(1, 1), code, {"patterns": ", ".join(f"content/{k.pattern}" for k in KINDS)})]
    slug = kind.slug_for(relative)
    problems: list[Problem] = []
    if not _is_slug(slug):
        problems.append(Problem(display, Position(1, 1), "bad_file_name", {"name": slug}))
    region = kind.region_for(relative)
    if region and not _is_slug(region):
        problems.append(Problem(display, Position(1, 1), "bad_file_name", {"name": region}))
    try:
        document = load_document(path, display)
    except LoadError as error:
        return [*problems, error.problem]
    try:
        record = kind.model.model_validate(document.data)
    except pydantic.ValidationError as error:
        problems.extend(problems_from_pydantic(error, document, kind.model))
        return problems
    if problems:
        return problems
    record._slug = slug
    record._path = display
    record._region = region
    return Loaded(kind, record, document)


def _is_slug(text: str) -> bool:
    return re.fullmatch(SLUG_PATTERN, text) is not None and len(text) <= 80


def problems_from_pydantic(error: pydantic.ValidationError, document: Document, model: type[BaseModel]) -> list[Problem]:
    return [problem_from_error(item, document, model) for item in error.errors(include_url=False)]


def problem_from_error(item: Any, document: Document, model: type[BaseModel]) -> Problem:
    location: Location = tuple(part for part in item["loc"] if not _is_validator_step(part))
    kind = item["type"]
    field_name = dotted(location)
    info = field_at(model, location)
    found = _show(item.get("input"))
    if kind == "extra_forbidden":
        parent = field_at_model(model, location[:-1])
        allowed = sorted(parent.model_fields) if parent else []
        close = difflib.get_close_matches(str(location[-1]), allowed, n=1, cutoff=0.6)
        params = {"field": field_name, "allowed": ", ".join(allowed), "suggestion": close[0] if close else ""}
        code = "unknown_field_suggest" if close else "unknown_field"
        return Problem(document.path, document.position_of(location, key=True), code, params)
    position = document.position_of(location)
    if kind == "missing":
        described = _describe(info)
        return Problem(document.path, position, "missing_field", {"field": field_name, "about": described})
    if kind == "literal_error":
        allowed = item.get("ctx", {}).get("expected", "")
        return Problem(document.path, position, "not_allowed", {"field": field_name, "found": found, "allowed": allowed})
    if kind in {"model_type", "model_attributes_type"} and _is_text_field(model, location):
        return Problem(document.path, position, "text_not_bilingual", {"field": field_name, "found": found})
    if kind in EXPECTED_BY_ERROR:
        return Problem(
            document.path, position, "wrong_type", {"field": field_name, "found": found, "expected": EXPECTED_BY_ERROR[kind]}
        )
    if kind == "string_pattern_mismatch":
        pattern = item.get("ctx", {}).get("pattern", "")
        return Problem(
            document.path, position, "pattern_mismatch", {"field": field_name, "found": found, "expected": _pattern_word(pattern)}
        )
    if kind == "too_short":
        return Problem(
            document.path, position, "too_short", {"field": field_name, "min": item.get("ctx", {}).get("min_length", 1)}
        )
    if kind in {"string_too_long", "too_long"}:
        return Problem(
            document.path, position, "too_long", {"field": field_name, "max": item.get("ctx", {}).get("max_length", "")}
        )
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        ctx = item.get("ctx", {})
        limit = next(iter(ctx.values()), "")
        return Problem(document.path, position, f"number_{kind}", {"field": field_name, "found": found, "limit": limit})
    if kind == "value_error" and "empty_text" in item.get("msg", ""):
        return Problem(document.path, position, "empty_text", {"field": field_name})
    return Problem(document.path, position, "generic", {"field": field_name, "detail": item.get("msg", "")})


VALIDATOR_STEP = re.compile(r"^[a-z][a-z-]*\[.*\]$")


def _is_validator_step(part: str | int) -> bool:
    """pydantic inserts steps such as 'function-after[...]' into locations: not YAML keys."""
    return isinstance(part, str) and VALIDATOR_STEP.match(part) is not None


def dotted(location: Location) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 60 else text[:57] + "…"


def _pattern_word(pattern: str) -> str:
    from .schema import URL_PATTERN, YEAR_MONTH_PATTERN

    return {SLUG_PATTERN: "a_slug", URL_PATTERN: "a_url", YEAR_MONTH_PATTERN: "a_year_month"}.get(pattern, "a_country")


def _describe(info: FieldInfo | None) -> dict[str, str]:
    if info is None:
        return {"bg": "", "en": ""}
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return {"bg": str(extra.get("description_bg", "")), "en": info.description or ""}


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The pydantic models an annotation may hold (through Optional, list, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def field_at_model(model: type[BaseModel], location: Location) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in location:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = next(_models_in(info.annotation), None)
    return current


def field_at(model: type[BaseModel], location: Location) -> FieldInfo | None:
    names = [part for part in location if isinstance(part, str)]
    if not names:
        return None
    parent = field_at_model(model, location[: max(i for i, p in enumerate(location) if isinstance(p, str))])
    return parent.model_fields.get(names[-1]) if parent else None


def _is_text_field(model: type[BaseModel], location: Location) -> bool:
    return field_at_model(model, location) is Text


# --- checks across records ------------------------------------------------------------


def ref_kind(info: FieldInfo) -> str | None:
    for meta in info.metadata:
        if isinstance(meta, Ref):
            return meta.kind
    return _ref_in(info.annotation)


def _ref_in(annotation: Any) -> str | None:
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, Ref):
            return meta.kind
    for arg in typing.get_args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            continue
        found = _ref_in(arg)
        if found:
            return found
    return None


def references(value: Any, location: Location = ()) -> Iterator[tuple[Location, str, str]]:
    """Every (location, kind, slug) reference held in a record, found through Ref markers."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            child = getattr(value, name)
            kind = ref_kind(info)
            if kind:
                for index, slug in _ref_values(child):
                    yield ((*location, name, index) if index is not None else (*location, name)), kind, slug
            else:
                yield from references(child, (*location, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from references(item, (*location, index))


def _ref_values(value: Any) -> Iterable[tuple[int | None, str]]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(enumerate(value))
    return [(None, value)]


# Addresses the site itself uses inside a kind's folder (index pages, their later pages,
# the practice group pages): a record named so would claim the same URL.
RESERVED_SLUGS = {"practice": {"by-region", "by-measure", "by-target"}}
RESERVED_PATTERN = re.compile(r"^index(-[0-9]+)?$")


def reserved(kind: str, slug: str) -> bool:
    return RESERVED_PATTERN.match(slug) is not None or slug in RESERVED_SLUGS.get(kind, set())


def check_across(loaded: list[Loaded], present: dict[str, set[str]]) -> list[Problem]:
    problems: list[Problem] = []
    for item in loaded:
        if reserved(item.kind.name, item.record.slug):
            problems.append(Problem(item.document.path, Position(1, 1), "reserved_slug", {"name": item.record.slug}))
    known: dict[str, dict[str, Loaded]] = {kind.name: {} for kind in KINDS}
    for item in loaded:
        same = known[item.kind.name]
        slug = item.record.slug
        if slug in same:
            other = same[slug]
            problems.append(
                Problem(
                    item.document.path,
                    Position(1, 1),
                    "duplicate_slug",
                    {"kind": item.kind.name, "slug": slug, "other": other.document.path},
                )
            )
            continue
        same[slug] = item
    for item in loaded:
        region = item.record._region
        if region and item.kind.name != "region" and region not in present["region"]:
            problems.append(Problem(item.document.path, Position(1, 1), "region_folder_without_record", {"region": region}))
        for location, kind, slug in references(item.record):
            if slug not in present[kind]:
                choices = sorted(present[kind])
                problems.append(
                    Problem(
                        item.document.path,
                        item.document.position_of(location),
                        "unknown_reference",
                        {"field": dotted(location), "kind": kind, "found": slug, "allowed": ", ".join(choices) or "—"},
                    )
                )
    return problems
