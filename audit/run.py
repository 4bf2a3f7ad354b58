"""`make audit`: the site held to the web's own yardsticks.

- Lighthouse 12 (phone profile, its default) on home, a measure and a region in both
  languages: accessibility, best practices and SEO must score 100, performance ≥ 95.
- The Nu HTML Checker (vnu.jar, on the installed Java) on every page: no error.

The site is built with WEGO_SITE_URL set to the local server's address, so canonical
links and the sitemap point where Lighthouse finds them, as they will in production.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
AUDIT = REPO / "audit"
sys.path[:0] = [str(REPO), str(REPO / "tests")]
PAGES = ["", "measures/kindergarten-place/", "regions/ruse/"]
THRESHOLDS = {"accessibility": 100, "best-practices": 100, "seo": 100, "performance": 95}
# The performance score comes from timings measured on this machine: it drops when the
# machine is busy. `make audit` holds it to its bar; `make test` (--no-timing) neither
# measures nor judges it, so no test depends on timing.
TIMED = {"performance"}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_site(work: Path, site_url: str) -> Path:
    from conftest import make_project

    project = make_project(work / "project", REPO / "content")
    env = {**os.environ, "WEGO_SITE_URL": site_url}
    subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "build"], cwd=REPO, env=env, check=True)
    return project.root / "site"


def lighthouse(url: str, out: Path, categories: list[str]) -> dict[str, int]:
    command = [
        str(AUDIT / "node_modules" / ".bin" / "lighthouse"),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(categories)}",
    ]
    subprocess.run(
        command, check=True, env={**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}, timeout=300
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {key: round(category["score"] * 100) for key, category in report["categories"].items()}
    failing = [
        f"{audit['id']} ({audit.get('score')})"
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in {"binary", "numeric"}
        and any(
            audit["id"] in [ref["id"] for ref in report["categories"][c]["auditRefs"] if ref.get("weight")]
            for c in ("accessibility", "best-practices", "seo")
        )
    ]
    scores["_failing"] = failing  # type: ignore[assignment]
    return scores


def nu_checker(site: Path) -> list[str]:
    jar = AUDIT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    result = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}').get("messages", [])
    return [
        f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error"
    ]


def main() -> int:
    from chromium import serve_folder

    # --no-timing (make test): the timed categories are not judged, so not measured either.
    gated = {key: limit for key, limit in THRESHOLDS.items() if "--no-timing" not in sys.argv or key not in TIMED}
    ok = True
    with tempfile.TemporaryDirectory(prefix="wego3-audit-") as tmp:
        work = Path(tmp)
        port = free_port()
        site = build_site(work, f"http://127.0.0.1:{port}/")
        errors = nu_checker(site)
        pages = len(list(site.rglob("*.html")))
        print(f"Nu HTML Checker: {pages} pages, {len(errors)} errors")
        for error in errors[:50]:
            print(f"  {error}")
        ok &= not errors
        with serve_folder(site, port=port, compress=True) as base:
            print("Lighthouse (phone profile):")
            for prefix in ("", "en/"):
                for page in PAGES:
                    url = base + prefix + page
                    scores = lighthouse(url, work / "report.json", list(gated))
                    failing = scores.pop("_failing")
                    met = all(scores[key] >= limit for key, limit in gated.items())
                    ok &= met
                    line = ", ".join(f"{key} {scores[key]}" for key in gated)
                    print(f"  /{prefix}{page}: {line} — {'met' if met else 'NOT met'}")
                    for audit in failing:
                        print(f"      failing: {audit}")
    print("audit: all targets met" if ok else "audit: targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
