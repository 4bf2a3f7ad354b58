"""The repository's own checks: CI workflows (zizmor, GitHub's workflow schema), CODEOWNERS."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_workflows_pass_zizmor_and_the_github_workflow_schema():
    workflows = sorted(str(p) for p in (REPO / ".github/workflows").glob("*.yml"))
    assert len(workflows) == 2
    bindir = Path(sys.executable).parent
    audit = subprocess.run([str(bindir / "zizmor"), "--offline", *workflows], capture_output=True, text=True)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    schema_check = subprocess.run(
        [str(bindir / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *workflows],
        capture_output=True,
        text=True,
    )
    assert schema_check.returncode == 0, schema_check.stdout + schema_check.stderr
    check = (REPO / ".github/workflows/check.yml").read_text(encoding="utf-8")
    for step in ("validate --format github", "schemas --check", "generator build", "check-links", "make test"):
        assert step in check
    pages = (REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert "actions/deploy-pages@" in pages and "actions/upload-pages-artifact@" in pages


def test_codeowners_give_each_region_to_its_partner():
    owners = (REPO / ".github/CODEOWNERS").read_text(encoding="utf-8")
    for region in ("ruse", "plovdiv", "targovishte"):
        assert f"/content/regions/{region}/" in owners
    assert "TO SET" in owners
