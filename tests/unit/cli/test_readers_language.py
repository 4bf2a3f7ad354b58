"""The command line speaks the reader's language from the catalogue, argparse's own words
included (the usage line, the help's headings, mistakes on the command line), and calls
itself `./kb`, the command partners are given (issue 21) — in separate processes, as a
person runs it, and through the partners' `./kb`."""

from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

from generator.cli import parser
from generator.problems import messages


def environment(lang: str) -> dict[str, str]:
    """The environment with only WEGO_LANG saying which language the reader reads."""
    base = {k: v for k, v in os.environ.items() if k not in {"LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "WEGO_LANG"}}
    return {**base, "WEGO_LANG": lang}


def generator(*args: str, lang: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=REPO, env=environment(lang), timeout=120
    )


ARGPARSE_ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "error:", "required", "invalid choice", "unrecognized")


def latin_words(text: str) -> set[str]:
    """The words in Latin letters a Bulgarian help may hold: only what the reader types
    (commands, options, their values, kinds, file and folder names) and names (GitHub)."""
    main = parser("bg")
    typed = {"kb", "WEGO", "mkdocs", "zensical", "text", "github", "json", "bg", "en", "plovdiv", "GitHub", "CONTRIBUTING", "md"}
    commands = next(action for action in main._actions if isinstance(action, argparse._SubParsersAction))
    for name, sub in commands.choices.items():
        typed |= set(re.findall(r"[A-Za-z]+", name))
        for action in sub._actions:
            for value in [*action.option_strings, *(action.choices or [])]:
                typed |= set(re.findall(r"[A-Za-z]+", str(value)))
    unpathed = re.sub(r"\S*/\S*|\S+\.(py|yml|md)\b|\d+(\.\d+)+", " ", text)  # site/, generator/schema.py, 127.0.0.1
    return set(re.findall(r"[A-Za-z]+", unpathed)) - typed


def test_help_is_in_the_readers_language_under_the_name_partners_type():
    bulgarian = generator("--help", lang="bg")
    assert bulgarian.returncode == 0 and bulgarian.stderr == ""
    assert bulgarian.stdout.startswith("Употреба: ./kb [-h] [--root ПАПКА] [--lang {bg,en}] [-v] КОМАНДА ...")
    assert "Опции:\n  -h, --help      показва тази помощ" in bulgarian.stdout
    assert "Команди:" in bulgarian.stdout and "    validate      проверява записите и показва всеки проблем" in bulgarian.stdout
    assert not [word for word in ARGPARSE_ENGLISH if word in bulgarian.stdout]
    assert latin_words(bulgarian.stdout) == set()
    english = generator("--help", lang="en")
    assert english.returncode == 0 and english.stdout.startswith("usage: ./kb [-h] [--root FOLDER] [--lang {bg,en}] [-v] COMMAND ...")
    assert "options:\n  -h, --help      show this help message and exit" in english.stdout
    assert "    validate      check content files; print every problem" in english.stdout


def test_every_commands_help_is_bulgarian(cli, monkeypatch):
    monkeypatch.setenv("WEGO_LANG", "bg")
    for command in ("validate", "build", "render", "serve", "new", "status", "schemas", "cms-config", "diff", "editor", "check-links"):
        result = cli(command, "--help")
        assert result.code == 0 and result.out.startswith(f"Употреба: ./kb {command} "), command
        assert not [word for word in ARGPARSE_ENGLISH if word in result.out], (command, result.out)
        assert latin_words(result.out) == set(), (command, result.out)
    kinds = cli("new", "--help").out
    assert "practice (добра практика)" in re.sub(r"\s+", " ", kinds)


def test_mistakes_on_the_command_line_are_told_in_bulgarian_with_exit_code_2(cli, monkeypatch):
    wrong = generator("frobnicate", lang="bg")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    assert wrong.stderr.startswith("Употреба: ./kb ")
    assert "./kb: грешка: КОМАНДА: „frobnicate“ не е сред възможните стойности: " in wrong.stderr
    monkeypatch.setenv("WEGO_LANG", "bg")
    missing = cli("new", "practice")
    assert missing.code == 2 and "./kb new: грешка: задължително е да посочите: --title" in missing.err
    extra = cli("validate", "--bogus")
    assert extra.code == 2 and "./kb: грешка: непознати части на командата: --bogus" in extra.err
    port = cli("serve", "--port", "осем")
    assert port.code == 2 and "./kb serve: грешка: --port: „осем“ не е допустима стойност" in port.err
    for said in (wrong.stderr, missing.err, extra.err, port.err):
        assert not [word for word in ARGPARSE_ENGLISH if word in said], said
    monkeypatch.setenv("WEGO_LANG", "en")
    english = cli("frobnicate")
    assert english.code == 2 and "./kb: error: argument COMMAND: invalid choice: 'frobnicate'" in english.err


def test_lang_on_the_command_line_decides_the_language_of_the_help_too(cli, monkeypatch):
    monkeypatch.setenv("WEGO_LANG", "bg")
    assert cli("--lang", "en", "--help").out.startswith("usage: ./kb")
    assert cli("--lang", "bg", "--lang", "en", "--help").out.startswith("usage: ./kb")  # ./kb --lang en
    monkeypatch.setenv("WEGO_LANG", "en")
    assert cli("status", "--lang=bg", "--help").out.startswith("Употреба: ./kb status")
    wrong = cli("--lang", "bg", "status", "--frobnicate")
    assert wrong.code == 2 and "./kb: грешка: непознати части на командата: --frobnicate" in wrong.err


def test_the_partners_kb_is_bulgarian(tmp_path):
    kb = str(REPO / "kb")
    helped = subprocess.run([kb, "--help"], cwd=tmp_path, capture_output=True, text=True, env=environment("en"), timeout=600)
    assert helped.returncode == 0 and helped.stdout.startswith("Употреба: ./kb ")
    wrong = subprocess.run([kb, "stauts"], cwd=tmp_path, capture_output=True, text=True, env=environment("en"), timeout=600)
    assert wrong.returncode == 2 and "./kb: грешка: КОМАНДА: „stauts“ не е сред възможните стойности" in wrong.stderr


def test_the_catalogue_has_every_word_this_pythons_argparse_asks_for():
    """A new Python may ask for new words: they must be translated before a partner sees them."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    asked = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"_", "ngettext"}
        and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
    }
    bulgarian = messages()["argparse"]["bg"]
    assert asked and sorted(asked - set(bulgarian)) == []
    for english, words in bulgarian.items():
        forms = words if isinstance(words, list) else [words]
        for form in forms:  # values argparse fills in (a repr may become a quoted string; a type name may go)
            assert set(re.findall(r"%\((\w+)\)", form)) <= set(re.findall(r"%\((\w+)\)", english)), english
            assert len(re.findall(r"%[sr]", form)) == len(re.findall(r"%[sr]", english)), english
