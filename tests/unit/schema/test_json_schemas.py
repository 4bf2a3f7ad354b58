"""The JSON Schemas (schemas/, for editors) and the labels of allowed values, derived from
generator/schema.py: up to date, named by every content file, accepting the real content."""

from __future__ import annotations

import json
from pathlib import PurePosixPath

import jsonschema
import yaml
from conftest import REPO

from generator.kinds import REGISTRY as KINDS
from generator.render import labels
from generator.schema_export import SCHEMA_DIR, rendered_schemas, schema_comment


def test_committed_json_schemas_are_up_to_date():
    for name, text in rendered_schemas().items():
        committed = REPO / SCHEMA_DIR / name
        assert committed.exists(), f"{name} missing: run python -m generator schemas"
        assert committed.read_text(encoding="utf-8") == text, f"{name} is stale: run python -m generator schemas"


def test_every_content_file_starts_with_its_schema_line():
    for path in sorted((REPO / "content").rglob("*.yaml")):
        relative = PurePosixPath(path.relative_to(REPO / "content").as_posix())
        kind = KINDS.for_path(relative)
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == schema_comment(kind, len(relative.parts) - 1), path
        target = (path.parent / first.split("$schema=")[1]).resolve()
        assert target.is_file(), target


def test_json_schema_accepts_real_content_and_flags_a_typo():
    schemas = rendered_schemas()
    for path in sorted((REPO / "content").rglob("*.yaml")):
        kind = KINDS.for_path(PurePosixPath(path.relative_to(REPO / "content").as_posix()))
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = json.loads(json.dumps(data, default=str))  # dates as strings, as an editor sees them
        validator = jsonschema.Draft202012Validator(json.loads(schemas[f"{kind.name}.schema.json"]))
        assert list(validator.iter_errors(data)) == [], path
    measure = yaml.safe_load((REPO / "content/measures/kindergarten-place.yaml").read_text(encoding="utf-8"))
    measure["titel"] = measure.pop("title")
    validator = jsonschema.Draft202012Validator(json.loads(schemas["measure.schema.json"]))
    messages = [e.message for e in validator.iter_errors(measure)]
    assert any("titel" in m for m in messages) and any("'title' is a required property" in m for m in messages)


def test_every_allowed_value_has_a_label_in_both_languages():
    from generator import walker

    def choice_fields(model):
        for spec in walker.fields_of(model):
            if spec.choices:
                yield spec
            if spec.shape == "group":
                yield from choice_fields(spec.group)

    groups = {}
    for kind in KINDS:
        for spec in choice_fields(kind.model):
            assert spec.choice_group, (kind.name, spec.name)
            groups[spec.choice_group] = spec.choices
    assert len(groups) == 13
    for name, values in groups.items():
        for value in values:
            assert set(labels()["enums"][name][value]) == {"bg", "en"}, (name, value)
