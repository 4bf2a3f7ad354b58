"""`python -m generator editor` (`make editor`): the web editor on this machine, no GitHub.

Decap's local backend, decap-server, runs in git mode on a scratch clone of the
repository (build/editor-repo/): it checks branches out as it works, so it never touches
the developer's working tree. Each save is a commit on a branch `cms/<collection>/<slug>`
— the branch a pull request would come from on GitHub. The built site is served with its
/admin/ configured for that backend, and every saved branch is checked with the
validator, whose messages (in Bulgarian) are printed here.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from . import editor
from .build import load_site
from .problems import Position, Problem, printable, say
from .project import Project
from .serve import (
    Port,
    PortBusy,
    busy_message,
    check_ports,
    is_busy,
    language_roots,
    not_found_page,
    port_free,
    stopped_by_sigterm,
)
from .slugs import slugify

log = logging.getLogger(__name__)

DECAP_SERVER = "editor/node_modules/decap-server/dist/index.js"
SCRATCH = "editor-repo"  # under build/


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def scratch_clone(project: Project) -> Path:
    """build/editor-repo/: a clone of the repository's committed state (made once; later runs
    keep its branches, so drafts survive a restart)."""
    target = project.build / SCRATCH
    if not (target / ".git").is_dir():
        shutil.rmtree(target, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(project.root), str(target)], check=True)
        git(target, "config", "user.name", "Редактор (местен)")
        git(target, "config", "user.email", "editor@localhost")
    return target


def local_config(project: Project, branch: str, proxy_port: int) -> dict[str, Any]:
    """The form's configuration for decap-server: commits in Bulgarian as on GitHub; no preview
    link (no pull request sets one here), the preview pane instead (POST /preview). Written
    with editor.to_yaml, so that a branch named 1e3 stays a string for the editor."""
    config = editor.cms_config(project, load_site(project))
    said = {"commit_messages": config["backend"]["commit_messages"]}
    config["backend"] = {"name": "proxy", "proxy_url": f"http://127.0.0.1:{proxy_port}/api/v1", "branch": branch} | said
    return config | {"show_preview_links": False, "editor": {"preview": True}}


class HelperFailed(Exception):
    """decap-server stopped before it answered, or never answered: a message code of the
    catalogue and its parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def answers(port: int, repo: Path) -> bool:
    """Whether decap-server answers on the port for this clone (its "info" action), not
    merely whether something accepts connections there."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1",
        data=json.dumps({"action": "info"}).encode("utf-8"),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            said = json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(said, dict) and said.get("type") == "local_git" and said.get("repo") == repo.name


def wait_until_serving(
    port: Port, repo: Path, process: subprocess.Popen[bytes], output: tuple[threading.Thread, list[str]], deadline: float = 60
) -> None:
    """Until decap-server answers (polled, a pause between tries); if it stops first: the
    port taken meanwhile is told as a busy port, anything else with its own words."""
    reader, said = output
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        if process.poll() is not None:
            reader.join(timeout=5)  # all it said (its output ends as it stops)
            if any("EADDRINUSE" in line for line in said) or not port_free(port.number):
                raise PortBusy(port)
            detail = " ".join(" ".join(said[-5:]).split()) or "-"
            raise HelperFailed("editor_helper_stopped", status=process.returncode, detail=detail)
        if answers(port.number, repo):
            return
        time.sleep(0.1)
    raise HelperFailed("editor_helper_silent", port=port.number, seconds=round(deadline))


def stop_group(process: subprocess.Popen[bytes], within: float = 10) -> None:
    """End the process and everything it started (its own process group): SIGTERM, then
    SIGKILL for what is left after `within` seconds."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=within)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    with contextlib.suppress(ProcessLookupError):  # children that outlived it
        os.killpg(process.pid, signal.SIGKILL)


def relay(stream: IO[bytes], said: list[str], started: threading.Event) -> None:
    """decap-server's own output: kept until it answers (a failure to start is told in one
    sentence), printed as it comes after that."""
    for raw in stream:
        line = raw.decode("utf-8", "replace").rstrip()
        if started.is_set():
            print(line, file=sys.stderr)
        else:
            said.append(line)


