"""Preview server: both languages, rebuilt and reloaded in the browser when a file is saved.

It reuses MkDocs' own live-reload server (which injects the reload script into pages)
but serves the assembled multi-language site/, built by the same pipeline as `build`.
Invalid content is reported in the terminal and in the browser: while a rebuild has
failed, every page served carries a box with the messages above the last good page. A
missing page is the site's own 404 page (the language's, under its root), with status 404.

Also the ports of the local servers (`serve` and `editor`): each is checked before
anything starts, and a busy one is told in one sentence with a free one to use instead.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import logging
import os
import re
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from jinja2 import Environment
from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEventHandler,
)
from watchdog.observers.api import BaseObserver, ObservedWatch

from .build import BuildError, PreviewCache, build, preview_build, show_saved
from .problems import ContentError, format_text, printable, say
from .project import Project
from .writer import WriteError

log = logging.getLogger(__name__)

# --- ports ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Port:
    """A port a local server is to listen on, and how the reader picks another one."""

    number: int  # 0: any free port (tests)
    server: str  # the catalogue's name of the server (port_server_*)
    command: str  # serve, editor: as typed after `make` or `./kb`
    variable: str = "PORT"  # the Makefile's variable
    option: str = "--port"  # the command line's option


class PortBusy(Exception):
    def __init__(self, port: Port, host: str = "127.0.0.1") -> None:
        super().__init__(port.number)
        self.port = port
        self.host = host


class HostUnusable(Exception):
    """--host names no address of this computer (a typo, a name that does not resolve)."""

    def __init__(self, host: str, reason: dict[str, str]) -> None:
        super().__init__(host)
        self.host = host
        self.reason = reason


def port_free(number: int, host: str = "127.0.0.1") -> bool:
    """Whether a server could listen on the port now: bound as the servers bind (a port
    left waiting by a server that just stopped counts as free). HostUnusable when the host
    is no address to listen on: that is not a busy port."""
    if number == 0:
        return True
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, number))
        except OSError as error:
            if is_busy(error) or error.errno == errno.EACCES:  # taken, or kept for the system
                return False
            raise HostUnusable(host, host_reason(error)) from error
    return True


def host_reason(error: OSError) -> dict[str, str]:
    """Why the host cannot be listened on, in each language (the system's words are English)."""
    if isinstance(error, socket.gaierror):
        return {"bg": "няма адрес с такова име", "en": "no address has that name"}
    if error.errno == errno.EADDRNOTAVAIL:
        return {"bg": "това не е адрес на този компютър", "en": "it is not an address of this computer"}
    return {"bg": f"системата отказва (грешка № {error.errno})", "en": f"the system refuses it ({error.strerror or error.errno})"}


def check_ports(ports: Iterable[Port], host: str = "127.0.0.1") -> None:
    for port in ports:
        if not port_free(port.number, host):
            raise PortBusy(port, host)


def host_message(unusable: HostUnusable, lang: str) -> str:
    return say("serve_bad_host", lang, host=printable(unusable.host), reason=unusable.reason[lang])


def busy_message(busy: PortBusy, lang: str, taken: Iterable[int] = ()) -> str:
    """One sentence: the port, the server that did not start, and the command with a free
    port (`make …` when make started it, else `./kb …`)."""
    from .cli import PROG

    port = busy.port
    avoid = {port.number, *taken}
    free = next(
        (n for n in range(port.number + 1, min(port.number + 200, 65536)) if n not in avoid and port_free(n, busy.host)), 0
    )
    suggested = free or (port.number + 1 if port.number < 65535 else 8000)  # a port, always (≤ 65535)
    if os.environ.get("MAKELEVEL"):
        how = f"make {port.command} {port.variable}={suggested}"
    else:
        how = f"{PROG} {port.command} {port.option} {suggested}"
    return say("port_busy", lang, port=port.number, server=say(port.server, lang), how=how)


def is_busy(error: OSError) -> bool:
    return error.errno == errno.EADDRINUSE


@contextlib.contextmanager
def stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM ends the command as Ctrl-C does (KeyboardInterrupt in the main thread), so
    every `finally` runs and the servers and their children are stopped."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# --- the preview ---------------------------------------------------------------------------

# The box over a page while the content has mistakes; a page of its own when there is no
# page to put it on.
_TEMPLATES = Environment(autoescape=True)
FAILURE_BOX = _TEMPLATES.from_string(
    '<div id="kb-serve-failure" role="alert" lang="{{ lang }}" style="position:sticky;top:0;z-index:10000;'
    "margin:0;padding:1em 1.5em;background:#fff0f0;color:#000;border-bottom:4px solid #b00020;"
    'font:16px/1.5 sans-serif;white-space:pre-wrap">'
    '<p style="margin:0 0 .5em;font-weight:bold">{{ heading }}</p>'
    '<ul style="margin:0 0 .5em;padding-left:1.5em">{% for line in lines %}<li>{{ line }}</li>{% endfor %}</ul>'
    '<p style="margin:0">{{ note }}</p></div>'
)
FAILURE_PAGE = _TEMPLATES.from_string(
    '<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ heading }}</title></head><body></body></html>'
)
BODY = re.compile(rb"<body[^>]*>")


def language_roots(project: Project) -> list[str]:
    """The languages' folders in the site ("en/", and "" for the default), longest first."""
    return sorted((language.root for language in project.languages), key=len, reverse=True)


def not_found_page(site: Path, address: str, roots: list[str]) -> Path | None:
    """The site's own 404 page for a missing address: its language's (/en/… gets
    en/404.html), else the default language's; None when the site has none."""
    path = address.lstrip("/")
    root = next((root for root in roots if path.startswith(root)), "")
    for page in (site / root / "404.html", site / "404.html"):
        if page.is_file():
            return page
    return None


# What a save does to a file (editors write in place, or write a copy and rename it over the
# file). Not opened or closed-unchanged: the rebuild reads the watched files itself.
CHANGES = [FileModifiedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent, DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


def file_watcher(polling: BaseObserver, content: Path) -> BaseObserver:
    """The system's own notice of changed files (inotify on Linux) where it has one: MkDocs
    looks at every watched file twice a second, which at 5,000 records takes a core's time
    and keeps a save waiting up to half a second before the rebuild starts."""
    try:
        from watchdog.observers import Observer
    except ImportError:
        return polling

    class ChangesOnly(Observer):  # type: ignore[valid-type,misc]
        def schedule(self, handler: FileSystemEventHandler, path: str | Path, *, recursive: bool = False, **options: Any) -> ObservedWatch:
            return super().schedule(handler, path, recursive=recursive, event_filter=CHANGES)

    try:  # a watch on the content, as the server will make: inotify's limits are met here, if at all
        probe = ChangesOnly()
        probe.schedule(FileSystemEventHandler(), str(content), recursive=True)
        probe.start()
        probe.stop()
        probe.join()
    except OSError:  # no inotify here, or its limits reached
        return polling
    return ChangesOnly()  # type: ignore[no-any-return]


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server with the site's 404 pages and the box of a failed rebuild.

    (It overrides `_inject_js_into_html`, MkDocs' hook for what every HTML page gets, and
    binds its port before `serve`, so that a busy port is told before anything is announced.)"""

    allow_reuse_port = False  # a second server on the same port must fail, not share it

    def __init__(self, project: Project, lang: str, builder: Callable[[], None], host: str, port: int) -> None:
        super().__init__(builder=builder, host=host, port=port, root=str(project.site))
        self.observer = file_watcher(self.observer, project.content)  # type: ignore[assignment] # MkDocs names its own kind
        self.lang = lang
        self.failure: list[str] = []  # the messages of the last rebuild, [] when it succeeded
        self.rest_wanted = False  # the saved records' pages are shown: the rest of the preview is next
        self.listening = False
        self.request_path = threading.local()
        self.roots = language_roots(project)
        self.error_handler = self.error_page

    def rebuild_soon(self) -> None:
        """Build again once this build is shown (MkDocs' loop then waits for saves to stop)."""
        self.rest_wanted = True
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def listen(self) -> None:
        self.server_bind()
        self.server_activate()
        self.listening = True

    def server_bind(self) -> None:
        if not self.listening:
            super().server_bind()

    def server_activate(self) -> None:
        if not self.listening:
            super().server_activate()

    def serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        self.request_path.value = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "ignore")
        return super().serve_request(environ, start_response)

    def error_page(self, code: int) -> bytes | None:
        """The site's 404 page of the language the address is in (with the reload script,
        so it turns into the page once a save creates it); None: MkDocs' own words."""
        if code != 404:
            return None
        page = not_found_page(Path(self.root), getattr(self.request_path, "value", "/"), self.roots)
        if page is not None:
            content = page.read_bytes()
        elif self.failure:
            content = FAILURE_PAGE.render(lang=self.lang, heading=say("serve_failed", self.lang)).encode("utf-8")
        else:
            return None
        return self._inject_js_into_html(content, self._visible_epoch)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        failure = self.failure
        if not failure:
            return content
        box = FAILURE_BOX.render(
            lang=self.lang,
            heading=say("serve_failed", self.lang),
            lines=failure,
            note=say("serve_failed_note", self.lang),
        ).encode("utf-8")
        found = BODY.search(content)
        at = found.end() if found else 0
        return content[:at] + box + content[at:]


def rebuild(project: Project, lang: str, cache: PreviewCache | None = None, rest: Callable[[], None] | None = None) -> list[str]:
    """A full build the first time; afterwards a preview build of what changed. Given `rest`
    (the server's: run me again), a save of records alone shows their own pages first and
    asks for the preview of the rest. The messages of what went wrong, printed here too
    ([] when the site was made)."""
    try:
        if cache is None or not cache.pages or not project.site.is_dir():
            build(project, cache=cache)
        elif rest is not None and show_saved(project, cache):
            rest()  # the lists and every page that shows the records, and the checks across files
            return []
        else:
            preview_build(project, cache)
    except ContentError as error:
        failure = [format_text(problem, lang) for problem in error.problems]
    except (BuildError, WriteError) as error:
        failure = str(error).splitlines() or [type(error).__name__]
    else:
        # What is alive now (records, rendered pages: hundreds of megabytes at 5,000 records)
        # lives on until the next save; the collector's full passes over it made a save
        # twice as slow. Frozen, it is left alone; what the next save replaces is freed as
        # usual (the model holds no cycles), and the young garbage is collected first.
        gc.collect(1)
        gc.freeze()
        return []
    print(say("serve_failed", lang), file=sys.stderr)
    for line in failure:
        print(f"  {line}", file=sys.stderr)
    return failure


def quiet_logs() -> None:
    """MkDocs' own lines (English, and about its internals) stay out of the terminal."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    logging.getLogger("mkdocs.livereload").setLevel(logging.ERROR)  # a line per 404
    quiet = logging.Filter()
    quiet.filter = lambda record: "'dirty' build" not in record.getMessage()  # type: ignore[method-assign]
    for handler in logging.getLogger().handlers:
        handler.addFilter(quiet)


def ready_message(project: Project, url: str, lang: str) -> str:
    others = [url + language.root for language in project.languages if language.root]
    if not others:
        return say("serve_ready_one", lang, address=url)
    return say("serve_ready", lang, address=url, others=", ".join(others))


def serve(project: Project, host: str, port: int, lang: str) -> int:
    import material  # noqa: F401 - imported once here, so forked rebuilds start warm
    import mkdocs.commands.build  # noqa: F401

    wanted = Port(port, "port_server_preview", "serve")
    try:
        with stopped_by_sigterm():
            check_ports([wanted], host)  # before the build: a busy port is told at once
            return preview(project, host, wanted, lang)
    except PortBusy as busy:
        print(busy_message(busy, lang), file=sys.stderr)
        return 1
    except HostUnusable as unusable:
        print(host_message(unusable, lang), file=sys.stderr)
        return 1


def preview(project: Project, host: str, port: Port, lang: str) -> int:
    cache = PreviewCache()
    quiet_logs()
    failure = rebuild(project, lang, cache)
    # One preview right away: the first one after a full build is slow (fresh processes
    # touching a fresh cache); doing it now keeps every later save fast.
    if not failure:
        failure = rebuild(project, lang, cache)

    def builder() -> None:
        first_look = not server.failure and not server.rest_wanted  # a save after a good preview
        server.rest_wanted = False
        server.failure = rebuild(project, lang, cache, server.rebuild_soon if first_look else None)
        if not server.failure and not server.rest_wanted:
            print(say("serve_rebuilt", lang), file=sys.stderr)

    server = PreviewServer(project, lang, builder, host, port.number)
    server.failure = failure
    try:
        server.listen()
    except OSError as error:
        server.server_close()
        if is_busy(error):
            raise PortBusy(port, host) from error
        raise
    if port.number == 0:
        server.url = f"http://{host}:{server.server_address[1]}/"
    for watched in (
        project.content,
        project.docs,
        project.root / "overrides",
        project.mkdocs_yml,
        project.root / "languages.yml",
        project.root / "generator" / "templates",
    ):
        if watched.exists():
            server.watch(str(watched))
    print(ready_message(project, server.url, lang), file=sys.stderr)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        cache.close()
    return 0
