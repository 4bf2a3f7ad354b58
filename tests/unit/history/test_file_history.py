"""history.py: the days each content file changed, read from git — newest first, each day
once, at most five; merges dated when merged; a working copy not yet committed dated
today; nothing at all outside a repository (never a file's time stamp)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT
from dated_repo import commit, git, init, write

from generator import history
from generator.history import FileHistory
from generator.model import build_site
from generator.validate import load_valid

A = "content/measures/a.yaml"
B = "content/measures/b.yaml"


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.fixture(autouse=True)
def no_repository_above(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git looks for a repository no higher than the test's folder (a temp folder inside
    some other checkout must not lend it a history)."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


def test_a_file_is_dated_by_its_commits_newest_first_each_day_once(tmp_path: Path):
    root = tmp_path / "repo"
    init(root)
    write(root, A, "0")
    write(root, B, "0")
    commit(root, "2026-01-05")
    for number, when in enumerate(["2026-02-01", "2026-02-01", "2026-03-10", "2026-04-02", "2026-05-20", "2026-06-30"]):
        write(root, A, str(number + 1))
        commit(root, when)
    found = history.read(root, [A, B])
    # Two commits on 1 February are one day; 5 January is older than the five days shown.
    assert found[A].dates == tuple(map(day, ["2026-06-30", "2026-05-20", "2026-04-02", "2026-03-10", "2026-02-01"]))
    assert found[A].changed == day("2026-06-30") and found[A].earlier[0] == day("2026-05-20")
    assert found[B] == FileHistory((day("2026-01-05"),))  # not pending, no address to link
    assert found[B].earlier == ()


def test_a_change_merged_from_a_branch_is_dated_the_day_it_was_merged(tmp_path: Path):
    root = tmp_path / "repo"
    init(root)
    write(root, A, "0")
    write(root, B, "0")
    commit(root, "2026-01-05")
    git(root, "checkout", "--quiet", "-b", "proposal")
    write(root, A, "proposed")
    commit(root, "2026-02-01")  # written on its branch …
    git(root, "checkout", "--quiet", "main")
    write(root, B, "1")
    commit(root, "2026-02-10")
    git(root, "merge", "--quiet", "--no-ff", "-m", "merge", "proposal", day="2026-03-01")  # … published here
    found = history.read(root, [A, B])
    assert found[A].dates == (day("2026-03-01"), day("2026-01-05"))
    assert found[B].dates == (day("2026-02-10"), day("2026-01-05"))


def test_a_working_copy_not_yet_committed_is_dated_today_and_marked(tmp_path: Path):
    root = tmp_path / "repo"
    init(root)
    write(root, A, "0")
    write(root, B, "0")
    commit(root, "2026-01-05")
    write(root, A, "edited, not committed")
    new = write(root, "content/topics/new/c.yaml", "new")  # in a folder git does not know yet
    today = day("2026-11-29")
    found = history.read(root, [A, B, new], today=today)
    assert (found[A].dates, found[A].pending) == ((today, day("2026-01-05")), True)
    assert (found[B].dates, found[B].pending) == ((day("2026-01-05"),), False)
    assert (found[new].dates, found[new].pending) == ((today,), True)


def test_outside_a_repository_no_file_has_a_date(tmp_path: Path):
    root = tmp_path / "unzipped"
    write(root, A, "0")
    os.utime(root / A, (1_700_000_000, 1_700_000_000))  # a time stamp is there, and not used
    assert history.read(root, [A], "https://github.com/example/kb") == {}
    assert history.shallow_file(root) is None


def test_a_project_in_a_subfolder_of_its_repository_links_the_files_full_path(tmp_path: Path):
    repo = tmp_path / "repo"
    init(repo)
    root = repo / "kb"
    write(root, A, "0")
    write(root, B, "0")
    commit(repo, "2026-01-05")
    write(root, A, "edited")
    found = history.read(root, [A, B], "https://github.com/example/wego3-kb", today=day("2026-11-29"))
    assert found[B].log_url == "https://github.com/example/wego3-kb/commits/main/kb/content/measures/b.yaml"
    assert found[A].pending and not found[B].pending


def test_the_repository_address_comes_from_the_environment():
    assert history.repository_url({}) is None
    assert history.repository_url({"WEGO_REPO_URL": "https://github.com/example/kb/"}) == "https://github.com/example/kb"
    actions = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "example/kb"}
    assert history.repository_url(actions) == "https://github.com/example/kb"
    assert history.repository_url({**actions, "WEGO_REPO_URL": "https://github.com/fork/kb"}) == "https://github.com/fork/kb"
    assert history.log_url("https://github.com/example/kb", "content/a b.yaml") == (
        "https://github.com/example/kb/commits/main/content/a%20b.yaml"
    )


def test_the_site_carries_each_records_history_and_the_feeds_dates_follow():
    loaded = load_valid(FIXTURE_CONTENT, FIXTURE_CONTENT.parent)
    plain = build_site(loaded)
    [measure, other] = plain.measures
    dated = FileHistory((day("2026-03-10"), day("2026-01-05")))
    site = build_site(loaded, history={measure.path: dated})
    [measure, other] = site.measures
    assert site.history_of(measure) == dated and site.history_of(other) is None
    assert site.changed == {measure.path: day("2026-03-10")}
    assert plain.history_of(plain.measures[0]) is None and plain.changed == {}
