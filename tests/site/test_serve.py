"""`python -m generator serve`: both languages, and a saved YAML file shows up in the page."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request

from conftest import PUBLISHED_URL, REPO

from generator.project import Project

# Hang guards only: the test waits for what the server says and serves, not for a time.
STARTED_WITHIN, REBUILT_WITHIN = 300, 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def accepts(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    except OSError:
        return False
    return True


def test_serve_shows_both_languages_and_rebuilds_on_save(built_copy: Project):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(built_copy.root), "--lang", "en", "serve", "--port", str(port)],
        cwd=REPO,
        env={**os.environ, "WEGO_SITE_URL": PUBLISHED_URL},  # as the copied site was built
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )

    def until(condition, failure: str) -> None:
        """Poll for a state of the server (a pause between polls, never a wait for a time)."""
        deadline = time.monotonic() + REBUILT_WITHIN
        while not condition():
            assert server.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, failure
            time.sleep(0.1)

    said: queue.Queue[str | None] = queue.Queue()

    def read_stderr() -> None:
        for line in server.stderr:  # type: ignore[union-attr]
            said.put(line)
        said.put(None)  # the server has stopped

    threading.Thread(target=read_stderr, daemon=True).start()
    base = f"http://127.0.0.1:{port}/"
    try:
        line: str | None = ""
        while not line.startswith("Serving on"):  # printed once the site is built…
            line = said.get(timeout=STARTED_WITHIN)
            assert line is not None, "the server stopped before serving"
        assert f"{base} (bg) and {base}en/ (en)" in line
        until(lambda: accepts(port), "the server never listened")  # …just before the server binds its port
        assert "First measure" in fetch(base + "en/measures/first-measure/")
        bg = fetch(base + "measures/first-measure/")
        assert "Първа мярка" in bg and "livereload" in bg  # MkDocs' reload script is injected
        measure = built_copy.content / "measures" / "first-measure.yaml"
        measure.write_text(measure.read_text(encoding="utf-8").replace("Първа мярка", "Обновена мярка"), encoding="utf-8")
        until(lambda: "Обновена мярка" in fetch(base + "measures/first-measure/"), "the saved record never showed")
    finally:
        server.terminate()
        server.wait(timeout=10)
