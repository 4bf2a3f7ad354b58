"""Driving the partners' editor (Decap CMS at /admin/) in Chromium, as a partner would.

Selectors are Decap 3.16.3's, in its Bulgarian locale (fields are `<name>-field-<n>`).
The in-memory backend (`test-repo`) is seeded with the repository's content before
Decap starts; what Decap saves is read back from it.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from chromium import serve_folder
from conftest import REPO, make_project

SAVE = "Запази"
LOGIN = "Вход"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def committed_project(root: Path, built: Any) -> Any:
    """A repository with the real content committed, and its site already built."""
    project = make_project(root, REPO / "content")
    for name in ("schemas", "editor.yml", "languages.yml", ".gitignore"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project.root / name)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project.root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project.root, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "content"], cwd=project.root, check=True)
    shutil.copytree(built.site, project.site)
    return project


def content_files(root: Path = REPO) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted((root / "content").rglob("*.yaml"))}


def seed_script(files: dict[str, str]) -> str:
    """window.repoFiles for Decap's test-repo backend: a tree of folders, and each folder
    also under its whole path (its folder listing looks folders up that way)."""
    return (
        """
        (() => {
          const files = FILES;
          const tree = {};
          for (const [path, content] of Object.entries(files)) {
            const parts = path.split("/");
            const name = parts.pop();
            let node = tree;
            for (const part of parts) node = node[part] = node[part] || {};
            node[name] = { content, path };
            tree[parts.join("/")] = node;
          }
          window.repoFiles = tree;
        })();
        """.replace("FILES", json.dumps(files, ensure_ascii=False))
    )


def test_backend_config(config_text: str) -> str:
    config = yaml.safe_load(config_text)
    config["backend"] = {"name": "test-repo"}
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


@contextmanager
def open_editor(browser: Any, site: Path, requests: list[str], viewport: tuple[int, int] = (1400, 1000)) -> Iterator[Any]:
    """The built /admin/ with the in-memory backend, signed in."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: dialog.accept())  # Decap confirms with window.confirm
    config = (site / "admin" / "config.yml").read_text(encoding="utf-8")
    page.route("**/admin/config.yml", lambda route: route.fulfill(body=test_backend_config(config), content_type="text/yaml"))
    page.add_init_script(seed_script(content_files()))
    with serve_folder(site) as base:
        page.goto(base + "admin/")
        page.get_by_role("button", name=LOGIN).click()
        page.wait_for_selector('a[href^="#/collections/"]')
        yield page
    page.close()


def field(page: Any, *names: str, tag: str = "input") -> Any:
    """A field by its path of names (title → bg): Decap's ids are <name>-field-<n>."""
    selector = " ".join(f'[id^="{name}-field-"]' for name in names[:-1])
    return page.locator(f'{selector} {tag}[id^="{names[-1]}-field-"]'.strip()).first


def pick(page: Any, name: str, option: str, within: Any = None) -> None:
    """Choose an option of a select or relation widget (react-select)."""
    scope = within or page
    box = scope.locator(f'input[id^="{name}-field-"]').first
    box.click()
    box.fill(option[:5])
    page.get_by_role("option", name=option, exact=True).click()


def list_item(page: Any, name: str) -> Any:
    """The last item of a list, after pressing its "Add" button if it has none (a list whose
    items have defaults starts with one)."""
    area = page.locator(f'[id^="{name}-field-"]').first
    items = area.locator('[data-testid="styled-list-item-top-bar"], [class*="ListItemTopBar"]')
    if items.count() == 0:
        area.get_by_role("button", name=re.compile(r"^Добави")).click()
    return area


def save(page: Any) -> None:
    page.get_by_role("button", name=SAVE, exact=True).click()
    page.get_by_role("button", name=re.compile("^Състояние:")).wait_for()


def unpublished(page: Any) -> dict[str, str]:
    """Path → content of every file saved (as a draft pull request) in this session."""
    return page.evaluate(
        """() => Object.fromEntries(Object.values(window.repoFilesUnpublished || {})
              .flatMap(entry => entry.diffs.map(diff => [diff.path, diff.content])))"""
    )
