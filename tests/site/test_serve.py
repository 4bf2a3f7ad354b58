"""`python -m generator serve`: both languages, a saved YAML file shows up in the page, a
mistake shows up in the page too, a missing page is the site's own 404 page, and a busy
port is told in the reader's language before anything is built."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from conftest import PUBLISHED_URL, REPO

from generator.cli import main
from generator.problems import say
from generator.project import Project

# Hang guards only: the test waits for what the server says and serves, not for a time.
STARTED_WITHIN, REBUILT_WITHIN = 300, 120
BOX = 'id="kb-serve-failure"'  # the box of a failed rebuild, over every page


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def fetch_missing(url: str) -> tuple[int, str]:
    """The status and page of an address with nothing at it."""
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(url, timeout=30)
    return raised.value.code, raised.value.read().decode("utf-8")


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
    told: list[str] = []

    def read_stderr() -> None:
        for line in server.stderr:  # type: ignore[union-attr]
            said.put(line)
            told.append(line)
        said.put(None)  # the server has stopped

    threading.Thread(target=read_stderr, daemon=True).start()
    base = f"http://127.0.0.1:{port}/"
    page = base + "measures/first-measure/"
    try:
        line: str | None = ""
        while not line.startswith("The site preview is at"):  # printed once the port is open
            line = said.get(timeout=STARTED_WITHIN)
            assert line is not None, "the server stopped before serving"
        assert line.strip() == say("serve_ready", "en", address=base, others=f"{base}en/")
        assert "First measure" in fetch(base + "en/measures/first-measure/")  # no waiting: it listens
        bg = fetch(page)
        assert "Първа мярка" in bg and "livereload" in bg and BOX not in bg  # MkDocs' reload script is injected

        # A missing page: the site's own 404 page, of the language of the address.
        site = built_copy.site
        for missing, own in ((base + "no-such-page/", site / "404.html"), (base + "en/no-such-page/", site / "en" / "404.html")):
            status, shown = fetch_missing(missing)
            assert status == 404
            assert own.read_text(encoding="utf-8").split("</body>")[0] in shown
        assert 'lang="en"' in fetch_missing(base + "en/nothing")[1] and 'lang="bg"' in fetch_missing(base + "nothing")[1]

        # A mistake: the page in the browser shows it (the last good page below), as the terminal does.
        measure = built_copy.content / "measures" / "first-measure.yaml"
        good = measure.read_text(encoding="utf-8").replace("Първа мярка", "Обновена мярка")
        measure.write_text(good.replace("number: 1\n", "number: one\n"), encoding="utf-8")
        until(lambda: BOX in fetch(page), "the mistake never showed in the page")
        shown = fetch(page)
        assert say("serve_failed", "en") in shown and "content/measures/first-measure.yaml:1:" in shown
        assert "Първа мярка" in shown  # the last good page, under the box
        assert BOX in fetch_missing(base + "no-such-page/")[1]
        assert say("serve_failed", "en") + "\n" in told
        assert any(line.strip().startswith("content/measures/first-measure.yaml:1:") for line in told)

        measure.write_text(good, encoding="utf-8")
        until(lambda: "Обновена мярка" in fetch(page), "the saved record never showed")
        assert BOX not in fetch(page)
        until(lambda: say("serve_rebuilt", "en") + "\n" in told, "the rebuild was not told")
        server.terminate()  # SIGTERM: stops as Ctrl-C does
        assert server.wait(timeout=REBUILT_WITHIN) == 0
    finally:
        server.terminate()
        server.wait(timeout=10)



@pytest.mark.parametrize(
    ("environment", "words"),
    [
        ({"LANG": "C.UTF-8"}, "is taken by another program, so the site preview was not started"),
        ({"LANG": "C.UTF-8", "WEGO_LANG": "bg"}, "е зает от друга програма, затова прегледът на сайта не е пуснат"),
        ({"LANG": "bg_BG.UTF-8"}, "е зает от друга програма, затова прегледът на сайта не е пуснат"),
    ],
)
def test_a_busy_port_is_told_in_the_readers_language_before_the_build(
    project: Project, busy: int, environment: dict[str, str], words: str, capsys, monkeypatch
):
    for variable in ("WEGO_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "MAKELEVEL"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    code = main(["--root", str(project.root), "serve", "--port", str(busy)])
    err = capsys.readouterr().err
    assert code == 1
    assert not project.site.exists()  # told at once: nothing was built
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"{'Port' if 'taken' in words else 'Порт'} {busy} {words}")
    assert "например така: ./kb serve --port " in err or "for example: ./kb serve --port " in err


def test_under_make_the_busy_port_names_port(project: Project, busy: int, capsys, monkeypatch):
    monkeypatch.setenv("MAKELEVEL", "1")
    assert main(["--root", str(project.root), "--lang", "bg", "serve", "--port", str(busy)]) == 1
    err = capsys.readouterr().err
    assert "например така: make serve PORT=" in err


@pytest.mark.parametrize(("host", "reason"), [("no-such-host.invalid", "няма адрес с такова име"), ("192.0.2.1", "това не е адрес на този компютър")])
def test_a_host_that_is_not_this_computers_is_told_as_such_not_as_a_busy_port(project: Project, host: str, reason: str, capsys):
    code = main(["--root", str(project.root), "--lang", "bg", "serve", "--host", host, "--port", "8765"])
    err = capsys.readouterr().err
    assert code == 1 and not project.site.exists()
    assert err == f"Прегледът на сайта не може да се пусне на адрес „{host}“: {reason}. Пропуснете --host (тогава е 127.0.0.1, само за този компютър) или дайте адрес на този компютър.\n"


def test_the_port_suggested_is_a_port(monkeypatch):
    from generator.serve import Port, PortBusy, busy_message

    monkeypatch.delenv("MAKELEVEL", raising=False)
    monkeypatch.setattr("generator.serve.port_free", lambda number, host="127.0.0.1": False)
    said = busy_message(PortBusy(Port(65535, "port_server_preview", "serve")), "en")
    assert said.endswith("./kb serve --port 8000")
