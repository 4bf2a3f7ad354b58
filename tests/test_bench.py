"""Issue 6: the benchmark's quick mode (N=100) runs and prints every target with its figure."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.browser

TARGETS = [
    "full build at N=100 ≤ 0.5× baseline",
    "generator stage ≤ 5 % of full build",
    "largest HTML page ≤ 60 KB at every N",
    "search bytes before first result ≤ 1 MB (bg",
    "search results ≤ 100 ms after last keystroke (bg",
    "second build rewrites no generated file",
    "second build ≤ 0.5× the first",
    "serve shows a saved record ≤ 3 s",
    "peak memory ≤ 1 GB",
]


def test_quick_benchmark_prints_the_table_and_targets():
    result = subprocess.run([sys.executable, "-m", "bench.run", "--quick"], cwd=REPO, capture_output=True, text=True, timeout=900)
    print(result.stdout)
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    assert "| figure | N=100 |" in out and "× baseline" in out
    for target in TARGETS:
        line = next((line for line in out.splitlines() if target in line), None)
        assert line is not None, target
        assert line.rstrip().endswith(("| met |", "| NOT met |"))
    assert "Machine:" in out
