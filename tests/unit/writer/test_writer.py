"""writer.py: the one writer — write if changed, one path once, prune, lock, staging and swap."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from generator.writer import Output, WriteError, build_lock, staging, swap_in, write_if_changed

OLD = 1_000_000_000  # a modification time long past, in seconds: a rewrite would change it


def aged(path: Path) -> Path:
    os.utime(path, (OLD, OLD))
    return path


def test_a_new_file_is_written_and_counted(tmp_path: Path):
    out = Output(tmp_path / "docs")
    out.write_text("measures/a.md", "# A\n")
    assert (tmp_path / "docs/measures/a.md").read_text(encoding="utf-8") == "# A\n"
    assert out.written == [tmp_path / "docs/measures/a.md"] and out.unchanged == 0


def test_an_unchanged_file_is_not_rewritten(tmp_path: Path):
    Output(tmp_path).write_text("a.md", "same")
    path = aged(tmp_path / "a.md")
    second = Output(tmp_path)
    second.write_text("a.md", "same")
    assert second.written == [] and second.unchanged == 1
    assert path.stat().st_mtime == OLD


@pytest.mark.parametrize("new", ["diff", "longer text"], ids=["same size", "other size"])
def test_a_changed_file_is_rewritten(tmp_path: Path, new: str):
    Output(tmp_path).write_text("a.md", "same")
    path = aged(tmp_path / "a.md")
    second = Output(tmp_path)
    second.write_text("a.md", new)
    assert path.read_text(encoding="utf-8") == new and second.written == [path]
    assert path.stat().st_mtime != OLD


def test_one_path_cannot_be_written_twice_in_a_run(tmp_path: Path):
    out = Output(tmp_path)
    out.write_text("measures/index.md", "first")
    with pytest.raises(WriteError, match="measures/index.md was produced twice"):
        out.write_text("measures/index.md", "second")
    assert (tmp_path / "measures/index.md").read_text(encoding="utf-8") == "first"
    with pytest.raises(WriteError):  # the same even when the content is the same
        out.write_text("measures/index.md", "first")


def test_prune_removes_only_what_this_run_did_not_produce(tmp_path: Path):
    first = Output(tmp_path)
    for name in ("keep.md", "gone.md", "deep/gone.json", "deep/keep.json"):
        first.write_text(name, name)
    second = Output(tmp_path)
    second.write_text("keep.md", "keep.md")
    second.write_text("deep/keep.json", "changed")
    second.prune()
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == ["deep/keep.json", "keep.md"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in second.removed) == ["deep/gone.json", "gone.md"]


def test_write_if_changed_reports_whether_it_wrote(tmp_path: Path):
    path = tmp_path / "build" / "mkdocs.en.yml"
    assert write_if_changed(path, "a: 1\n") is True
    aged(path)
    assert write_if_changed(path, "a: 1\n") is False
    assert path.stat().st_mtime == OLD
    assert write_if_changed(path, "a: 2\n") is True and path.read_text(encoding="utf-8") == "a: 2\n"


def test_the_build_lock_is_held_until_the_block_ends(tmp_path: Path):
    def try_lock() -> bool:
        with open(tmp_path / ".lock", "w") as other:  # another open file: another would-be build
            try:
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            fcntl.flock(other, fcntl.LOCK_UN)
            return True

    with build_lock(tmp_path):
        assert try_lock() is False
    assert try_lock() is True


def site_with_a_page(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text("old", encoding="utf-8")
    (site / "en" / "index.html").write_text("old en", encoding="utf-8")
    return site


def files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def test_staging_then_swap_replaces_the_site_whole(tmp_path: Path):
    site = site_with_a_page(tmp_path)
    with staging(site) as stage:
        assert stage.parent == site.parent and stage.name.startswith(".site-")
        (stage / "new").mkdir()
        (stage / "new" / "index.html").write_text("new", encoding="utf-8")
        swap_in(stage / "new", site)
    assert files(site) == {"index.html": "new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging, no old copy left


def test_a_failure_in_staging_leaves_the_site_untouched(tmp_path: Path):
    site = site_with_a_page(tmp_path)
    before = files(site)
    with pytest.raises(RuntimeError, match="builder failed"), staging(site) as stage:
        (stage / "index.html").write_text("half-built", encoding="utf-8")
        raise RuntimeError("builder failed")
    assert files(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failed_swap_puts_the_previous_site_back(tmp_path: Path):
    site = site_with_a_page(tmp_path)
    before = files(site)
    with pytest.raises(FileNotFoundError):
        swap_in(tmp_path / "never-built", site)
    assert files(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_ctrl_c_during_the_swap_puts_the_previous_site_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    site = site_with_a_page(tmp_path)
    before = files(site)
    new = tmp_path / "new"
    new.mkdir()
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self == new:
            raise KeyboardInterrupt
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(KeyboardInterrupt):
        swap_in(new, site)
    assert files(site) == before


def test_the_first_swap_needs_no_previous_site(tmp_path: Path):
    new = tmp_path / "staged"
    new.mkdir()
    (new / "index.html").write_text("first", encoding="utf-8")
    swap_in(new, tmp_path / "site")
    assert files(tmp_path / "site") == {"index.html": "first"}