@contextlib.contextmanager
def decap_server(project: Project, repo: Path, port: Port | int) -> Iterator[subprocess.Popen[bytes]]:
    """decap-server on the port, in a process group of its own that is ended with it."""
    if isinstance(port, int):
        port = Port(port, "port_server_helper", "editor", "PROXY_PORT", "--proxy-port")
    root = project.root if (project.root / DECAP_SERVER).exists() else Path(__file__).resolve().parent.parent
    env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo), "PORT": str(port.number), "BIND_HOST": "127.0.0.1"}
    env["LOG_LEVEL"] = "warn"
    process = subprocess.Popen(
        ["node", str(root / DECAP_SERVER)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    said: list[str] = []
    started = threading.Event()
    reader = threading.Thread(target=relay, args=(process.stderr, said, started), daemon=True)
    reader.start()
    try:
        wait_until_serving(port, repo, process, (reader, said))
        started.set()
        yield process
    finally:
        stop_group(process)
        reader.join(timeout=5)


# The form's preview pane asks here (editor/src/setup.js); a record's data is a few KB.
PREVIEW_PATH = "/preview"
PREVIEW_LIMIT = 2 * 1024 * 1024


@dataclass(frozen=True)
class PreviewService:
    """What POST /preview answers with: the record's page made by the site's rules
    (generator/preview.py), or the validator's messages, and the site's stylesheets."""

    project: Project
    config: dict[str, Any]  # the form's configuration: where a new record of a collection goes
    styles: list[str]

    def answer(self, question: Any) -> dict[str, Any]:
        from .preview import preview

        if not isinstance(question, dict) or not isinstance(question.get("data"), dict):
            return {"html": "", "problems": [say("editor_preview_bad_request", "bg")], "styles": self.styles}
        relative = str(question.get("path") or "") or new_entry_path(self.config, str(question.get("collection", "")), question["data"])
        shown = preview(self.project, relative, question["data"], "bg")
        return {"html": shown.html, "problems": shown.messages, "styles": self.styles}


def new_entry_path(config: dict[str, Any], collection_name: str, data: dict[str, Any]) -> str:
    """Where the form will save a new record of the collection: its folder, the collection's
    path with the slug the form makes on saving (setup.js: from the slug field, else the
    transliterated title), .yaml. "" when the collection is not a folder's."""
    collection = next((c for c in config["collections"] if c["name"] == collection_name), None)
    if collection is None or "folder" not in collection:
        return ""
    title: Any = data
    for key in str(collection.get("identifier_field", "title.bg")).split("."):
        title = title.get(key) if isinstance(title, dict) else None
    slug = slugify(str(data.get(editor.SLUG_FIELD) or title or "")) or "nov-zapis"
    inside = str(collection.get("path", "{{slug}}")).replace("{{slug}}", slug)
    return f"{collection['folder']}/{inside}.{collection.get('extension', 'yaml')}"


def site_styles(site: Path) -> list[str]:
    """The built site's stylesheets (its home page's), as addresses from the site's root."""
    home = site / "index.html"
    text = home.read_text(encoding="utf-8") if home.is_file() else ""
    return ["/" + href.lstrip("./") for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)]


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """The built site, with /admin/'s page and configuration for the local backend, and the
    form's preview."""

    overrides: dict[str, tuple[bytes, str]] = {}
    previews: PreviewService | None = None
    roots: list[str] = []  # the languages' folders in the site (serve.language_roots)

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        # JSON only: another site's page cannot send it without asking first (CORS), and is not answered
        if self.path != PREVIEW_PATH or self.previews is None or self.headers.get("Content-Type") != "application/json":
            self.send_error(404)
            return
        said = self.headers.get("Content-Length") or ""
        length = int(said) if said.isdigit() else -1
        if not 0 < length <= PREVIEW_LIMIT:
            self.send_error(413 if length > PREVIEW_LIMIT else 400)
            return
        try:
            question = json.loads(self.rfile.read(length).decode("utf-8"))
        except (UnicodeError, ValueError):
            question = None
        self.send_body(json.dumps(self.previews.answer(question), ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page is the site's own 404 page (its language's: /en/… gets en/404.html),
        as on the published site; anything else as the standard library says it."""
        page = self.not_found_page() if code == 404 and self.command == "GET" else None
        if page is None:
            super().send_error(code, message, explain)
            return
        self.send_body(page, "text/html; charset=utf-8", status=404)

    def not_found_page(self) -> bytes | None:
        page = not_found_page(Path(self.directory), self.path.split("?", 1)[0], self.roots)
        return page.read_bytes() if page is not None else None

    def send_body(self, body: bytes, kind: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        log.debug(format, *args)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path = self.path.split("?", 1)[0]
        if path in self.overrides:
            self.send_body(*self.overrides[path])
            return
        super().do_GET()


class SiteServer(http.server.ThreadingHTTPServer):
    allow_reuse_port = False  # a second server on the same port must fail, not share it


@contextlib.contextmanager
def serve_site(project: Project, port: Port | int, proxy_port: int, branch: str) -> Iterator[str]:
    if isinstance(port, int):
        port = Port(port, "port_server_site", "editor")
    settings = editor.read_settings(project)
    connect = editor.connect_sources(settings, (f"http://127.0.0.1:{proxy_port}",))
    config = local_config(project, branch, proxy_port)
    previews = PreviewService(project, config, site_styles(project.site))
    overrides = {
        "/admin/config.yml": (editor.to_yaml(config).encode("utf-8"), "text/yaml; charset=utf-8"),
        "/admin/": (editor.admin_page(connect).encode("utf-8"), "text/html; charset=utf-8"),
        "/admin/index.html": (editor.admin_page(connect).encode("utf-8"), "text/html; charset=utf-8"),
    }
    handler_class = type("Handler", (SiteHandler,), {"overrides": overrides, "previews": previews, "roots": language_roots(project)})
    handler = functools.partial(handler_class, directory=str(project.site))
    try:
        server = SiteServer(("127.0.0.1", port.number), handler)  # listening once made
    except OSError as error:
        if is_busy(error):
            raise PortBusy(port) from error
        raise
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def ports(port: int, proxy_port: int) -> tuple[Port, Port]:
    """The site's port and decap-server's, and how each is chosen (`make editor PORT=…`)."""
    return (
        Port(port, "port_server_site", "editor"),
        Port(proxy_port, "port_server_helper", "editor", "PROXY_PORT", "--proxy-port"),
    )


@contextlib.contextmanager
def local_editor(project: Project, port: int = 8000, proxy_port: int = 8081) -> Iterator[tuple[str, Path]]:
    """The site and its editor on this machine: (address of the site, the scratch clone).
    Both ports are checked first (PortBusy); decap-server is stopped with its children."""
    site_port, helper_port = ports(port, proxy_port)
    check_ports([site_port, helper_port])
    repo = scratch_clone(project)
    branch = git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip()
    with decap_server(project, repo, helper_port), serve_site(project, site_port, proxy_port, branch) as base:
        yield base, repo


def saved_branches(repo: Path) -> dict[str, str]:
    """cms/… branch → its last commit."""
    refs = git(repo, "for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads/cms")
    return dict(line.split(" ", 1) for line in refs.splitlines() if line)


def check_branch(repo: Path, branch: str, lang: str) -> list[str]:
    """The validator's messages for the content of a saved branch ([] when it is valid).
    Whatever a branch holds, the answer is messages: a link or anything else that is not a
    file is reported at its path, and a branch that cannot be checked at all (git or the
    validator failing on it) is reported as such, so one branch never ends the session."""
    from .problems import format_text, say

    try:
        return [format_text(problem, lang) for problem in branch_problems(repo, branch)]
    except Exception as error:  # anything one branch holds is told, and the session goes on
        log.debug("checking %s failed", branch, exc_info=True)
        return [say("editor_check_failed", lang, detail=failure_detail(error))]


def failure_detail(error: Exception) -> str:
    """One line saying why a check failed (git's own words when git failed)."""
    if isinstance(error, subprocess.CalledProcessError):
        said = error.stderr.decode("utf-8", "replace") if isinstance(error.stderr, bytes) else str(error.stderr or "")
        return " ".join(said.split()) or f"git {error.returncode}"
    return " ".join(f"{type(error).__name__}: {error}".split())


def branch_problems(repo: Path, branch: str) -> list[Problem]:
    """The validator's problems for content/ as the branch holds it, and one for each path
    there that is not a plain file or folder (a symbolic link, say): it is not extracted."""
    from .validate import validate_content

    command = ["git", "archive", "--format=tar", branch, "--", "content"]
    archive = subprocess.run(command, cwd=repo, check=True, capture_output=True).stdout
    not_files: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="wego3-draft-") as folder, tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar:
            code = None
            if member.issym() or member.islnk():
                code = "editor_link"
            elif not (member.isfile() or member.isdir()):
                code = "editor_not_a_file"
            else:
                try:
                    tar.extract(member, folder, filter="data")
                except tarfile.FilterError:  # a name or mode the safe extraction refuses
                    code = "editor_not_a_file"
            if code is not None:
                not_files.append(Problem(printable(member.name), Position(1, 1), code, {}))
        _, problems = validate_content(Path(folder) / "content", Path(folder))
    return sorted(not_files + problems, key=Problem.sort_key)


def watch(repo: Path, lang: str, stop: threading.Event) -> None:
    """Print the validator's verdict on every branch the editor saves (until `stop`)."""
    from .problems import say

    seen: dict[str, str] = saved_branches(repo)
    while not stop.wait(1.0):
        current = saved_branches(repo)
        for branch, commit in current.items():
            if seen.get(branch) == commit:
                continue
            messages = check_branch(repo, branch, lang)
            print(say("editor_checked", lang, branch=branch), file=sys.stderr)
            for message in messages or [say("cli_valid", lang)]:
                print(f"  {message}", file=sys.stderr)
        seen = current


def run(project: Project, port: int, proxy_port: int, lang: str, before: Callable[[], int] | None = None) -> int:
    """The editor until Ctrl-C or SIGTERM (exit 0, decap-server and its children stopped);
    1, said in one sentence, when a port is busy or decap-server does not start. `before`
    (the build) runs once the ports are known to be free; its exit code, if not 0, ends it."""
    from .problems import say

    try:
        with stopped_by_sigterm():
            check_ports(ports(port, proxy_port))
            code = before() if before is not None else 0
            if code != 0:
                return code
            with local_editor(project, port, proxy_port) as (base, repo):
                print(say("editor_ready", lang, admin=base + "admin/", site=base, repo=repo), file=sys.stderr)
                watch(repo, lang, threading.Event())
    except KeyboardInterrupt:
        pass
    except PortBusy as busy:
        print(busy_message(busy, lang, taken=(port, proxy_port)), file=sys.stderr)
        return 1
    except HelperFailed as failed:
        print(say(failed.code, lang, **failed.params), file=sys.stderr)
        return 1
    return 0
