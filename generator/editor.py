"""The partners' web editor (Decap CMS under /admin/): its configuration, made from the
schema walker, and the files /admin/ is made of.

`python -m generator cms-config [--check]` writes schemas/cms-config.yml: one collection
per record kind (practices one per region folder), each field with its Bulgarian label,
its documentation as the hint, its constraints (required, minimum items, patterns,
numbers) and its widget: bilingual texts as Bulgarian + English + "draft", references to
measures and partners as lists of records (relation widgets storing slugs), allowed values
as selects with their Bulgarian labels. Nothing is written by hand, so the form cannot
drift from what the validator accepts. What only a person can set (the repository, the
sign-in helper) is in editor.yml.

Regions and their protocols are few and their folders name them, so they are listed one
file each, and region references are chosen from the regions that exist: adding a region
means running `python -m generator cms-config` again (the check says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from . import walker
from .project import Project
from .schema import KINDS, KINDS_BY_NAME, Kind, Region
from .schema_export import SCHEMA_DIR
from .walker import FieldSpec
from .words import choice_label

CONFIG_FILE = f"{SCHEMA_DIR}/cms-config.yml"
SETTINGS_FILE = "editor.yml"
ADMIN = "admin"  # where the editor sits in the built site
LANG = "bg"  # the form is in Bulgarian; English is one of its fields
FALLBACK = ("en",)

# Kinds whose files a partner creates in the form (the others are edited only).
CREATED = {"measure", "practice", "partner", "meeting", "pilot", "topic", "help", "search_words"}
# Short texts: one line in the form.
ONE_LINE = {"title", "name", "short_name", "city", "hours", "operator"}
# The slug is the file name, filled from the title on save (setup.js); never a field of the file.
SLUG_FIELD = "slug"


@dataclass(frozen=True)
class EditorSettings:
    repo: str
    branch: str
    auth_base_url: str | None
    auth_endpoint: str
    site_url: str | None


def read_settings(project: Project) -> EditorSettings:
    path = project.root / SETTINGS_FILE
    if not path.exists():
        path = Path(__file__).resolve().parent.parent / SETTINGS_FILE
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return EditorSettings(
        repo=str(data.get("repo", "")),
        branch=str(data.get("branch", "main")),
        auth_base_url=data.get("auth_base_url") or None,
        auth_endpoint=str(data.get("auth_endpoint", "auth")),
        site_url=data.get("site_url") or None,
    )


# --- fields --------------------------------------------------------------------------------


def expected_words(word: str) -> str:
    from .problems import label

    return label(word, LANG)


def text_widget(spec: FieldSpec, required: bool) -> list[dict[str, Any]]:
    long = spec.name not in ONE_LINE
    return [
        {"name": "bg", "label": "Български", "widget": "text" if long else "string", "required": required},
        {
            "name": "en",
            "label": "Английски",
            "widget": "text" if long else "string",
            "required": False,
            "hint": "Оставете празно, докато няма превод.",
        },
        {
            "name": "draft",
            "label": "Чернова (текстът излиза извън източниците)",
            "widget": "boolean",
            "required": False,
            "default": False,
        },
    ]


def field_config(spec: FieldSpec, regions: list[Region]) -> dict[str, Any]:
    """One Decap field for one schema field."""
    entry: dict[str, Any] = {"name": spec.name, "label": spec.label[LANG], "required": spec.required}
    if spec.doc[LANG]:
        entry["hint"] = spec.doc[LANG]
    if spec.shape == "text":
        entry |= {"widget": "list" if spec.many else "object", "fields": text_widget(spec, required=spec.required)}
        entry["collapsed"] = False
        if spec.many:
            entry["summary"] = "{{fields.bg}}"
    elif spec.shape == "group" and spec.group is not None:
        fields = [field_config(child, regions) for child in spec.fields]
        entry |= {"widget": "list" if spec.many else "object", "fields": fields, "collapsed": False}
        if spec.many:
            entry["summary"] = item_summary(spec)
    elif spec.shape == "ref" and spec.ref in {"measure", "partner"}:
        kind = KINDS_BY_NAME[spec.ref]
        entry |= {
            "widget": "relation",
            "collection": collection_name(kind),
            "value_field": "{{slug}}",
            "search_fields": [f"{kind.title_field}.bg", f"{kind.title_field}.en"],
            "display_fields": [f"{kind.title_field}.bg"],
            "multiple": spec.many,
        }
    elif spec.shape == "ref":  # regions: few, named by their folders
        options = [{"value": region.slug, "label": region.name.get(LANG, FALLBACK)} for region in regions]
        entry |= {"widget": "select", "options": options, "multiple": spec.many}
    elif spec.shape == "choice":
        options = [{"value": value, "label": choice_label(spec.choice_group, value, LANG)} for value in spec.choices]
        entry |= {"widget": "select", "options": options, "multiple": spec.many}
    elif spec.shape == "number":
        entry |= {"widget": "number", "value_type": "int"}
        entry |= {key: value for key, value in (("min", spec.ge), ("max", spec.le)) if value is not None}
    elif spec.shape == "yes_no":
        entry |= {"widget": "boolean", "default": spec.default if isinstance(spec.default, bool) else False}
    elif spec.shape == "date":
        entry |= {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD.MM.YYYY", "time_format": False}
    else:
        entry["widget"] = "list" if spec.many else "string"
    if spec.pattern and not spec.many and spec.shape in {"string", "ref"} and entry["widget"] == "string":
        entry["pattern"] = [spec.pattern, "Очаква се " + expected_words(spec.expect or "a_text")]
    if spec.many and spec.min_items:
        entry["min"] = spec.min_items
    if spec.shape in {"choice", "ref"} and spec.many and spec.min_items:
        entry["min"] = spec.min_items
    if not spec.required and isinstance(spec.default, str) and spec.default:
        entry["default"] = spec.default
    if spec.name == "review":
        entry["collapsed"] = True
    return entry


def item_summary(spec: FieldSpec) -> str:
    """What a collapsed list item shows: its first text (in Bulgarian) or string."""
    for child in spec.fields:
        if child.shape == "text":
            return "{{fields." + child.name + ".bg}}"
        if child.shape == "string":
            return "{{fields." + child.name + "}}"
    return "{{fields." + spec.fields[0].name + "}}"


def kind_fields(kind: Kind, regions: list[Region], slug_field: bool) -> list[dict[str, Any]]:
    fields = []
    if slug_field:
        fields.append({"name": SLUG_FIELD, "label": "Адрес", "widget": "hidden", "required": False})
    specs = walker.fields_of(kind.model)
    common = [spec for spec in specs if spec.name in ("sources", "review")]
    for spec in [spec for spec in specs if spec not in common] + common:
        fields.append(field_config(spec, regions))
    return fields


# --- collections ----------------------------------------------------------------------------

COLLECTION_LABELS = {
    "measure": ("Мерки", "Мярка"),
    "region": ("Области", "Област"),
    "protocol": ("Териториални протоколи", "Протокол"),
    "practice": ("Добри практики", "Добра практика"),
    "partner": ("Партньори", "Партньор"),
    "meeting": ("Срещи", "Среща"),
    "pilot": ("Пилотно прилагане", "Пилотно прилагане"),
    "topic": ("Правна рамка и контекст", "Страница"),
    "help": ("Телефони за помощ", "Страница за помощ"),
    "search_words": ("Думи за търсене", "Списък с думи"),
}


def collection_name(kind: Kind, region: str | None = None) -> str:
    return f"{kind.name}s-{region}" if region else f"{kind.name}s"


def format_name(kind: Kind, depth: int) -> str:
    """Our YAML format for a kind (setup.js registers one per name): it writes the schema
    line for a file `depth` folders below content/."""
    return f"wego3:{kind.name}:{depth}"


def folder_collection(kind: Kind, folder: PurePosixPath, regions: list[Region], label: str, singular: str, name: str) -> dict[str, Any]:
    depth = len(folder.parts) - 1  # folders below content/
    creates = kind.name in CREATED
    collection: dict[str, Any] = {
        "name": name,
        "label": label,
        "label_singular": singular,
        "folder": folder.as_posix(),
        "extension": "yaml",
        "format": format_name(kind, depth),
        "create": creates,
        "delete": False,
        "identifier_field": f"{kind.title_field}.bg",
        "summary": "{{" + kind.title_field + ".bg}}",
        "fields": kind_fields(kind, regions, slug_field=creates),
    }
    if creates:
        collection["slug"] = "{{fields." + SLUG_FIELD + "}}"
    if kind.name == "measure":
        collection["summary"] = "{{number}}. {{title.bg}}"
        collection["sortable_fields"] = ["number"]
    return collection


def files_collection(kind: Kind, regions: list[Region], label: str, singular: str) -> dict[str, Any]:
    """Regions and protocols: one file per region folder."""
    files = []
    for region in regions:
        relative = PurePosixPath("content", "regions", region.slug, f"{kind.name}.yaml")
        files.append(
            {
                "name": region.slug,
                "label": f"{singular}: {region.name.get(LANG, FALLBACK)}",
                "file": relative.as_posix(),
                "format": format_name(kind, len(relative.parts) - 2),
                "fields": kind_fields(kind, regions, slug_field=False),
            }
        )
    return {"name": collection_name(kind), "label": label, "label_singular": singular, "files": files}


def collections(regions: list[Region], protocols: set[str]) -> list[dict[str, Any]]:
    result = []
    for kind in KINDS:
        label, singular = COLLECTION_LABELS[kind.name]
        if kind.name == "practice":
            for region in regions:
                folder = PurePosixPath("content", "regions", region.slug, "practices")
                name = collection_name(kind, region.slug)
                region_label = f"{label} — {region.name.get(LANG, FALLBACK)}"
                result.append(folder_collection(kind, folder, regions, region_label, singular, name))
        elif kind.name in {"region", "protocol"}:
            shown = regions if kind.name == "region" else [r for r in regions if r.slug in protocols]
            result.append(files_collection(kind, shown, label, singular))
        else:
            folder = PurePosixPath("content", *PurePosixPath(kind.pattern).parent.parts)
            result.append(folder_collection(kind, folder, regions, label, singular, collection_name(kind)))
    return result


def cms_config(project: Project, regions: list[Region], protocols: set[str]) -> dict[str, Any]:
    settings = read_settings(project)
    backend: dict[str, Any] = {
        "name": "github",
        "repo": settings.repo,
        "branch": settings.branch,
        # Decap's default scope, "repo", would reach every private repository of the partner.
        "auth_scope": "public_repo",
        "squash_merges": True,
        "commit_messages": {
            "create": "Нов запис ({{collection}}): {{slug}}",
            "update": "Промяна ({{collection}}): {{slug}}",
            "delete": "Изтриване ({{collection}}): {{slug}}",
            "uploadMedia": "Файл: {{path}}",
            "deleteMedia": "Изтрит файл: {{path}}",
            "openAuthoring": "{{message}}",
        },
    }
    if settings.auth_base_url:
        backend |= {"base_url": settings.auth_base_url, "auth_endpoint": settings.auth_endpoint}
    config: dict[str, Any] = {
        "backend": backend,
        "locale": LANG,
        "publish_mode": "editorial_workflow",
        "media_folder": "content/media",  # required by Decap; records have no media
        "show_preview_links": bool(settings.site_url),
        "editor": {"preview": False},
        "collections": collections(regions, protocols),
    }
    if settings.site_url:
        config["site_url"] = settings.site_url
    return config


HEADER = (
    "# The partners' web editor (Decap CMS, /admin/): generated from generator/schema.py and\n"
    "# editor.yml by `python -m generator cms-config`; do not edit by hand.\n"
)


def rendered_config(project: Project, regions: list[Region], protocols: set[str]) -> str:
    body = yaml.safe_dump(cms_config(project, regions, protocols), allow_unicode=True, sort_keys=False, width=100)
    return HEADER + body


# --- the files of /admin/ -------------------------------------------------------------------

EDITOR_DIR = "editor"
DECAP_DIST = "editor/node_modules/decap-cms/dist"
YAML_DIST = "editor/node_modules/yaml/browser/dist"
GITHUB_API = "https://api.github.com"


class EditorMissing(Exception):
    """The editor's npm packages are not installed (`make site` installs them)."""


