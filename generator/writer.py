"""The one writer: every file the generator produces goes through here.

- An `Output` folder (build/docs/<lang>/) is scratch that builders read: a file is
  written only when its bytes changed (so a rebuild touches only what an edit affects and
  a builder's own change detection works), one path is never written twice in a run, and
  files no longer produced are pruned.
- The site itself (site/) is only ever replaced whole: builders write into a staging
  folder beside it, which is swapped in when every language has built. A failed or
  interrupted build leaves the previous site/ exactly as it was. A lock serialises builds.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


class WriteError(Exception):
    """Two outputs claimed one path."""


@dataclass
class Output:
    """A folder of generated files, written if changed and pruned of what was not produced."""

    folder: Path
    whole: bool = False  # each file written beside and renamed over (replace_file): a writer that may be stopped
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    removed: list[Path] = field(default_factory=list)
    relatives: set[str] = field(default_factory=set)  # every path produced in this run, relative to the folder

    def write(self, relative: str, content: bytes) -> None:
        if relative in self.relatives:
            raise WriteError(f"{relative} was produced twice")
        self.relatives.add(relative)
        path = self.folder / relative
        if path.exists() and path.stat().st_size == len(content) and path.read_bytes() == content:
            self.unchanged += 1
            return
        if self.whole:
            replace_file(path, content)
        else:  # scratch for a builder: a stopped build leaves site/ as it was (staging, swap_in)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        self.written.append(path)

    def keep(self, relative: str) -> None:
        """A file known to be as this writer left it last time (`serve`'s unchanged page):
        produced, and neither read nor written."""
        if relative in self.relatives:
            raise WriteError(f"{relative} was produced twice")
        self.relatives.add(relative)
        self.unchanged += 1

    def write_text(self, relative: str, text: str) -> None:
        self.write(relative, text.encode("utf-8"))

    def prune(self) -> None:
        """Remove every file this run did not produce (a deleted record's page, say)."""
        produced = {self.folder / relative for relative in self.relatives}
        for stale in sorted(p for p in self.folder.rglob("*") if p.is_file() and p not in produced):
            stale.unlink()
            self.removed.append(stale)


def replace_file(path: Path, content: bytes) -> None:
    """Write a file whole or not at all: written beside it, then renamed over it, so that a
    writer stopped half-way (`serve` stops the one still busy with an older save) leaves the
    old file, never half of a new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(content)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, text: str) -> bool:
    """A single scratch file (a builder's config): written only when it changed."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


@contextlib.contextmanager
def build_lock(scratch: Path) -> Iterator[None]:
    """One build at a time per project (a second waits for the first)."""
    scratch.mkdir(parents=True, exist_ok=True)
    with open(scratch / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def staging(beside: Path) -> Iterator[Path]:
    """A temporary folder next to `beside` (same file system, so the swap is a rename),
    removed afterwards whatever happened."""
    folder = Path(tempfile.mkdtemp(prefix=".site-", dir=beside.parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def swap_in(new: Path, target: Path) -> None:
    """Replace `target` by `new` with renames only; on any failure, even Ctrl-C, the
    previous `target` is put back."""
    old = None
    if target.exists():
        old = target.with_name(f".site-old-{os.getpid()}")
        target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        if old is not None and not target.exists():
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
