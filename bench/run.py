"""`make bench` (`python -m bench.run [--quick]`): build synthetic corpora and print figures.

For each N it builds the project's site and measures: generator stage seconds, full build
seconds, pages per second, peak memory (RSS of the whole process tree), size of site/,
median and largest HTML page, the search index's size (raw and gzip), the bytes a browser
downloads before its first search result, the time from a first query on a fresh page to
its results (index download and set-up included) and from the last keystroke to results
(real Chromium), a second build with nothing changed, and (the median of three saves) how soon `serve`
shows a saved record. At N ≤ 1,000 it also builds the same pages as plain Markdown with
MkDocs + Material + mkdocs-static-i18n (default settings) and prints each figure as a
ratio to that baseline. Results go to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .corpus import make_corpus

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "RESULTS.md"
sys.path.insert(0, str(REPO / "tests"))


# --- measuring helpers -----------------------------------------------------------------


class PeakRss:
    """Samples the summed RSS of a process and all its descendants (Linux /proc)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as handle:
                        parent = int(handle.read().rsplit(")", 1)[1].split()[1])
                    children.setdefault(parent, []).append(int(entry))
                except (OSError, ValueError, IndexError):
                    pass
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo += children.get(pid, [])
        return tree

    def _rss(self, pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(self._rss(pid) for pid in self._tree()))
            time.sleep(0.05)


def partner_environment() -> dict[str, str]:
    """The environment commands are timed in: Python keeps its compiled modules (bytecode), as
    on a partner's computer. A machine that sets PYTHONDONTWRITEBYTECODE (this one does)
    would otherwise compile every module of every package again at each start — about a
    second before anything is done, for us and for MkDocs alike."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return environment | {"NO_MKDOCS_2_WARNING": "1"}


def run_measured(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """Run a command; return seconds, peak RSS of its process tree, and its output."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=partner_environment(),
    )
    with PeakRss(process.pid) as rss:
        output, _ = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output[-3000:]}")
    return seconds, rss.peak, output


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def html_sizes(folder: Path) -> list[int]:
    return sorted(p.stat().st_size for p in folder.rglob("*.html"))


def make_project(root: Path, n: int) -> Path:
    from conftest import make_project as copy_project

    project = copy_project(root, REPO / "tests" / "fixtures" / "content")
    shutil.rmtree(project.content)
    make_corpus(project.content, n)
    return root


# --- our build -------------------------------------------------------------------------


@dataclass
class Figures:
    n: int
    values: dict[str, float] = field(default_factory=dict)


def site_figures(site: Path, seconds: float, peak: int) -> dict[str, float]:
    """The figures of a built site, the same for ours and the baseline's."""
    sizes = html_sizes(site)
    return {
        "build_s": seconds,
        "peak_rss_mb": peak / 2**20,
        "pages": len(sizes),
        "pages_per_s": len(sizes) / seconds,
        "site_mb": folder_bytes(site) / 2**20,
        "median_html_kb": statistics.median(sizes) / 1024,
        "largest_html_kb": sizes[-1] / 1024,
    }


