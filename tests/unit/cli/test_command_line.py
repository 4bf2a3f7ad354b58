"""The command line: exit codes (0 fine, 1 invalid, 2 wrong command line) and no traceback,
messages in the locale's language and the partners' `./kb` — in separate processes, as a
person runs them; options anywhere and selected paths in this process (`cli`)."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO

from generator.project import Project


def generator(*args: str, env: dict[str, str] | None = None, cwd=REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_exit_codes_and_no_traceback(project: Project, write):
    ok = generator("--root", str(project.root), "--lang", "en", "validate")
    assert (ok.returncode, ok.stderr.strip()) == (0, "Content is valid.")
    usage = generator("frobnicate")
    assert usage.returncode == 2 and "invalid choice: 'frobnicate'" in usage.stderr
    missing = generator("--root", str(project.root), "--lang", "en", "validate", "/nonexistent.yaml")
    assert missing.returncode == 2 and "/nonexistent.yaml" in missing.stderr and "Traceback" not in missing.stderr
    write("measures/broken.yaml", "number: [1\n")
    bad = generator("--root", str(project.root), "--lang", "en", "build")
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert "content/measures/broken.yaml:2:1: error: The file is not valid YAML" in bad.stderr
    assert not project.site.exists()


def test_options_are_accepted_after_the_command(cli, project: Project):
    for args in (["validate", "--lang", "bg"], ["--lang", "bg", "validate"], ["validate", "--lang=bg", "-v"]):
        result = cli(*args, "--root", str(project.root))
        assert result.code == 0 and result.err.strip() == "Съдържанието е наред.", args


def test_message_language_follows_the_locale(project: Project, write):
    write("measures/broken.yaml", "number: 1\ntitel: x\n")
    base = {k: v for k, v in os.environ.items() if k not in {"LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "WEGO_LANG"}}
    bulgarian = generator("--root", str(project.root), "validate", env={**base, "LANG": "bg_BG.UTF-8"})
    english = generator("--root", str(project.root), "validate", env={**base, "LANG": "en_GB.UTF-8"})
    assert bulgarian.returncode == english.returncode == 1
    assert "грешка: Непознато поле „titel“" in bulgarian.stderr
    assert "error: Unknown field 'titel'" in english.stderr


def test_validate_selected_paths_only(cli, project: Project, write):
    write("partners/bad-two.yaml", "name: [unclosed\n")
    root = ("--root", str(project.root), "--lang", "en")
    measures = cli(*root, "validate", str(project.content / "measures"))
    assert measures.code == 0 and measures.errors() == []
    partners = cli(*root, "validate", str(project.content / "partners"))
    assert partners.code == 1 and [m.split(":")[0] for m in partners.errors()] == ["content/partners/bad-two.yaml"]


def test_partners_have_one_command_that_works_from_a_clone(tmp_path):
    result = subprocess.run([str(REPO / "kb"), "validate"], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "Съдържанието е наред." in result.stderr  # Bulgarian by default
    result = subprocess.run([str(REPO / "kb"), "status", "--lang", "en"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 and "Records in draft" in result.stdout
