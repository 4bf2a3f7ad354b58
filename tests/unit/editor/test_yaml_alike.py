"""The editor's configuration means the same to every YAML reader: PyYAML (YAML 1.1, the
generator) and the `yaml` package Decap reads it with (YAML 1.2), where a plain 1e3, 0o17,
09 or .iNf is a number. Strings that either could take for another type are quoted."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURE_CONTENT, REPO, make_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import editor
from generator.build import load_site
from generator.project import Project

# Read as Decap reads its configuration (decap-cms-core: yaml.parse with these options);
# every value tagged with its type, so that "1e3" and 1000 differ.
NODE_READER = """
import { readFileSync } from "node:fs";
import YAML from "yaml";
const typed = (v) =>
  v === null ? ["null"]
  : Array.isArray(v) ? ["seq", v.map(typed)]
  : typeof v === "object" ? ["map", Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, typed(x)])]
  : typeof v === "number" && !Number.isFinite(v) ? ["number", String(v)]
  : [typeof v, v];
const texts = JSON.parse(readFileSync(0, "utf8"));
console.log(JSON.stringify(texts.map((text) => {
  try { return typed(YAML.parse(text, { maxAliasCount: -1, prettyErrors: true, merge: true })); }
  catch (error) { return ["error", String(error)]; }
})));
"""

TRICKY = [
    "1e3",
    "0o17",
    "0x1F",
    "012",
    "09",
    ".5",
    "+12",
    "-.INF",
    ".iNf",
    ".NaN",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "~",
    "null",
    "NULL",
    "True",
    "false",
    "2024-01-01",
    "2024-01-01 10:00:00",
    "1_000",
    "1:20",
    "0b101",
    "<<",
    "=",
    "",
    " lead",
    "trail ",
    "a\u2028b",
    "a\x85b",
    "\ufeffx",
    "x\ty",
    "a: b",
    "- x",
    "#",
    "'",
    '"',
]


def node_read(texts: list[str]) -> list[Any]:
    """Every text read by the editor's YAML package, in one node process."""
    done = subprocess.run(
        ["node", "--input-type=module", "-e", NODE_READER],
        cwd=REPO / "editor",
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def typed(value: Any) -> Any:
    """A PyYAML value in the node reader's tagged form."""
    if value is None:
        return ["null"]
    if isinstance(value, bool):
        return ["boolean", value]
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return ["number", "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")]
        return ["number", value]
    if isinstance(value, str):
        return ["string", value]
    if isinstance(value, list):
        return ["seq", [typed(item) for item in value]]
    if isinstance(value, dict):
        return ["map", [[str(key), typed(item)] for key, item in sorted(value.items(), key=lambda pair: str(pair[0]))]]
    return ["python", repr(value)]  # a date: something the editor cannot read the same


def project_with_number_like_names(root: Path) -> Project:
    """The fixture content with its region named 1e3, and editor settings that look like
    numbers to one reader or the other."""
    project = make_project(root, FIXTURE_CONTENT)
    (project.content / "regions" / "alpha").rename(project.content / "regions" / "1e3")
    for path in project.content.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("region: alpha", "region: '1e3'"), encoding="utf-8")
    settings_text = "repo: '0o17'\nbranch: '09'\nauth_base_url: https://auth.example.org\nauth_endpoint: '.iNf'\nsite_url:\n"
    (project.root / editor.SETTINGS_FILE).write_text(settings_text, encoding="utf-8")
    shutil.copytree(REPO / "schemas", project.root / "schemas")
    return project


@pytest.fixture(scope="module")
def number_like(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Any]:
    """One project with number-like names and its site, for the tests below (each writes the
    configuration file it reads itself)."""
    project = project_with_number_like_names(tmp_path_factory.mktemp("number-like") / "project")
    return project, load_site(project)


def test_pyyaml_and_the_editors_yaml_read_the_configuration_alike(number_like):
    project, site = number_like
    config = editor.cms_config(project, site)
    assert config["backend"]["branch"] == "09"
    assert "1e3" in [entry["name"] for collection in config["collections"] for entry in collection.get("files", [])]
    real = make_project(project.root.parent / "real", REPO / "content")
    texts = [editor.rendered_config(project, site), editor.rendered_config(real, load_site(real))]
    assert node_read(texts) == [typed(yaml.safe_load(text)) for text in texts]
    assert yaml.safe_load(texts[0]) == config


def test_the_local_editors_configuration_keeps_a_number_like_branch_a_string(number_like):
    from generator.editor_local import local_config

    project, _ = number_like
    text = editor.to_yaml(local_config(project, "1e3", 8081))
    (read,) = node_read([text])
    assert read == typed(yaml.safe_load(text))
    assert yaml.safe_load(text)["backend"]["branch"] == "1e3"


# --- any string -------------------------------------------------------------------------------

ALPHABET = st.sampled_from(
    list("0123456789.eExXoObB+-_:~ ynYNtrufalsTRUFALSinfINFNa\t\n'\"#&*!|>%@`,[]{}?\\/аб\u2028\x85\ufeff\x00")
)
STRINGS = st.one_of(
    st.sampled_from(TRICKY),
    st.text(ALPHABET, max_size=12),
    st.from_regex(r"\A[-+]?(0[xob])?[0-9a-fA-F_]{0,4}(\.[0-9_]*)?([eE][-+]?[0-9]{1,3})?\Z"),
    st.from_regex(r"\A[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{2}:[0-9]{2})?\Z"),
    st.text(max_size=30),
)


def test_any_string_is_written_so_that_the_editor_reads_the_same_string():
    """Hypothesis makes the strings (with the project's profile); one node process reads all
    of them at the end. Each string is a value and a key, alone and in a list."""
    written: list[tuple[Any, str]] = []

    @settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(STRINGS, min_size=1, max_size=5))
    def write(strings: list[str]) -> None:
        # A key "<<" is a merge key to the editor's reader (merge: true) however it is quoted;
        # the configuration's keys are field and setting names, never that.
        data = {"value": strings[0], "list": strings, "keys": {s: s for s in strings if s != "<<"}}
        text = editor.to_yaml(data)
        assert yaml.safe_load(text) == data  # PyYAML reads back what was written
        written.append((data, text))

    write()
    assert written
    read = node_read([text for _, text in written])
    wrong = [(data, text, got) for (data, text), got in zip(written, read, strict=True) if got != typed(data)]
    assert not wrong, "\n".join(f"{data!r}\n{text}→ {got}" for data, text, got in wrong[:5])
