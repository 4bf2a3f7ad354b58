"""`python -m generator serve`: both languages, and a saved YAML file shows up in the page."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from conftest import REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_shows_both_languages_and_rebuilds_on_save(project):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(project.root), "serve", "--port", str(port)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "First measure" in fetch(base + "en/measures/first-measure/"), 60)
        bg = fetch(base + "measures/first-measure/")
        assert "Първа мярка" in bg and "livereload" in bg  # MkDocs' reload script is injected
        measure = project.content / "measures" / "first-measure.yaml"
        measure.write_text(measure.read_text(encoding="utf-8").replace("Първа мярка", "Обновена мярка"), encoding="utf-8")
        assert wait_for(lambda: "Обновена мярка" in fetch(base + "measures/first-measure/"), 30)
    finally:
        server.terminate()
        server.wait(timeout=10)