def generator_stage_seconds(root: Path) -> float:
    code = (
        "import time,sys; from pathlib import Path; from generator.build import Project, load_site, render;"
        "p=Project(Path(sys.argv[1])); t=time.perf_counter(); render(p, load_site(p)); print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(root)], cwd=REPO, capture_output=True, text=True, check=True, env=partner_environment())
    return float(out.stdout.strip().splitlines()[-1])


def measure_ours(root: Path, n: int, browser: object | None, serve_check: bool) -> Figures:
    figures = Figures(n)
    build_cmd = [sys.executable, "-m", "generator", "--root", str(root), "build"]
    seconds, peak, _ = run_measured(build_cmd, REPO)
    site = root / "site"
    figures.values.update(site_figures(site, seconds, peak))
    # Second build, nothing changed: how long, and how many generated files were rewritten.
    before = {p: p.stat().st_mtime_ns for p in (root / "build").rglob("*.md")}
    seconds2, _, _ = run_measured(build_cmd, REPO)
    rewritten = sum(1 for p, m in before.items() if p.stat().st_mtime_ns != m)
    figures.values.update(rebuild_s=seconds2, rebuild_ratio=seconds2 / seconds, rebuild_rewritten=rewritten)
    figures.values["edit_s"] = edited_build_seconds(root, build_cmd)
    # The generator stage alone (load + validate + render), after a cold start of Python.
    shutil.rmtree(root / "build" / "docs")
    figures.values["generator_s"] = generator_stage_seconds(root)
    figures.values["generator_share"] = figures.values["generator_s"] / seconds
    for lang, prefix in (("bg", ""), ("en", "en/")):
        index = (site / prefix / "assets" / "search-index.json").read_bytes()
        figures.values[f"search_index_{lang}_kb"] = len(index) / 1024
        figures.values[f"search_index_gz_{lang}_kb"] = len(gzip.compress(index)) / 1024
    if browser is not None:
        for lang, prefix in (("bg", ""), ("en", "en/")):
            query = "жилището" if lang == "bg" else "housing"
            bytes_first, latency = search_figures(browser, site, prefix, query)
            figures.values[f"search_bytes_{lang}_kb"] = bytes_first / 1024
            figures.values[f"search_ms_{lang}"] = latency
            figures.values[f"search_first_ms_{lang}"] = first_result_ms(browser, site, prefix, query)
    if serve_check:
        figures.values["serve_s"] = serve_latency(root)
    return figures


def edited_build_seconds(root: Path, build_cmd: list[str]) -> float:
    """One record's title changed, then `build`: how long until site/ shows it (checked)."""
    practice = sorted((root / "content" / "regions").glob("*/practices/*.yaml"))[0]
    data = yaml.safe_load(practice.read_text(encoding="utf-8"))
    data["title"]["bg"] = "Променено заглавие за измерването"
    practice.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    seconds, _, _ = run_measured(build_cmd, REPO)
    page = root / "site" / "practices" / practice.stem / "index.html"
    assert "Променено заглавие за измерването" in page.read_text(encoding="utf-8"), page
    return seconds


def search_figures(browser: object, site: Path, prefix: str, query: str) -> tuple[int, float]:
    """Bytes downloaded from opening a page to the first search result; ms from last key to results."""
    from chromium import serve_folder

    page = browser.new_page()  # type: ignore[attr-defined]
    received: list[int] = []

    def on_finished(request: object) -> None:
        sizes = request.sizes()  # type: ignore[attr-defined]
        received.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    page.on("requestfinished", on_finished)
    # Served gzip-compressed, as GitHub Pages serves text: the bytes counted are those on the wire.
    with serve_folder(site, compress=True) as base:
        page.goto(base + prefix + "measures/")
        box = page.locator("#kb-search-input")
        box.click()
        box.press_sequentially(query, delay=20)
        page.wait_for_function("q => document.getElementById('kb-search-results').dataset.query === q", arg=query, timeout=60_000)
        total = sum(received)
        # Latency with the index loaded: from the last keystroke's input (captured before the
        # search's own handler) to the results on screen.
        latencies = []
        for word in (query, query[:-2], "сиг" if prefix == "" else "sup"):
            box.fill("")
            page.evaluate(
                """() => { document.getElementById('kb-search-results').dataset.query = '';
                   window.__t0 = window.__t1 = undefined;
                   const box = document.getElementById('kb-search-input');
                   const out = document.getElementById('kb-search-results');
                   document.addEventListener('input', () => { window.__t0 = performance.now(); }, {capture: true});
                   new MutationObserver(() => { window.__t1 = performance.now(); }).observe(out, {childList: true}); }"""
            )
            box.press_sequentially(word, delay=30)
            page.wait_for_function("q => document.getElementById('kb-search-results').dataset.query === q", arg=word)
            latencies.append(page.evaluate("() => window.__t1 - window.__t0"))
    page.close()
    return total, max(latencies)


def first_result_ms(browser: object, site: Path, prefix: str, query: str, samples: int = 5) -> float:
    """Median ms from typing the first query into a freshly opened page (index not yet
    downloaded) to its results on screen: download, parse and set-up of the index included.
    Served uncompressed from localhost, so that the test server's gzip is not counted."""
    from chromium import serve_folder

    times = []
    with serve_folder(site) as base:
        for _ in range(samples):
            context = browser.new_context()  # type: ignore[attr-defined]  # empty cache each time
            page = context.new_page()
            page.goto(base + prefix + "measures/")
            page.evaluate(
                """q => { window.__t0 = window.__t1 = undefined;
                   const out = document.getElementById('kb-search-results');
                   document.addEventListener('focusin', () => { if (window.__t0 === undefined) window.__t0 = performance.now(); }, {capture: true});
                   new MutationObserver(() => { if (out.dataset.query === q && window.__t1 === undefined) window.__t1 = performance.now(); })
                     .observe(out, {childList: true}); }""",
                query,
            )
            page.locator("#kb-search-input").fill(query)  # focus (starts the download), then the whole query
            page.wait_for_function("() => window.__t1 !== undefined", timeout=60_000)
            times.append(page.evaluate("() => window.__t1 - window.__t0"))
            context.close()
    return statistics.median(times)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SERVE_SAVES = 3


def serve_latency(root: Path) -> float:
    return statistics.median(serve_seconds(root))


def serve_seconds(root: Path) -> list[float]:
    """Seconds from saving one record to the served page showing the change, for each of
    SERVE_SAVES saves in one `serve`, each once the last one's search index is in site/ (a
    partner's saves are minutes apart; the index follows a page by seconds)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(root), "serve", "--port", str(port)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=partner_environment(),
    )
    url = f"http://127.0.0.1:{port}/practices/practice-00000/"
    index = root / "site" / "assets" / "search-index.json"
    try:
        deadline = time.time() + 600
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        record = next((root / "content" / "regions").glob("*/practices/practice-00000.yaml"))
        text = record.read_text(encoding="utf-8")
        seconds = []
        for number in range(SERVE_SAVES):
            settled(index)
            marker = f"Бенчмарк промяна {number}"
            start = time.perf_counter()
            record.write_text(text.replace("title:\n  bg: ", f"title:\n  bg: {marker} ", 1), encoding="utf-8")
            seconds.append(float("inf"))
            while time.perf_counter() - start < 120:
                try:
                    if marker in urllib.request.urlopen(url, timeout=5).read().decode("utf-8"):
                        seconds[-1] = time.perf_counter() - start
                        break
                except OSError:
                    pass
                time.sleep(0.02)
        return seconds
    finally:
        server.terminate()
        server.wait(timeout=20)


def settled(path: Path, quiet: float = 3.0, limit: float = 120.0) -> None:
    """Until the file has not changed for `quiet` seconds (the last save's files are made)."""
    started = time.time()
    last = path.stat().st_mtime if path.exists() else 0.0
    calm_since = time.time()
    while time.time() - calm_since < quiet and time.time() - started < limit:
        time.sleep(0.2)
        now = path.stat().st_mtime if path.exists() else 0.0
        if now != last:
            last, calm_since = now, time.time()


# --- the baseline: plain MkDocs + Material + mkdocs-static-i18n, our navigation ----------
# A fair peer: the same pages, and the same navigation as ours (section pages only, from our
# own MkDocs configuration). With MkDocs' automatic navigation every page lists every other
# page, and the baseline's time and size grow with the square of the page count — a figure
# about that setting, not about MkDocs.


BASELINE_CONFIG = """site_name: Baseline
theme:
  name: material
plugins:
  - search
  - i18n:
      languages:
        - locale: bg
          default: true
          name: Български
        - locale: en
          name: English
"""


def make_baseline(project: Path, target: Path) -> Path:
    """The same pages (our rendered Markdown), laid out the way mkdocs-static-i18n expects."""
    docs = target / "docs"
    for lang in ("bg", "en"):
        source = project / "build" / "docs" / lang
        for path in source.rglob("*.md"):
            relative = path.relative_to(source)
            out = docs / relative if lang == "bg" else docs / relative.with_suffix(".en.md")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    ours = yaml.safe_load((project / "build" / "mkdocs.bg.yml").read_text(encoding="utf-8"))
    config = yaml.safe_load(BASELINE_CONFIG) | {"nav": ours["nav"]}
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def measure_baseline(project: Path, n: int, work: Path) -> Figures:
    target = make_baseline(project, work / f"baseline-{n}")
    seconds, peak, _ = run_measured([sys.executable, "-m", "mkdocs", "build", "-q"], target)
    site = target / "site"
    figures = Figures(n)
    figures.values.update(site_figures(site, seconds, peak))
    index = site / "search" / "search_index.json"
    if index.exists():
        # One mixed index for both languages; the browser downloads all of it, gzip-compressed
        # as for our site (a lower bound: the page, CSS and JS come on top).
        compressed = len(gzip.compress(index.read_bytes()))
        figures.values["search_bytes_bg_kb"] = figures.values["search_bytes_en_kb"] = compressed / 1024
        figures.values["search_index_gz_bg_kb"] = figures.values["search_index_gz_en_kb"] = compressed / 1024
    return figures


# --- the fastest peer: Hugo (Debian's package `hugo`), the same pages ----------------------
# Our rendered Markdown of both languages as Hugo's content (a folder's index.md becomes
# _index.md, Hugo's page of a section), one page layout with the same navigation (section
# pages only) and the page's other language linked, Goldmark allowing our HTML blocks.
# Hugo builds every page on every run; its output is not compared with ours, its time is.

HUGO_PAGE = """<!doctype html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="description" content="{{ .Description }}"></head><body>
<nav><ul>{{ range .Site.Menus.main }}<li><a href="{{ .URL | relURL }}">{{ .Name }}</a></li>{{ end }}</ul></nav>
<main><h1>{{ .Title }}</h1>{{ .Content }}</main>
{{ with .Translations }}<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul>{{ end }}
</body></html>
"""


def hugo_available() -> bool:
    return shutil.which("hugo") is not None


def hugo_menu(nav: list[Any]) -> list[dict[str, Any]]:
    """Our navigation (mkdocs.<lang>.yml: title → page, sections nested) as Hugo's main menu."""
    entries = []
    for item in nav:
        for title, target in item.items():
            for name, path in target[0].items() if isinstance(target, list) else [(title, target)]:
                url = "/" + path.removesuffix(".md").removesuffix("index")
                entries.append({"name": name, "url": url if url.endswith("/") else url + "/", "weight": len(entries) + 1})
    return entries


def make_hugo(project: Path, target: Path) -> Path:
    for lang in ("bg", "en"):
        source = project / "build" / "docs" / lang
        for path in source.rglob("*.md"):
            relative = path.relative_to(source)
            if relative.name == "index.md":
                relative = relative.with_name("_index.md")
            out = target / "content" / lang / relative
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(path.read_bytes())
    languages = {}
    for weight, (lang, name) in enumerate((("bg", "Български"), ("en", "English")), 1):
        ours = yaml.safe_load((project / "build" / f"mkdocs.{lang}.yml").read_text(encoding="utf-8"))
        languages[lang] = {"contentDir": f"content/{lang}", "weight": weight, "languageName": name, "title": ours["site_name"], "menus": {"main": hugo_menu(ours["nav"])}}
    config = {
        "baseURL": "/",
        "defaultContentLanguage": "bg",
        "disableKinds": ["taxonomy", "term", "RSS"],
        "markup": {"goldmark": {"renderer": {"unsafe": True}}},
        "languages": languages,
    }
    (target / "hugo.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for layout in ("single", "list"):
        page = target / "layouts" / "_default" / f"{layout}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(HUGO_PAGE, encoding="utf-8")
    return target


def measure_hugo(project: Path, n: int, work: Path) -> Figures:
    """Hugo's full build, its build again with nothing changed, and after one page's title changed."""
    target = make_hugo(project, work / f"hugo-{n}")
    command = ["hugo", "--quiet", "--destination", "public"]
    figures = Figures(n)
    seconds, peak, _ = run_measured(command, target)
    figures.values.update(build_s=seconds, peak_rss_mb=peak / 2**20, pages=len(html_sizes(target / "public")))
    figures.values["rebuild_s"] = run_measured(command, target)[0]
    page = next((target / "content" / "bg" / "practices").glob("practice-*.md"))
    page.write_text(page.read_text(encoding="utf-8").replace("title: \"", "title: \"Променено ", 1), encoding="utf-8")
    figures.values["edit_s"] = run_measured(command, target)[0]
    return figures


# --- the report --------------------------------------------------------------------------

ROWS = [
    ("generator_s", "generator stage (load+validate+render), s", "{:.2f}"),
    ("build_s", "full bilingual build, s", "{:.1f}"),
    ("generator_share", "generator share of full build", "{:.1%}"),
    ("pages", "HTML pages", "{:.0f}"),
    ("pages_per_s", "pages per second", "{:.0f}"),
    ("peak_rss_mb", "peak memory (RSS, process tree), MB", "{:.0f}"),
    ("site_mb", "size of site/, MB", "{:.1f}"),
    ("median_html_kb", "median HTML page, KB", "{:.1f}"),
    ("largest_html_kb", "largest HTML page, KB", "{:.1f}"),
    ("search_bytes_bg_kb", "bytes before first search result (bg), KB", "{:.0f}"),
    ("search_bytes_en_kb", "bytes before first search result (en), KB", "{:.0f}"),
    ("search_index_bg_kb", "search index (bg), KB", "{:.0f}"),
    ("search_index_gz_bg_kb", "search index on the wire, gzip (bg), KB", "{:.0f}"),
    ("search_index_en_kb", "search index (en), KB", "{:.0f}"),
    ("search_index_gz_en_kb", "search index on the wire, gzip (en), KB", "{:.0f}"),
    ("search_first_ms_bg", "first query → first results, index not loaded (bg), ms", "{:.1f}"),
    ("search_first_ms_en", "first query → first results, index not loaded (en), ms", "{:.1f}"),
    ("search_ms_bg", "last keystroke → results (bg), ms", "{:.1f}"),
    ("search_ms_en", "last keystroke → results (en), ms", "{:.1f}"),
    ("rebuild_s", "second build, nothing changed, s", "{:.2f}"),
    ("rebuild_ratio", "second build / first build", "{:.2f}"),
    ("rebuild_rewritten", "generated files rewritten by second build", "{:.0f}"),
    ("edit_s", "one record edited → build, s", "{:.2f}"),
    ("serve_s", "serve: save → changed page shown, s", "{:.2f}"),
]


def targets(ours: dict[int, Figures], baseline: dict[int, Figures], hugo: dict[int, Figures] | None = None) -> list[tuple[str, str, bool]]:
    """(target, figure, met) for each target of issue 6 and issue 4, and issue 22's goals."""
    rows = []
    for n, peer in sorted((hugo or {}).items()):  # issue 22: full build ≤ 3× Hugo's
        if n in ours:
            ratio = ours[n].values["build_s"] / peer.values["build_s"]
            rows.append((f"full build ≤ 3× Hugo's (N={n}; Hugo {peer.values['build_s']:.1f} s)", f"{ratio:.1f}×", ratio <= 3))
    at = ours.get(1000) or ours[max(ours)]
    base = baseline.get(at.n)
    if base:
        ratio = at.values["build_s"] / base.values["build_s"]
        rows.append((f"full build at N={at.n} ≤ 0.5× baseline", f"{ratio:.2f}×", ratio <= 0.5))
    share = at.values["generator_share"]
    rows.append((f"generator stage ≤ 5 % of full build (N={at.n})", f"{share:.1%}", share <= 0.05))
    worst = max(f.values["largest_html_kb"] for f in ours.values())
    rows.append(("largest HTML page ≤ 60 KB at every N", f"{worst:.1f} KB", worst <= 60))
    for lang in ("bg", "en"):
        key = f"search_bytes_{lang}_kb"
        if key in at.values:
            kb = at.values[key]
            rows.append((f"search bytes before first result ≤ 1 MB ({lang}, N={at.n})", f"{kb:.0f} KB", kb <= 1024))
        key = f"search_ms_{lang}"
        if key in at.values:
            ms = at.values[key]
            rows.append((f"search results ≤ 100 ms after last keystroke ({lang}, N={at.n})", f"{ms:.1f} ms", ms <= 100))
    rows.append(
        (
            f"second build rewrites no generated file (N={at.n})",
            f"{at.values['rebuild_rewritten']:.0f} files",
            at.values["rebuild_rewritten"] == 0,
        )
    )
    rows.append(
        (f"second build ≤ 0.5× the first (N={at.n})", f"{at.values['rebuild_ratio']:.2f}×", at.values["rebuild_ratio"] <= 0.5)
    )
    for figures in ours.values():  # issue 22's Done-when: under a second at N=1,000 and 5,000
        if "serve_s" in figures.values:
            seconds = figures.values["serve_s"]
            rows.append((f"serve shows a saved record < 1 s (N={figures.n})", f"{seconds:.2f} s", seconds < 1))
    for n in (5000,):
        if n in ours:  # issue 22's goals
            nothing, edit = ours[n].values["rebuild_s"], ours[n].values["edit_s"]
            rows.append((f"nothing changed → build ≤ 1 s (N={n})", f"{nothing:.2f} s", nothing <= 1))
            rows.append((f"one record edited → site updated ≤ 3 s (N={n})", f"{edit:.2f} s", edit <= 3))
    biggest = ours[max(ours)]
    rows.append(
        (f"peak memory ≤ 1 GB (N={biggest.n})", f"{biggest.values['peak_rss_mb']:.0f} MB", biggest.values["peak_rss_mb"] <= 1024)
    )
    if len(ours) >= 2:
        small, large = ours[min(ours)], ours[max(ours)]
        scale = large.n / small.n
        for key, label in (("build_s", "time"), ("site_mb", "site/ size")):
            growth = large.values[key] / small.values[key]
            # Linear: growing no faster than N (fixed start-up costs make small N relatively slow).
            rows.append(
                (
                    f"{label} grows linearly with N ({small.n}→{large.n})",
                    f"×{growth:.1f} for ×{scale:.0f} records",
                    growth <= scale * 1.15,
                )
            )
    return rows


HUGO_KEYS = ("build_s", "rebuild_s", "edit_s", "peak_rss_mb", "pages")


def table(ours: dict[int, Figures], baseline: dict[int, Figures], hugo: dict[int, Figures] | None = None) -> str:
    sizes = sorted(ours)
    header = "| figure | " + " | ".join(f"N={n}" for n in sizes) + " |"
    lines = [header, "|---|" + "---|" * len(sizes)]
    for key, label, fmt in ROWS:
        if not any(key in ours[n].values for n in sizes):
            continue
        cells = []
        for n in sizes:
            value = ours[n].values.get(key)
            cell = fmt.format(value) if value is not None else "—"
            base = baseline.get(n)
            if value is not None and base and key in base.values and base.values[key]:
                cell += f" ({value / base.values[key]:.2f}× baseline {fmt.format(base.values[key])})"
            peer = (hugo or {}).get(n)
            if value is not None and peer and key in HUGO_KEYS and peer.values.get(key):
                cell += f" ({value / peer.values[key]:.1f}× Hugo {fmt.format(peer.values[key])})"
            cells.append(cell)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM, Python {platform.python_version()}, {platform.platform()}"


def serve_only(sizes: list[int]) -> int:
    """`serve`'s figure alone, quicker than the whole benchmark: each save's seconds and their median."""
    with tempfile.TemporaryDirectory(prefix="wego3-bench-") as tmp:
        for n in sizes:
            seconds = serve_seconds(make_project(Path(tmp) / f"n{n}", n))
            shown = ", ".join(f"{one:.2f}" for one in seconds)
            print(f"N={n}: serve, save → changed page shown: {shown} s (median {statistics.median(seconds):.2f} s)", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("--quick", action="store_true", help="N=100 only (for CI)")
    parser.add_argument("--sizes", type=int, nargs="*", help="record counts (default 100 1000 5000)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument(
        "--output", type=Path, default=None, help=f"results file (default {RESULTS.relative_to(REPO)}; --quick prints only)"
    )
    parser.add_argument("--serve-only", action="store_true", help="only serve's save → page, each save (prints only)")
    args = parser.parse_args(argv)
    sizes = args.sizes or ([100] if args.quick else [100, 1000, 5000])
    if args.serve_only:
        return serve_only(sizes)
    started = time.perf_counter()
    ours: dict[int, Figures] = {}
    baseline: dict[int, Figures] = {}
    hugo: dict[int, Figures] = {}
    if not hugo_available():
        print("Hugo is not installed (Debian's package `hugo`; `make bench` installs it): no Hugo figures", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="wego3-bench-") as tmp:
        work = Path(tmp)
        playwright = browser = None
        if not args.no_browser:
            from chromium import CHROMIUM, CHROMIUM_ARGS
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for n in sizes:
                root = make_project(work / f"n{n}", n)
                print(f"N={n}: building…", file=sys.stderr, flush=True)
                ours[n] = measure_ours(root, n, browser, serve_check=True)
                if hugo_available():
                    print(f"N={n}: Hugo…", file=sys.stderr, flush=True)
                    hugo[n] = measure_hugo(root, n, work)
                if n <= 1000:
                    print(f"N={n}: baseline…", file=sys.stderr, flush=True)
                    baseline[n] = measure_baseline(root, n, work)
                shutil.rmtree(root / "site", ignore_errors=True)
        finally:
            if browser is not None:
                browser.close()
                playwright.stop()
    report = [
        f"Machine: {machine()}",
        f"Run: {time.strftime('%Y-%m-%d %H:%M')} — {time.perf_counter() - started:.0f} s in all",
        "",
        table(ours, baseline, hugo),
        "",
        "| target | figure | met |",
        "|---|---|---|",
    ]
    report += [f"| {name} | {figure} | {'met' if met else 'NOT met'} |" for name, figure, met in targets(ours, baseline, hugo)]
    text = "\n".join(report)
    print(text)
    if not args.quick:
        output = args.output or RESULTS
        write_results(output, text)
    return 0


def write_results(path: Path, figures: str) -> None:
    """Replace the figures between the markers of the results file, keeping its analysis."""
    start, end = "<!-- figures:start -->", "<!-- figures:end -->"
    old = path.read_text(encoding="utf-8") if path.exists() else f"# Benchmark results\n\n{start}\n{end}\n"
    head, _, rest = old.partition(start)
    _, _, tail = rest.partition(end)
    path.write_text(f"{head}{start}\n{figures}\n{end}{tail}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