def connect_sources(settings: EditorSettings, extra: tuple[str, ...] = ()) -> list[str]:
    """Where the editor page may send requests: this site, GitHub's API, the sign-in helper."""
    sources = ["'self'", GITHUB_API]
    if settings.auth_base_url:
        sources.append(settings.auth_base_url.rstrip("/"))
    return sources + list(extra)


def admin_page(connect: list[str]) -> str:
    from jinja2 import Environment, FileSystemLoader

    templates = Path(__file__).parent / "templates"
    env = Environment(loader=FileSystemLoader(templates), autoescape=True, keep_trailing_newline=True)
    return env.get_template("admin.html.j2").render(connect=connect)


def decap_files(root: Path) -> dict[str, Path]:
    """Decap's bundle and what it loads from its own folder (chunks, WebAssembly, licence);
    not its source maps or the second copy of the bundle (cms.js)."""
    dist = root / DECAP_DIST
    if not (dist / "decap-cms.js").is_file():
        raise EditorMissing(f"{DECAP_DIST}/decap-cms.js")
    keep = re.compile(r"^(decap-cms\.js|\d+\.decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)$")
    return {path.name: path for path in sorted(dist.iterdir()) if keep.match(path.name)}


def admin_files(project: Project, regions: list[Region], protocols: set[str]) -> dict[str, bytes]:
    """Relative path under /admin/ → content. The configuration is made afresh from the
    schema and the content (the committed copy is checked by `cms-config --check`)."""
    root = project.root if (project.root / DECAP_DIST).is_dir() else Path(__file__).resolve().parent.parent
    files: dict[str, bytes] = {name: path.read_bytes() for name, path in decap_files(root).items()}
    # Decap compares the page's host name with the string "127.0.0.1" (to offer its local
    # backend). The same string, written with an escape, keeps every development address
    # out of the built site's bytes; the bundle behaves the same.
    files = {name: content.replace(b'"127.0.0.1"', b'"127.0.0.\\x31"') for name, content in files.items()}
    source = root / EDITOR_DIR / "src"
    for name in ("setup.js", "format.js", "manual-init.js"):
        files[name] = (source / name).read_bytes()
    yaml_dist = root / YAML_DIST
    for path in sorted(yaml_dist.glob("*.js")):
        files[f"vendor/yaml/{path.name}"] = path.read_bytes()
    files["config.yml"] = rendered_config(project, regions, protocols).encode("utf-8")
    files["index.html"] = admin_page(connect_sources(read_settings(project))).encode("utf-8")
    return files
