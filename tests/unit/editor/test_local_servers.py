"""`make editor`'s servers (editor_local.py): a busy port is told in one sentence, with exit
code 1 and nothing started or announced; SIGTERM stops decap-server and everything it
started. No test waits for a time: each polls for a state, with a bound against hangs."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import REPO
from dated_repo import commit, init

from generator import editor_local
from generator.cli import main
from generator.problems import say
from generator.project import Project
from generator.serve import Port, PortBusy

WITHIN = 90  # hang guard only: decap-server usually answers within a second or two
NODE = shutil.which("node") is not None and (REPO / editor_local.DECAP_SERVER).is_file()
needs_node = pytest.mark.skipif(not NODE, reason="node or editor/node_modules missing (make editor installs them)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])



@pytest.fixture
def git_project(project: Project) -> Project:
    """The fixture project as a repository (the editor clones it) with the form's configuration."""
    shutil.copytree(REPO / "schemas", project.root / "schemas")
    init(project.root)
    commit(project.root, "2024-01-01", "content")
    return project


def said_no_more_than(err: str, message: str) -> None:
    """The message is all that was said: no stack, no announcement."""
    assert err.strip() == message, err
    assert "Traceback" not in err and "EADDRINUSE" not in err


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_a_busy_site_port_is_told_before_the_build(project: Project, busy: int, lang: str, capsys, monkeypatch):
    monkeypatch.delenv("MAKELEVEL", raising=False)
    proxy = free_port()
    code = main(["--root", str(project.root), "--lang", lang, "editor", "--port", str(busy), "--proxy-port", str(proxy)])
    err = capsys.readouterr().err
    assert code == 1
    assert not project.site.exists()  # told at once: nothing was built
    site_port = Port(busy, "port_server_site", "editor")
    said_no_more_than(err, editor_local.busy_message(PortBusy(site_port), lang, taken=(busy, proxy)))
    assert str(busy) in err and "./kb editor --port " in err and say("port_server_site", lang) in err


def test_a_busy_helper_port_names_proxy_port_under_make(project: Project, busy: int, capsys, monkeypatch):
    monkeypatch.setenv("MAKELEVEL", "1")
    built: list[int] = []
    code = editor_local.run(project, free_port(), busy, "bg", before=lambda: built.append(1) or 0)
    err = capsys.readouterr().err
    assert code == 1 and built == []
    assert err.startswith(f"Порт {busy} е зает от друга програма, затова помощният сървър на формата не е пуснат.")
    assert "make editor PROXY_PORT=" in err
    assert "Редакторът е на" not in err


@needs_node
def test_a_helper_port_taken_after_the_check_is_told_as_busy(git_project: Project, busy: int, capfd):
    """decap-server itself finds its port taken (taken between the check and its start):
    the same sentence, not Node's stack; the port is not mistaken for decap-server's."""
    repo = editor_local.scratch_clone(git_project)
    helper = Port(busy, "port_server_helper", "editor", "PROXY_PORT", "--proxy-port")
    with pytest.raises(PortBusy) as raised, editor_local.decap_server(git_project, repo, helper):
        pass
    assert raised.value.port == helper
    err = capfd.readouterr().err
    assert "EADDRINUSE" not in err and "at " not in err, err


def processes() -> dict[int, tuple[int, int]]:
    """pid → (parent pid, process group) of every live (not zombie) process (Linux's /proc)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            found[int(entry.name)] = (int(fields[1]), int(fields[2]))
    return found


TOOL = """
import sys
from pathlib import Path
from generator.editor_local import run
from generator.project import Project
sys.exit(run(Project(Path(sys.argv[1])), int(sys.argv[2]), int(sys.argv[3]), "en"))
"""


@needs_node
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux's /proc")
def test_sigterm_stops_decap_server_and_its_group(git_project: Project):
    port, proxy = free_port(), free_port()
    tool = subprocess.Popen(
        [sys.executable, "-c", TOOL, str(git_project.root), str(port), str(proxy)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a group of its own: what it leaves can be found and ended
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in tool.stderr:  # type: ignore[union-attr]
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    groups: set[int] = set()
    try:
        told = ""
        while not told.startswith("The editor is at"):
            got = lines.get(timeout=WITHIN)
            assert got is not None, f"the editor stopped before it was ready (exit {tool.wait()})"
            told = got
        assert f"http://127.0.0.1:{port}/admin/" in told
        children = {pid: group for pid, (parent, group) in processes().items() if parent == tool.pid}
        assert children, "decap-server is not running"
        groups = set(children.values())
        tool.send_signal(signal.SIGTERM)
        code = tool.wait(timeout=WITHIN)
        deadline = time.monotonic() + WITHIN
        while left := [pid for pid, (_, group) in processes().items() if pid in children or group in groups]:
            assert time.monotonic() < deadline, f"left running: {left}"
            time.sleep(0.1)
        assert code == 0, "stopped as Ctrl-C stops it"
        assert groups == set(children), "decap-server had a process group of its own (Ctrl-C reaches it only through the tool)"
    finally:
        if tool.poll() is None:
            tool.kill()
            tool.wait()
        for group in groups | {tool.pid}:  # what a failing run left behind
            try:
                os.killpg(group, signal.SIGKILL)
            except ProcessLookupError:
                pass
