"""The builders' processes run side by side: neither waits for the other to end.

Before, their output was read through pipes one after the other; a build that wrote more
than a pipe holds (MkDocs' list of pages not in the navigation at N=5,000) stopped until
the other build had ended."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.builders import run_all

# Writes 1 MB (far more than a pipe holds), then says it got there and waits — a bounded
# wait, so that a regression fails instead of hanging — for the other one to get there too.
MEETS = """
import pathlib, sys, time
me, other = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
sys.stdout.write("x" * 1_000_000)
sys.stdout.flush()
me.touch()
for _ in range(600):
    if other.exists():
        print("met")
        sys.exit(0)
    time.sleep(0.1)
sys.exit(3)
"""


def test_two_builds_with_long_output_run_at_once(tmp_path: Path):
    a, b = tmp_path / "a", tmp_path / "b"
    results = run_all({"bg": [sys.executable, "-c", MEETS, str(a), str(b)], "en": [sys.executable, "-c", MEETS, str(b), str(a)]}, tmp_path)
    assert {lang: code for lang, (code, _) in results.items()} == {"bg": 0, "en": 0}
    assert all(len(output) == 1_000_000 + len("met\n") for _, output in results.values())
