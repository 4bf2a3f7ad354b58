"""ruff and mypy, as `make lint` runs them (`make check` runs `make lint` and skips this file)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

BIN = Path(sys.executable).parent


def lint_command(tool: str) -> list[str]:
    """The `make lint` line for `tool`, so that the test and the Makefile check the same folders."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    [line] = re.findall(rf"^\t\$\(BIN\)/{tool} (.+)$", makefile, re.M)
    return [str(BIN / tool), *line.split()]


def test_code_passes_ruff():
    command = lint_command("ruff")
    assert command[1:] == ["check", "generator", "tests", "bench", "audit"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout


def test_generator_passes_mypy():
    command = lint_command("mypy")
    assert command[1:] == ["generator"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout
