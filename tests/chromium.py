"""Real headless Chromium (Debian's, driven by Playwright) against a site served on localhost."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# Debian's Chromium without its desktop shell (package chromium-headless-shell: the same
# build, what Playwright itself runs for headless tests) takes about half the processor time
# of the full browser, which keeps `make test` within three minutes on two cores. KB_CHROMIUM
# picks another: `make slow` runs the browser tests again in the full /usr/bin/chromium.
HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell"
CHROMIUM = os.environ.get("KB_CHROMIUM") or (HEADLESS_SHELL if os.path.exists(HEADLESS_SHELL) else shutil.which("chromium") or "/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# One page of every kind (each template, and each kind of hand-written page), as paths under
# a language's root.
ONE_PAGE_OF_EACH_KIND = [
    "",
    "measures/",
    "measures/kindergarten-place/",
    "regions/",
    "regions/ruse/",
    "regions/ruse/protocol/",
    "practices/",
    "practices/babysitting-agency/",
    "partners/center-dynamika/",
    "meetings/online-meetings/",
    "pilot/wego3-pilot/",
    "topics/legal-context/",
    "help/helplines/",
    "matrix/",
    "translation-status/",
    "search/",
    "safety/",  # a hand-written page (privacy/ and accessibility/ are of the same kind)
    "open-data/",  # a hand-written page with tables
    "404.html",
]

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    gzip = False  # compress text as production hosts (GitHub Pages) do

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def send_error(self, code, message=None, explain=None):  # type: ignore[no-untyped-def]
        """Like GitHub Pages: the site's own 404.html for every missing address."""
        page = os.path.join(self.directory, "404.html")
        if code != 404 or not os.path.isfile(page):
            return super().send_error(code, message, explain)
        with open(page, "rb") as handle:
            body = handle.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not (
            self.gzip
            and "gzip" in self.headers.get("Accept-Encoding", "")
            and path.endswith(COMPRESSIBLE)
            and os.path.isfile(path)
        ):
            return super().send_head()
        if os.path.isdir(self.translate_path(self.path)) and not self.path.split("?")[0].endswith("/"):
            return super().send_head()  # let the base class redirect to the trailing slash
        with open(path, "rb") as handle:
            body = gzip.compress(handle.read())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_folder(folder: Path, prefix: str = "/", port: int = 0, compress: bool = False) -> Iterator[str]:
    """Serve `folder` at http://127.0.0.1:<port><prefix> until the block ends."""

    class Handler(_QuietHandler):
        gzip = compress

        def translate_path(self, path: str) -> str:
            if not path.startswith(prefix):
                return str(folder / "__outside_prefix__")
            return super().translate_path("/" + path[len(prefix) :])

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def type_query(page: Any, query: str, key_by_key: bool = True) -> list[str]:
    """Type into the header's search box as a person would; return the result paths in order
    (once the search has answered this very query: it marks its results with it). Without
    `key_by_key` the query arrives whole, as when pasted (one input event, one search)."""
    box = page.locator("#kb-search-input")
    box.fill("")
    if key_by_key:
        box.press_sequentially(query)  # an input event, and a search, for each key
    else:
        box.fill(query)
    page.wait_for_function(
        "q => document.getElementById('kb-search-results').dataset.query === q", arg=query.strip(), timeout=10_000
    )
    hrefs = page.locator("#kb-search-results .kb-search__link").evaluate_all("els => els.map(e => e.href)")
    return [urlsplit(h).path for h in hrefs]
