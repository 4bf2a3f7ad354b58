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
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pydantic
from pydantic import BaseModel

from . import urls, walker
from .load import Document, LoadError, Location, load_document
from .problems import ContentError, Position, Problem
from .schema import KINDS, SLUG_PATTERN, Kind, Record, Text, kind_for
from .walker import FieldSpec, dotted

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
    field_name = dotted(location) or "(file)"
    info = walker.field_at(model, location)
    found = _show(item.get("input"))
    if kind == "extra_forbidden":
        parent = walker.model_at(model, location[:-1])
        allowed = sorted(spec.name for spec in walker.fields_of(parent)) if parent else []
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
    if kind in {"model_type", "model_attributes_type"} and walker.model_at(model, location) is Text:
        return Problem(document.path, position, "text_not_bilingual", {"field": field_name, "found": found})
    if kind in EXPECTED_BY_ERROR:
        return Problem(
            document.path, position, "wrong_type", {"field": field_name, "found": found, "expected": EXPECTED_BY_ERROR[kind]}
        )
    if kind == "string_pattern_mismatch":
        expected = info.expect if info and info.expect else "a_text"
        return Problem(document.path, position, "pattern_mismatch", {"field": field_name, "found": found, "expected": expected})
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


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 60 else text[:57] + "…"


def _describe(spec: FieldSpec | None) -> dict[str, str]:
    return dict(spec.doc) if spec is not None else {"bg": "", "en": ""}


# --- checks across records ------------------------------------------------------------


def check_across(loaded: list[Loaded], present: dict[str, set[str]]) -> list[Problem]:
    problems: list[Problem] = []
    for item in loaded:
        if urls.reserved(item.kind.name, item.record.slug):
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
        for location, kind, slug, _, _ in walker.references(item.record):
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
