"""The local editor's check of saved branches (`make editor`): whatever a cms/… branch holds
— a symbolic link under content/, no content/ at all — is told as a message for that branch,
and the session goes on to the next branch."""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT
from dated_repo import commit, git, init

from generator import editor_local
from generator.editor_local import check_branch, watch
from generator.problems import say

PRACTICES = "content/regions/alpha/practices"
LINK = f"{PRACTICES}/linked.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose main holds the fixture content, with three saved branches: one
    adding a symbolic link under content/, one without content/, one whose content/ is valid."""
    root = tmp_path / "repo"
    init(root)
    shutil.copytree(FIXTURE_CONTENT, root / "content")
    commit(root, "2024-01-01", "content")
    git(root, "checkout", "--quiet", "-b", "cms/a-link")
    os.symlink("/etc/passwd", root / LINK)  # what a branch may hold: git keeps links as links
    commit(root, "2024-01-02", "a link")
    git(root, "checkout", "--quiet", "main")
    git(root, "checkout", "--quiet", "-b", "cms/b-no-content")
    git(root, "rm", "-r", "--quiet", "content")
    commit(root, "2024-01-03", "no content")
    git(root, "checkout", "--quiet", "main")
    git(root, "checkout", "--quiet", "-b", "cms/c-valid")
    (root / "notes.txt").write_text("a save that leaves content/ valid\n", encoding="utf-8")
    commit(root, "2024-01-04", "a valid save")
    git(root, "checkout", "--quiet", "main")
    assert (root / PRACTICES / "good-one.yaml").is_file() and not (root / LINK).exists()
    return root


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_a_link_in_a_saved_branch_is_reported_at_its_path(repo: Path, lang: str):
    messages = check_branch(repo, "cms/a-link", lang)
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"{LINK}:1:1: ")
    assert say("editor_link", lang) in messages[0]


def test_a_branch_that_cannot_be_checked_is_reported_not_raised(repo: Path):
    (message,) = check_branch(repo, "cms/b-no-content", "bg")
    assert message.startswith("Записаното не можа да бъде проверено (причина: ")
    assert "content" in message  # git's own words name what is missing
    assert check_branch(repo, "cms/no-such-branch", "en")[0].startswith("What was saved could not be checked")


def test_the_session_goes_on_after_a_branch_with_a_link(repo: Path, monkeypatch, capsys):
    """watch() checks the three branches in one round (they are new to it); the link and the
    missing content/ are told, and the valid branch after them is still checked."""
    real = editor_local.saved_branches
    calls: list[Path] = []

    def saved_branches(where: Path) -> dict[str, str]:  # the session started before the branches were saved
        calls.append(where)
        return real(where) if len(calls) > 1 else {}

    monkeypatch.setattr(editor_local, "saved_branches", saved_branches)
    errors: list[BaseException] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: errors.append(args.exc_value))
    stop = threading.Event()
    session = threading.Thread(target=watch, args=(repo, "en", stop))
    session.start()
    try:
        deadline = time.monotonic() + 30
        told = ""
        while session.is_alive() and "cms/c-valid" not in told and time.monotonic() < deadline:
            time.sleep(0.1)
            told += capsys.readouterr().err
        time.sleep(0.2)
        told += capsys.readouterr().err
    finally:
        stop.set()
        session.join(timeout=10)
    print(told, file=sys.stderr)
    assert not errors, errors
    valid_part = told.split(say("editor_checked", "en", branch="cms/c-valid"), 1)
    assert len(valid_part) == 2, told
    assert say("cli_valid", "en") in valid_part[1]
    assert say("editor_link", "en") in told and "What was saved could not be checked" in told
