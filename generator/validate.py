"""Stage 2 — validate: loaded documents become typed records, or problems with positions.

Every file under content/ is either a record or reported (a short allow-list excepted);
nothing is read from outside the repository. Per file, the pydantic model of the file's
kind checks fields, types and allowed values; each pydantic error location is mapped back
to the line and column the loader recorded, and told in words („Изпълнители (№ 1) →
Вид“). Across files, we check what no single file can show: unique slugs (one URL per
record), unique values where the schema asks for them, and references to records that
exist — for every file that could be read, valid or not, so that one run reports every
problem of every file. The caller fails once, with all of them.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from stat import S_ISDIR, S_ISLNK, S_ISREG
from typing import Any

import pydantic
import yaml
from pydantic import BaseModel

from . import schema, urls, walker
from .kinds import REGISTRY, Kind
from .load import Document, LoadError, Location, load_document
from .problems import LANGS, ContentError, Position, Problem, counted_both, os_reason, printable
from .project import read_languages_of
from .schema import SLUG_PATTERN, Record, Text
from .walker import FieldSpec, dotted
from .words import choice_label, labels

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
# Files that may sit under content/ without being records.
NOT_RECORDS = {"README.md", "README.txt", ".gitkeep"}
RECORD_SUFFIX = ".yaml"


@dataclass
class Loaded:
    """A record that passed its own checks, with the document it came from."""

    kind: Kind
    record: Record
    document: Document


@dataclass
class Checked:
    """What one file's own checks found: its record when valid, its data when readable."""

    path: str  # as shown in messages
    kind: Kind | None
    slug: str
    region: str
    document: Document | None = None
    record: Record | None = None
    problems: list[Problem] = field(default_factory=list)
    # its data's references and unique values, walked once (`serve` keeps unchanged files' checks)
    walked: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def raw_references(self) -> list[tuple[Location, str, str]]:
        assert self.kind is not None and self.document is not None
        if "references" not in self.walked:
            self.walked["references"] = list(walker.raw_references(self.kind.model, self.document.data))
        return self.walked["references"]  # type: ignore[no-any-return]

    def raw_unique_values(self) -> list[tuple[Location, Any]]:
        assert self.kind is not None and self.document is not None
        if "unique" not in self.walked:
            self.walked["unique"] = list(walker.raw_unique_values(self.kind.model, self.document.data))
        return self.walked["unique"]  # type: ignore[no-any-return]

    @property
    def loaded(self) -> Loaded | None:
        if self.record is None or self.kind is None or self.document is None or self.problems:
            return None
        return Loaded(self.kind, self.record, self.document)


@dataclass
class ContentTree:
    """What is under content/: the paths to check, and the folders that could not be read
    (os.walk would skip them silently, and their records would vanish from the site)."""

    paths: list[Path]
    unreadable: list[tuple[Path, dict[str, str]]]  # folder, the system's reason in words


def content_files(content_dir: Path) -> ContentTree:
    """Every path under content/ (not following links to folders), sorted for stable output."""
    found: list[Path] = []
    unreadable: list[tuple[Path, dict[str, str]]] = []

    def report(error: OSError) -> None:
        unreadable.append((Path(error.filename), os_reason(error)))

    for folder, folders, files in os.walk(content_dir, onerror=report, followlinks=False):
        folders.sort()
        base = Path(folder)
        found += [base / name for name in files if name not in NOT_RECORDS]
        found += [base / name for name in folders if (base / name).is_symlink()]
    return ContentTree(sorted(found), sorted(unreadable, key=lambda item: item[0]))


