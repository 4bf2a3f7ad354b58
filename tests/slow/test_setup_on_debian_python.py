"""Set-up on the Pythons partners have: Debian 12's system Python (3.11.2) is the lowest.

pip is asked (against the package index) whether every pin installs on it; the Makefile's
set-up is run in a temporary folder, with the package index turned off, to show that a failed
set-up leaves no environment and says what to do in Bulgarian and English, and that a
successful one moves a working environment into place. CI (.github/workflows/check.yml) sets
up and validates a fresh clone on 3.11.2.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

LOWEST = "3.11.2"  # Debian 12's /usr/bin/python3; pymdown-extensions 13 needs 3.11.5
DEBIAN_PYTHON = Path("/usr/bin/python3")
NETWORK_ERRORS = ("NewConnectionError", "Failed to establish a new connection", "Temporary failure in name resolution")


def _version(python: Path) -> str | None:
    """The full version of an interpreter, if it runs."""
    try:
        run = subprocess.run(
            [str(python), "-c", "import platform; print(platform.python_version())"], capture_output=True, text=True
        )
    except OSError:
        return None
    return run.stdout.strip() if run.returncode == 0 else None


def _supported(version: str | None) -> bool:
    """Whether a Python version is one the set-up supports (3.11 or newer)."""
    return version is not None and tuple(int(part) for part in version.split(".")[:2]) >= (3, 11)


def _versions_to_check() -> list[str]:
    """The lowest supported Python, and Debian's own when it is a 3.11 or newer."""
    debian = _version(DEBIAN_PYTHON)
    return sorted({LOWEST, debian}) if debian is not None and _supported(debian) else [LOWEST]


def _pins() -> dict[str, str]:
    """Every `name==version` line of the three requirements files, by normalised name."""
    pins = {}
    for name in ("requirements.txt", "requirements-dev.txt", "requirements-zensical.txt"):
        for line in (REPO / name).read_text(encoding="utf-8").splitlines():
            if match := re.fullmatch(r"([A-Za-z0-9._-]+)==(\S+)", line.strip()):
                pins[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    return pins


@pytest.mark.parametrize("python_version", _versions_to_check())
def test_every_pin_installs_on_debian_12s_python(python_version: str):
    resolve = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet", "--report", "-",
         "--only-binary=:all:", "--python-version", python_version, "--timeout", "30", "--retries", "1",
         "-r", "requirements-dev.txt", "-r", "requirements-zensical.txt"],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    if resolve.returncode != 0 and any(error in resolve.stderr for error in NETWORK_ERRORS):
        pytest.skip("the package index cannot be reached")
    assert resolve.returncode == 0, resolve.stderr[-3000:]
    chosen = {item["metadata"]["name"]: item["metadata"]["version"] for item in json.loads(resolve.stdout)["install"]}
    pins = _pins()
    unpinned = {name: version for name, version in chosen.items() if re.sub(r"[-_.]+", "-", name).lower() not in pins}
    assert not unpinned, f"pip would install these without a pin: {unpinned}"
    assert chosen["pymdown-extensions"] == pins["pymdown-extensions"]


def _python_for_set_up() -> str:
    """Debian's Python where it is 3.11 or newer, otherwise the one this venv was made from."""
    if _supported(_version(DEBIAN_PYTHON)):
        return str(DEBIAN_PYTHON)
    return str(Path(getattr(sys, "_base_executable", sys.executable)))


def _set_up(folder: Path, requirements: str, python: str) -> subprocess.CompletedProcess[str]:
    """`make .venv/.site-deps` in a folder with the Makefile, offline: pip sees no index."""
    shutil.copy(REPO / "Makefile", folder / "Makefile")
    (folder / "requirements.txt").write_text(requirements, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "MAKE", "VIRTUAL_ENV"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1")
    return subprocess.run(
        ["make", "-s", "--no-print-directory", ".venv/.site-deps", f"PYTHON={python}"],
        cwd=folder, env=env, capture_output=True, text=True,
    )  # fmt: skip


def test_a_failed_set_up_leaves_no_environment_and_says_what_to_do(tmp_path: Path):
    # A Python whose environments come without pip (Debian's, before python3-venv): the
    # environment is made, then its first pip command fails.
    python = tmp_path / "python-without-pip"
    python.write_text(
        "#!/bin/sh\n"
        f'if [ "$1 $2" = "-m venv" ]; then shift 2; exec {_python_for_set_up()} -m venv --without-pip "$@"; fi\n'
        f'exec {_python_for_set_up()} "$@"\n',
        encoding="utf-8",
    )
    python.chmod(0o755)
    run = _set_up(tmp_path, "no-such-package-wego3==1.0\n", str(python))
    assert run.returncode != 0
    assert not (tmp_path / ".venv").exists() and not (tmp_path / ".venv.tmp").exists()
    log = tmp_path / "build/setup.log"
    assert "Пакетите от requirements.txt не се инсталираха и .venv не е създадена" in run.stderr
    assert "The packages of requirements.txt did not install and .venv was not made" in run.stderr
    said = [line for line in run.stderr.splitlines() if not line.startswith("make: ***")]  # ./kb leaves make's out
    assert len(said) == 4 and str(log) in said[3]  # what it does, then what failed: one line per language
    assert said[0].startswith("Създава се .venv") and said[1].startswith("Making .venv")
    assert "No module named pip" in log.read_text(encoding="utf-8")


def test_a_missing_python_is_named_in_both_languages(tmp_path: Path):
    run = _set_up(tmp_path, "", str(tmp_path / "no-python3"))
    assert run.returncode != 0
    assert "Нужен е Python 3.11 или по-нов" in run.stderr and "Python 3.11 or newer is needed" in run.stderr
    assert not (tmp_path / ".venv").exists() and not (tmp_path / ".venv.tmp").exists()


def test_a_set_up_that_succeeds_moves_a_working_environment_into_place(tmp_path: Path):
    run = _set_up(tmp_path, "# nothing to install\n", _python_for_set_up())
    assert run.returncode == 0, run.stderr
    venv = tmp_path / ".venv"
    assert (venv / ".site-deps").exists() and not (tmp_path / ".venv.tmp").exists()
    pip = subprocess.run([str(venv / "bin/pip"), "--version"], capture_output=True, text=True)
    assert pip.returncode == 0 and str(venv) in pip.stdout, pip.stdout + pip.stderr
    left = [str(path) for path in venv.rglob("*") if path.is_file() and b".venv.tmp" in path.read_bytes()]
    assert not left, f"files that still name the temporary folder: {left}"


def test_ci_sets_up_and_validates_a_fresh_clone_on_python_3_11_2():
    jobs = yaml.safe_load((REPO / ".github/workflows/check.yml").read_text(encoding="utf-8"))["jobs"]
    lowest = [job for job in jobs.values() if any(step.get("with", {}).get("python-version") == LOWEST for step in job["steps"])]
    assert len(lowest) == 1, "one CI job sets up Python 3.11.2"
    runs = [step.get("run", "") for step in lowest[0]["steps"]]
    assert runs.index("./kb validate") < runs.index("make site")
