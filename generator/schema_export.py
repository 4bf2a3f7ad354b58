"""JSON Schema for each record kind, derived from schema.py (never written by hand).

Editors (VS Code's YAML extension, and any yaml-language-server client) read the
`# yaml-language-server: $schema=…` line at the top of each content file and then
autocomplete fields, show each field's documentation and flag typos while typing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .kinds import REGISTRY, Kind

SCHEMA_DIR = "schemas"
SCHEMA_ID_BASE = "https://wego3-kb.invalid/schemas/"  # an identifier, never fetched


def schema_file_name(kind: Kind) -> str:
    return f"{kind.name}.schema.json"


def json_schema(kind: Kind) -> dict[str, Any]:
    schema = kind.model.model_json_schema(mode="validation")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID_BASE + schema_file_name(kind),
        **schema,
    }
    schema["title"] = f"WEGO3 {kind.name} record"
    schema["description"] = (
        f"A {kind.name} record of the WEGO3 knowledge base (content/{kind.pattern}). "
        "Generated from generator/schema.py by `python -m generator schemas`; do not edit."
    )
    return schema


def rendered_schemas() -> dict[str, str]:
    """File name → JSON text, for every kind."""
    return {schema_file_name(kind): json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n" for kind in REGISTRY}


def write_schemas(root: Path) -> list[Path]:
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in rendered_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def schema_comment(kind: Kind, depth_below_content: int) -> str:
    """The editor directive that starts every content file of `kind`."""
    up = "../" * (depth_below_content + 1)
    return f"# yaml-language-server: $schema={up}{SCHEMA_DIR}/{schema_file_name(kind)}"