def display_path(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def outside(path: Path, root: Path) -> bool:
    """Whether a file (a link, say) leads outside the repository."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return True
    return False


class Inside:
    """Whether content/'s files lead outside the repository, asked of thousands of files: the
    folders are resolved once. Folders below content/ are walked without following links, so
    only content/ itself or the file, when either is a link, can lead elsewhere."""

    def __init__(self, content_dir: Path, root: Path) -> None:
        self.root = root
        self.content_inside = not outside(content_dir, root)

    def outside(self, path: Path, own: os.stat_result | None) -> bool:
        if (own is not None and S_ISLNK(own.st_mode)) or not self.content_inside:
            return outside(path, self.root)
        return False


# A file's own checks, remembered by (size, modification time): `serve` re-checks only the
# files that changed since the last rebuild.
FileCache = dict[Path, tuple[tuple[int, int], Checked]]


def validate_content(content_dir: Path, root: Path, cache: FileCache | None = None) -> tuple[list[Loaded], list[Problem]]:
    """Load and check every file under content_dir. Returns the records and all problems."""
    checked, problems = check_content(content_dir, root, cache)
    return [item.loaded for item in checked if item.loaded is not None], problems


def check_content(
    content_dir: Path, root: Path, cache: FileCache | None = None, replaced: tuple[Path, Callable[[], Checked]] | None = None
) -> tuple[list[Checked], list[Problem]]:
    """Every file under content_dir checked, each by itself and across them; `replaced`: one
    path checked otherwise (the web form's preview: the file the form would save, in place of
    the one on disk or beside the others)."""
    schema.use_languages(read_languages_of(root).codes)  # a text has a field per language of the site
    tree = content_files(content_dir)
    checked = [unreadable_folder(folder, reason, root) for folder, reason in tree.unreadable]
    paths = sorted({*tree.paths, replaced[0]}) if replaced else tree.paths
    within = Inside(content_dir, root)
    for path in paths:
        checked.append(replaced[1]() if replaced and path == replaced[0] else check_path(path, content_dir, root, cache, within))
    problems = [problem for item in checked for problem in item.problems]
    problems += check_across(checked)
    return checked, sorted(problems, key=Problem.sort_key)


def check_path(path: Path, content_dir: Path, root: Path, cache: FileCache | None, within: Inside | None = None) -> Checked:
    """One path under content/: a record file checked (or its earlier result when unchanged),
    anything else reported — a link out of the repository or to a folder, a named pipe or a
    device (reading one would wait, or read, for ever), a file the system will not give."""
    within = within or Inside(content_dir, root)
    try:
        own = path.lstat()
    except OSError:
        own = None
    # An unchanged regular file (not a link) is as it was last time: its check is reused
    # without working out its names again (`serve` at 5,000 records).
    if own is not None and S_ISREG(own.st_mode) and within.content_inside and cache is not None:
        earlier = cache.get(path)
        if earlier is not None and earlier[0] == (own.st_size, own.st_mtime_ns):
            return earlier[1]
    relative = PurePosixPath(path.relative_to(content_dir).as_posix())
    display = display_path(path, root)
    kind = REGISTRY.for_path(relative)

    def refused(code: str, **params: Any) -> Checked:
        return Checked(display, kind, kind.slug_for(relative) if kind else "", "", problems=[Problem(display, Position(1, 1), code, params)])

    if within.outside(path, own):
        return refused("outside_repository")
    try:
        stat = path.stat()
    except OSError as error:  # a link to nothing, a file the system will not show
        return refused("unreadable_path", reason=os_reason(error))
    if S_ISDIR(stat.st_mode):
        return refused("linked_folder")
    if not S_ISREG(stat.st_mode):
        return refused("not_a_regular_file")
    stamp = (stat.st_size, stat.st_mtime_ns)
    if cache is not None and path in cache and cache[path][0] == stamp:
        return cache[path][1]
    result = check_file(path, relative, display)
    if cache is not None:
        cache[path] = (stamp, result)
    return result


def unreadable_folder(folder: Path, reason: dict[str, str], root: Path) -> Checked:
    """A folder under content/ that cannot be listed: its records are unknown, so it is an
    error, never a quiet gap in the site."""
    display = display_path(folder, root)
    return Checked(display, None, "", "", problems=[Problem(display, Position(1, 1), "unreadable_folder", {"reason": reason})])


def load_valid(content_dir: Path, root: Path, cache: FileCache | None = None) -> list[Loaded]:
    """All records, or ContentError with every problem found."""
    loaded, problems = validate_content(content_dir, root, cache)
    if problems:
        raise ContentError(problems)
    return loaded


def check_file(path: Path, relative: PurePosixPath, display: str) -> Checked:
    kind = REGISTRY.for_path(relative)
    if relative.suffix != RECORD_SUFFIX or kind is None:
        return Checked(display, None, "", "", problems=[not_a_record(relative, display)])
    slug = kind.slug_for(relative)
    region = kind.folder_for(relative)
    result = Checked(display, kind, slug, region)
    for name in {slug, region} - {""}:
        if not _is_slug(name):
            result.problems.append(Problem(display, Position(1, 1), "bad_file_name", {"name": printable(name)}))
    try:
        result.document = load_document(path, display)
    except LoadError as error:
        result.problems.append(error.problem)
        return result
    try:
        record = kind.model.model_validate(result.document.data)
    except pydantic.ValidationError as error:
        result.problems.extend(problems_from_pydantic(error, result.document, kind.model))
        return result
    record._slug = slug
    record._path = display
    record._region = region
    result.record = record
    return result


def not_a_record(relative: PurePosixPath, display: str) -> Problem:
    """A file that is not a record where records live: what it should be instead."""
    patterns = ", ".join(f"content/{k.pattern}" for k in REGISTRY)
    if relative.suffix.lower() in {".yaml", ".yml"} and relative.suffix != RECORD_SUFFIX:
        return Problem(display, Position(1, 1), "wrong_extension", {"patterns": patterns})
    if REGISTRY.for_path(relative.with_suffix(RECORD_SUFFIX)) is not None:
        return Problem(display, Position(1, 1), "not_yaml_file", {"name": relative.name})
    return Problem(display, Position(1, 1), "unknown_location", {"patterns": patterns})


def _is_slug(text: str) -> bool:
    return re.fullmatch(SLUG_PATTERN, text) is not None and len(text) <= 80


def problems_from_pydantic(error: pydantic.ValidationError, document: Document, model: type[BaseModel]) -> list[Problem]:
    return [problem_from_error(item, document, model) for item in error.errors(include_url=False)]


def _words(model: type[BaseModel], location: Location) -> dict[str, Any]:
    """The `field` parameter of a message: the field in words (Bulgarian), in words with its
    key in the file (English, for whoever edits the YAML by hand), and its path for machines."""
    words = walker.describe(model, location)
    path = dotted(location)
    known = walker.field_at(model, location) is not None
    return {"bg": words["bg"], "en": f"{words['en']} ({path})" if path and known else words["en"], "path": path}


def problem_from_error(item: Any, document: Document, model: type[BaseModel]) -> Problem:
    location: Location = tuple(part for part in item["loc"] if not _is_validator_step(part))
    kind = item["type"]
    where = _words(model, location)
    info = walker.field_at(model, location)
    found = _show(item.get("input"))
    if kind == "extra_forbidden":
        parent = walker.model_at(model, location[:-1])
        return Problem(document.path, document.position_of(location, key=True), *unknown_field(parent, location, where))
    position = document.position_of(location)
    if kind == "missing":
        return Problem(document.path, position, "missing_field", {"field": where, "about": _about(info)})
    if kind == "literal_error" and info is not None:
        return Problem(document.path, position, *not_allowed(info, item.get("input"), where))
    if kind in {"model_type", "model_attributes_type"} and walker.model_at(model, location) is Text:
        return Problem(document.path, position, "text_not_bilingual", {"field": where, "found": found})
    if kind in EXPECTED_BY_ERROR:
        return Problem(document.path, position, "wrong_type", {"field": where, "found": found, "expected": EXPECTED_BY_ERROR[kind]})
    if kind == "string_pattern_mismatch":
        expected = info.expect if info and info.expect else "a_text"
        return Problem(document.path, position, "pattern_mismatch", {"field": where, "found": found, "expected": expected})
    if kind == "too_short":
        items = counted_both("count_items", int(item.get("ctx", {}).get("min_length", 1)))
        return Problem(document.path, position, "too_short", {"field": where, "items": items})
    if kind in {"string_too_long", "too_long"}:
        return Problem(document.path, position, "too_long", {"field": where, "max": item.get("ctx", {}).get("max_length", "")})
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        limit = next(iter(item.get("ctx", {}).values()), "")
        return Problem(document.path, position, f"number_{kind}", {"field": where, "found": found, "limit": limit})
    if kind == "value_error":
        reason = str(item.get("msg", "")).rsplit(", ", 1)[-1]
        if reason in {"empty_text", "placeholder", "placeholder_url", "too_many_brackets", "period_reversed"}:
            return Problem(document.path, position, reason, {"field": where, "found": found})
    return Problem(document.path, position, "generic", {"field": where, "detail": item.get("msg", "")})


def unknown_field(parent: type[BaseModel] | None, location: Location, where: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    specs = walker.fields_of(parent) if parent else []
    allowed = {"bg": ", ".join(f"„{s.name}“ ({s.label['bg']})" for s in specs), "en": ", ".join(s.name for s in specs)}
    close = difflib.get_close_matches(str(location[-1]), [s.name for s in specs], n=1, cutoff=0.6)
    params = {"field": where, "allowed": allowed, "suggestion": close[0] if close else ""}
    return ("unknown_field_suggest" if close else "unknown_field"), params


def not_allowed(spec: FieldSpec, value: Any, where: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A value outside the allowed ones: each allowed value with its label, and the closest
    one — by its code or by its label, since a partner may type either."""
    labelled = {code: {lang: choice_label(spec.choice_group, code, lang) for lang in LANGS} for code in spec.choices}
    allowed = {
        "bg": "; ".join(f"„{code}“ ({names['bg']})" for code, names in labelled.items()),
        "en": "; ".join(f"'{code}' ({names['en']})" for code, names in labelled.items()),
    }
    typed = str(value).strip().lower()
    by_name = {names[lang].lower(): code for code, names in labelled.items() for lang in LANGS}
    close = difflib.get_close_matches(typed, list(spec.choices), n=1, cutoff=0.6)
    close = close or [by_name[m] for m in difflib.get_close_matches(typed, list(by_name), n=1, cutoff=0.6)]
    params = {"field": where, "found": _show(value), "allowed": allowed, "suggestion": close[0] if close else ""}
    return ("not_allowed_suggest" if close else "not_allowed"), params


VALIDATOR_STEP = re.compile(r"^[a-z][a-z-]*\[.*\]$")


def _is_validator_step(part: str | int) -> bool:
    """pydantic inserts steps such as 'function-after[...]' into locations: not YAML keys."""
    return isinstance(part, str) and VALIDATOR_STEP.match(part) is not None


def _show(value: Any) -> str:
    """A value as the partner wrote it (messages put it in quotes), cut to 60 characters.
    Built piece by piece and stopped once long enough: a list of aliases to one long text
    would otherwise be written out whole (megabytes) only to be cut."""
    pieces: list[str] = []
    _flow(value, pieces, limit=61)
    text = " ".join("".join(pieces).split())
    return text if len(text) <= 60 else text[:57] + "…"


def _flow(value: Any, pieces: list[str], limit: int) -> None:
    """Append `value` in YAML's flow style to `pieces` until they hold `limit` characters."""
    if sum(map(len, pieces)) >= limit:
        return
    if isinstance(value, dict):
        pieces.append("{")
        for index, (key, item) in enumerate(value.items()):
            pieces.append((", " if index else "") + f"{key}: ")
            _flow(item, pieces, limit)
            if sum(map(len, pieces)) >= limit:
                return
        pieces.append("}")
    elif isinstance(value, list):
        pieces.append("[")
        for index, item in enumerate(value):
            pieces.append(", " if index else "")
            _flow(item, pieces, limit)
            if sum(map(len, pieces)) >= limit:
                return
        pieces.append("]")
    elif isinstance(value, str):
        pieces.append(value[: limit + 1] if not pieces else _scalar(value[: limit + 1]))
    else:
        pieces.append(_scalar(value))


def _scalar(value: Any) -> str:
    """One scalar inside a list or mapping, as YAML writes it (strings quoted only when needed)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).strip().removesuffix("...").strip()
    return str(value)


def _about(spec: FieldSpec | None) -> dict[str, str]:
    """A field's documentation, to go in parentheses inside a sentence (no final full stop)."""
    return {lang: text.rstrip(".") for lang, text in spec.doc.items()} if spec is not None else {"bg": "", "en": ""}


# --- checks across records ------------------------------------------------------------


def kind_words(kind: str) -> dict[str, str]:
    entry = labels()["kinds"][kind]
    return {"bg": str(entry["bg"]).lower(), "en": str(entry["en"]).lower()}


def check_across(checked: list[Checked]) -> list[Problem]:
    present: dict[str, set[str]] = {kind.name: set() for kind in REGISTRY}
    for item in checked:
        if item.kind is not None and item.slug:
            present[item.kind.name].add(item.slug)
    withdrawn = {(item.kind.name, item.slug): item.path for item in checked if item.kind is not None and is_withdrawn(item)}
    problems = names_problems(checked)
    # a withdrawn record gives up its unique values: measure 5 can be replaced in the same change
    problems += unique_problems([item for item in checked if item.document is not None and item.kind is not None and not is_withdrawn(item)])
    for item in checked:
        if item.kind is None or item.document is None:
            continue
        if item.region and item.kind.within and item.region not in present[item.kind.within]:
            problems.append(Problem(item.path, Position(1, 1), "region_folder_without_record", {"region": item.region}))
        if item.region and item.kind.within and (item.kind.within, item.region) in withdrawn and not is_withdrawn(item):
            region = withdrawn[(item.kind.within, item.region)]
            problems.append(Problem(item.path, Position(1, 1), "inside_withdrawn", {"other": region}))
        for location, kind, slug in item.raw_references():
            if slug not in present[kind]:
                problems.append(unknown_reference(item, location, kind, slug, present[kind]))
            elif (kind, slug) in withdrawn and not is_withdrawn(item):
                params = {"field": _words(item.kind.model, location), "found": slug, "other": withdrawn[(kind, slug)]}
                problems.append(Problem(item.path, item.document.position_of(location), "reference_to_withdrawn", params))
    return problems


def is_withdrawn(item: Checked) -> bool:
    """A valid record marked to be deleted: still checked, never published (model.py)."""
    return item.kind is not None and item.record is not None and item.record.is_withdrawn


def names_problems(checked: list[Checked]) -> list[Problem]:
    """A record's name is its address: not one the site uses, and not one of another record."""
    problems = []
    seen: dict[tuple[str, str], str] = {}
    own_names = {kind.name: urls.own_names(kind, REGISTRY) for kind in REGISTRY}
    for item in checked:
        if item.kind is None or not item.slug:
            continue
        if urls.reserved(item.kind, item.slug, REGISTRY, own_names[item.kind.name]):
            problems.append(Problem(item.path, Position(1, 1), "reserved_slug", {"name": item.slug}))
        key = (item.kind.name, item.slug)
        if key in seen:
            params = {"kind": kind_words(item.kind.name), "slug": item.slug, "other": seen[key]}
            problems.append(Problem(item.path, Position(1, 1), "duplicate_slug", params))
        else:
            seen[key] = item.path
    return problems


def unique_problems(checked: list[Checked]) -> list[Problem]:
    """Values the schema marks unique are not shared within a kind: a measure's number across
    its records, an acronym across every list of abbreviations, one record's list included."""
    problems = []
    for kind in REGISTRY:
        first: dict[tuple[tuple[str, ...], Any], tuple[Checked, Location]] = {}
        for item in (i for i in checked if i.kind is kind and i.document is not None):
            assert item.document is not None
            for location, value in item.raw_unique_values():
                key = (tuple(part for part in location if isinstance(part, str)), value)
                if key not in first:
                    first[key] = (item, location)
                    continue
                other, where = first[key]
                params: dict[str, Any] = {"field": _words(kind.model, location), "found": _show(value)}
                if other is item:
                    code, params["line"] = "duplicate_value_here", item.document.position_of(where).line
                else:
                    code, params["other"] = "duplicate_value", other.path
                problems.append(Problem(item.path, item.document.position_of(location), code, params))
    return problems


def unknown_reference(item: Checked, location: Location, kind: str, slug: str, choices: set[str]) -> Problem:
    assert item.document is not None and item.kind is not None
    choices = {choice for choice in choices if _is_slug(choice)}  # a broken file name is no suggestion
    close = difflib.get_close_matches(slug, sorted(choices), n=1, cutoff=0.5)
    params = {
        "field": _words(item.kind.model, location),
        "kind": kind_words(kind),
        "found": slug,
        "allowed": {"bg": ", ".join(f"„{slug}“" for slug in sorted(choices)) or "—", "en": ", ".join(sorted(choices)) or "—"},
        "suggestion": close[0] if close else "",
    }
    code = "unknown_reference_suggest" if close else "unknown_reference"
    return Problem(item.path, item.document.position_of(location), code, params)


__all__ = ["Checked", "ContentError", "FileCache", "Loaded", "check_content", "check_file", "content_files", "validate_content"]
