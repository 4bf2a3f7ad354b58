"""One owner per fact of the structure: page paths come only from the URL map (urls.py) and
the kind registry (kinds.py: each kind's address and list page), only
walker.py inspects the schema, and the list of languages is declared once (languages.yml)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO

GENERATOR = REPO / "generator"

PAGE_PATH = re.compile(r"^[a-z0-9_{}.-]+/[a-z0-9_{}./-]*\.md$|^index\.md$|^[a-z0-9_-]+\.md$")


def string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            found.append((node.lineno, text))
    return found


def test_only_the_url_map_builds_page_paths():
    offenders = []
    for path in sorted(GENERATOR.rglob("*.py")):
        if path.name in ("urls.py", "kinds.py"):
            continue
        for line, text in string_constants(path):
            if PAGE_PATH.match(text) and text != ".md":
                offenders.append(f"{path.relative_to(REPO)}:{line}: {text!r}")
    for template in sorted((GENERATOR / "templates").glob("*.j2")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\.md['\"]", line) or re.search(r"~\s*'/'", line):
                offenders.append(f"{template.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []


def test_only_the_walker_walks_the_schema():
    """Field inspection (pydantic's model_fields, typing's get_args/get_origin, field
    metadata) happens in walker.py; schema.py only declares."""
    pattern = re.compile(r"\bmodel_fields\b(?!.*# walker test)|\bget_args\b|\bget_origin\b|(?<!importlib)\.metadata\b|json_schema_extra\b")
    offenders = []
    for path in sorted(GENERATOR.rglob("*.py")):
        if path.name in {"walker.py", "schema.py"}:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []


def test_languages_are_declared_once():
    offenders = []
    for path in sorted(GENERATOR.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if re.search(r"""\(\s*["']bg["']\s*,\s*["']en["']\s*\)|["']en["'] if \w+ == ["']bg["']""", line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    # problems.py: the languages the messages are written in, which is not the site's list.
    assert [o for o in offenders if not o.startswith("generator/problems.py")] == []
