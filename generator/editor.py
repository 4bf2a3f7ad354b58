"""The partners' web editor (Decap CMS under /admin/): its configuration, made from the
schema walker, and the files /admin/ is made of.

The configuration is made afresh from the schema and the content wherever it is needed —
the built site's /admin/config.yml, `make editor`, and build/cms-config.yml, which
`python -m generator cms-config` writes for tools (editor/normalise.mjs): one collection
per record kind (practices one per region folder), each field with its Bulgarian label,
its documentation as the hint, its constraints (required, minimum items, patterns,
numbers) and its widget: bilingual texts as Bulgarian + English + "draft", references to
measures and partners as lists of records (relation widgets storing slugs), allowed values
as selects with their Bulgarian labels. Nothing is written by hand, so the form cannot
drift from what the validator accepts. What only a person can set (the repository, the
sign-in helper) is in editor.yml.

Nothing of it is committed: a region added through the form changes the configuration
(its practices get a collection), and a committed copy would then be out of date in the
very pull request that adds it.

Regions and their protocols are few and their folders name them, so they are listed one
file each, made in a collection of their own, and region references are chosen from the
regions that exist.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from . import walker
from .kinds import REGISTRY, Kind
from .model import Site
from .project import Language, Languages, Project
from .walker import FieldSpec
from .words import choice_label, labels
from .writer import Output

log = logging.getLogger(__name__)

CONFIG_NAME = "cms-config.yml"  # under build/: made for tools (normalise.mjs); the site makes its own
SETTINGS_FILE = "editor.yml"
ADMIN = "admin"  # where the editor sits in the built site
LANG = "bg"  # the form is in Bulgarian; English is one of its fields
FALLBACK = ("en",)

# Short texts: one line in the form.
ONE_LINE = {"title", "name", "short_name", "city", "hours", "operator", "full"}
# The slug is the file name, filled from the title on save (setup.js); never a field of the file.
SLUG_FIELD = "slug"
# Widgets of editor/src/setup.js for what Decap cannot check by itself: a group whose fields
# see each other's values, and a field of it that may not be before another (a period's end).
GROUP_WIDGET = "wego3-group"
NOT_BEFORE_WIDGET = "wego3-not-before"
# The commit status whose link the form shows as the preview of a saved change (check.yml).
PREVIEW_CONTEXT = "wego3/preview"
# The media library of setup.js that shows no "Media" tab: records have no pictures or files.
NO_MEDIA_LIBRARY = "wego3-no-media"


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


def text_widget(spec: FieldSpec, required: bool, languages: Languages) -> list[dict[str, Any]]:
    """A text of the content: one field per language of the site (the default language's
    required when the text is), then whether it is draft."""
    widget = "string" if spec.name in ONE_LINE else "text"
    fields: list[dict[str, Any]] = []
    for language in languages:
        entry: dict[str, Any] = {"name": language.code, "label": language_name(language), "widget": widget}
        if language.code == languages.default:
            entry["required"] = required
        else:
            entry |= {"required": False, "hint": "Оставете празно, докато няма превод."}
        fields.append(entry)
    draft = {"name": "draft", "label": "Чернова (текстът излиза извън източниците)", "widget": "boolean", "required": False}
    return fields + [draft | {"default": False}]


def language_name(language: Language) -> str:
    """A content language's name in the form's language („Английски“), else its own name."""
    return str(labels().get("language_names", {}).get(language.code, {}).get(LANG, language.name))


def field_config(spec: FieldSpec, site: Site, languages: Languages) -> dict[str, Any]:
    """One Decap field for one schema field."""
    default = languages.default
    entry: dict[str, Any] = {"name": spec.name, "label": spec.label[LANG], "required": spec.required}
    if spec.doc[LANG]:
        entry["hint"] = spec.doc[LANG]
    if spec.shape == "text":
        entry |= {"widget": "list" if spec.many else "object", "fields": text_widget(spec, spec.required, languages)}
        entry["collapsed"] = False
        if spec.many:
            entry["summary"] = "{{fields." + default + "}}"
            entry |= one_item(spec)
    elif spec.shape == "group" and spec.group is not None:
        fields = [field_config(child, site, languages) for child in spec.fields]
        entry |= {"widget": "list" if spec.many else "object", "fields": fields, "collapsed": False}
        if spec.many:
            entry["summary"] = item_summary(spec, default)
            entry |= one_item(spec)
        else:
            checks_order(spec.group, entry)
    elif spec.shape == "ref" and spec.ref is not None and one_folder(REGISTRY[spec.ref]):
        kind = REGISTRY[spec.ref]
        entry |= {
            "widget": "relation",
            "collection": collection_name(kind),
            "value_field": "{{slug}}",
            "search_fields": [f"{kind.title_field}.{code}" for code in languages.codes],
            "display_fields": [f"{kind.title_field}.{default}"],
            "multiple": spec.many,
        }
    elif spec.shape == "ref" and spec.ref is not None:  # records named by their folders (regions): few, listed
        kind = REGISTRY[spec.ref]
        options = [{"value": r.slug, "label": kind.title_of(r).get(LANG, FALLBACK)} for r in site.of(kind.name)]
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
    if spec.many and not spec.required and "fields" in entry:
        # Decap starts a list of groups with one empty item; an optional list whose item has
        # required fields would then refuse to save until the partner deleted it.
        entry["default"] = []
    if spec.name == "review":
        entry["collapsed"] = True
    return entry


def checks_order(group: type, entry: dict[str, Any]) -> None:
    """A group whose schema says that a field may not be before another (a period's end and
    its start, schema.Period.NOT_BEFORE): the form refuses to save them reversed, beside the
    later field, in the words of the validator's message."""
    from .problems import messages

    pairs: dict[str, tuple[str, str]] = getattr(group, "NOT_BEFORE", {})
    if not pairs:
        return
    entry["widget"] = GROUP_WIDGET
    for field in entry["fields"]:
        if field["name"] in pairs:
            other, code = pairs[field["name"]]
            field |= {"widget": NOT_BEFORE_WIDGET, "not_before": [other, str(messages()[code][LANG])]}


def one_item(spec: FieldSpec) -> dict[str, str]:
    """A list's word for one of its items (the catalogue's form_one_item), which Decap uses
    for a count of one („1 изпълнител“) and its "Add" button; none when the catalogue has none."""
    word = labels().get("form_one_item", {}).get(spec.name, {}).get(LANG)
    return {"label_singular": str(word)} if word else {}


def item_summary(spec: FieldSpec, default: str) -> str:
    """What a collapsed list item shows: its first text (in the default language) or string."""
    for child in spec.fields:
        if child.shape == "text":
            return "{{fields." + child.name + "." + default + "}}"
        if child.shape == "string":
            return "{{fields." + child.name + "}}"
    return "{{fields." + spec.fields[0].name + "}}"


def kind_fields(kind: Kind, site: Site, languages: Languages, slug_field: bool) -> list[dict[str, Any]]:
    fields = []
    if slug_field:
        fields.append({"name": SLUG_FIELD, "label": "Адрес", "widget": "hidden", "required": False})
    fields += [field_config(spec, site, languages) for spec in form_fields(kind)]
    return fields


# The fields every record has come last in the form: what the record says first.
FORM_LAST = ("sources", "review")


def form_fields(kind: Kind) -> list[FieldSpec]:
    """A kind's fields in the form's order (the order it writes them in, format.js)."""
    specs = walker.fields_of(kind.model)
    return [spec for spec in specs if spec.name not in FORM_LAST] + [spec for spec in specs if spec.name in FORM_LAST]


# --- collections ----------------------------------------------------------------------------


def form_words(kind: Kind) -> tuple[str, str]:
    """A kind's collection and one of its records, in the form's language (the catalogue's
    form_kinds, or the kind's own words)."""
    if LANG in kind.words:
        one, many = kind.words[LANG]
        return many, one
    entry = labels().get("form_kinds", {}).get(kind.name, {}).get(LANG)
    return (str(entry[0]), str(entry[1])) if entry else (kind.name, kind.name)


def one_folder(kind: Kind) -> bool:
    """Whether all of a kind's files sit in one folder (measures/*.yaml), so that the form
    has one collection for it."""
    return "*" not in PurePosixPath(kind.pattern).parts[:-1]


def collection_name(kind: Kind, folder: str | None = None) -> str:
    """One per kind, by its plural; kinds filed by region have one per region folder."""
    return f"{kind.plural}-{folder}" if folder else kind.plural


def format_name(kind: Kind, depth: int) -> str:
    """Our YAML format for a kind (setup.js registers one per name): it writes the schema
    line for a file `depth` folders below content/."""
    return f"wego3:{kind.name}:{depth}"


def numbered_by(kind: Kind) -> str | None:
    """The field that orders a kind's records when its values are unique numbers (a measure's)."""
    return next((s.name for s in walker.fields_of(kind.model) if s.unique and s.shape == "number"), None)


def folder_collection(kind: Kind, folder: PurePosixPath, site: Site, languages: Languages, label: str, name: str) -> dict[str, Any]:
    depth = len(folder.parts) - 1  # folders below content/
    title = f"{kind.title_field}.{languages.default}"
    collection: dict[str, Any] = {
        "name": name,
        "label": label,
        "label_singular": form_words(kind)[1],
        "folder": folder.as_posix(),
        "extension": "yaml",
        "format": format_name(kind, depth),
        "create": kind.form.create,
        "delete": kind.form.delete,
        # Publishing is the reviewer's merge of the pull request in GitHub, after its checks;
        # the form shows no "Publish" for a partner to press.
        "publish": False,
        "description": str(labels()["form_delete_note"][LANG]),
        "identifier_field": title,
        "summary": "{{" + title + "}}",
        "fields": kind_fields(kind, site, languages, slug_field=kind.form.create),
    }
    if kind.form.create:
        collection["slug"] = "{{fields." + SLUG_FIELD + "}}"
    number = numbered_by(kind)
    if number:
        collection["summary"] = "{{" + number + "}}. {{" + title + "}}"
        collection["sortable_fields"] = [{"field": number, "default_sort": True}]  # 1, 2, 3 … not file order
    return collection


def files_collection(kind: Kind, site: Site, languages: Languages) -> dict[str, Any]:
    """Kinds named by their folders (regions, protocols): one file per record."""
    label, singular = form_words(kind)
    files = []
    for record in site.of(kind.name):
        relative = PurePosixPath("content") / kind.file_for(record.slug, None)
        named = site.get(kind.within, record.slug) if kind.within else record
        title = REGISTRY.of(named).title_of(named)
        files.append(
            {
                "name": record.slug,
                "label": f"{singular}: {title.get(LANG, FALLBACK)}",
                "file": relative.as_posix(),
                "format": format_name(kind, len(relative.parts) - 2),
                "fields": kind_fields(kind, site, languages, slug_field=False),
            }
        )
    collection: dict[str, Any] = {"name": collection_name(kind), "label": label, "label_singular": singular, "publish": False}
    collection["description"] = f"{form_note('form_files_note', kind)} {labels()['form_delete_note'][LANG]}"
    return collection | {"files": files}


NO_FILE_HAS = "—"  # a value no file's slug field holds (files have none): a list that shows nothing


def new_folder_collection(kind: Kind, site: Site, languages: Languages) -> dict[str, Any]:
    """Where a new record named by its folder is made (a region: content/regions/<slug>/region.yaml;
    a region's protocol). Decap writes one file a save, under a folder the slug names; its list
    is left empty, since its folder holds other kinds' files too (the files collection above
    lists the records)."""
    pattern = PurePosixPath(kind.pattern)
    star = pattern.parts.index("*")
    folder = PurePosixPath("content", *pattern.parts[:star])
    inside = PurePosixPath("{{slug}}", *pattern.parts[star + 1 :])
    fields = kind_fields(kind, site, languages, slug_field=True)
    if kind.within:  # its folder is its holder's (a protocol's region): chosen, not made from a title
        fields[0] = holder_choice(kind, site)
    title = f"{kind.title_field}.{languages.default}"
    return {
        "name": collection_name(kind, "new"),
        "label": form_note("form_new_label", kind),
        "label_singular": form_words(kind)[1],
        "description": form_note("form_new_note", kind),
        "folder": folder.as_posix(),
        "path": inside.with_suffix("").as_posix(),
        "extension": "yaml",
        "format": format_name(kind, len(pattern.parts) - 1),
        "create": True,
        "delete": False,
        "publish": False,
        "identifier_field": title,
        "summary": "{{" + title + "}}",
        "slug": "{{fields." + SLUG_FIELD + "}}",
        "filter": {"field": SLUG_FIELD, "value": NO_FILE_HAS},
        "fields": fields,
    }


def holder_choice(kind: Kind, site: Site) -> dict[str, Any]:
    """The slug field of a record kept in another record's folder (a protocol in its region's):
    the holders that have no such record yet."""
    holder = REGISTRY[kind.within or ""]
    taken = {record.slug for record in [*site.of(kind.name), *site.withdrawn] if REGISTRY.of(record) is kind}
    options = [
        {"value": record.slug, "label": holder.title_of(record).get(LANG, FALLBACK)}
        for record in site.of(holder.name)
        if record.slug not in taken
    ]
    label = form_words(holder)[1]
    return {"name": SLUG_FIELD, "label": label, "widget": "select", "options": options, "required": True}


def form_note(key: str, kind: Kind) -> str:
    """A kind's words in the form from the catalogue (labels.yaml: form_new_label …)."""
    return str(labels()[key][kind.name][LANG])


def collections(site: Site, languages: Languages) -> list[dict[str, Any]]:
    result = []
    for kind in REGISTRY:
        label, _ = form_words(kind)
        if kind.slug_from == "parent":
            result.append(files_collection(kind, site, languages))
            if kind.form.create:
                result.append(new_folder_collection(kind, site, languages))
        elif kind.within:  # one collection per folder of the kind that holds them (per region)
            holder = REGISTRY[kind.within]
            for record in site.of(holder.name):
                folder = PurePosixPath("content", *kind.file_for("x", record.slug).parts[:-1])
                title = holder.title_of(record).get(LANG, FALLBACK)
                result.append(folder_collection(kind, folder, site, languages, f"{label} — {title}", collection_name(kind, record.slug)))
        else:
            folder = PurePosixPath("content", *PurePosixPath(kind.pattern).parent.parts)
            result.append(folder_collection(kind, folder, site, languages, label, collection_name(kind)))
    return result


def cms_config(project: Project, site: Site) -> dict[str, Any]:
    settings = read_settings(project)
    backend: dict[str, Any] = {
        "name": "github",
        "repo": settings.repo,
        "branch": settings.branch,
        # Decap's default scope, "repo", would reach every private repository of the partner.
        "auth_scope": "public_repo",
        "squash_merges": True,
        "preview_context": PREVIEW_CONTEXT,
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
        "media_library": {"name": NO_MEDIA_LIBRARY},  # so no "Media" tab (setup.js)
        # „Вижте промените в сайта“ beside a saved change: the status the pull request's check sets
        # (check.yml), leading to that run's list of changed pages and the built site. The
        # preview pane needs the site's own rules (Python): `make editor` turns it on.
        "show_preview_links": True,
        "editor": {"preview": False},
        "collections": collections(site, project.languages),
    }
    if settings.site_url:
        config["site_url"] = settings.site_url
    return config


HEADER = (
    "# The partners' web editor (Decap CMS, /admin/): made from generator/schema.py, editor.yml\n"
    "# and the content by generator/editor.py; every build makes it afresh.\n"
)


def rendered_config(project: Project, site: Site) -> str:
    return HEADER + to_yaml(cms_config(project, site))


def config_path(project: Project) -> Path:
    return project.build / CONFIG_NAME


def write_config(project: Project, site: Site) -> Path:
    """build/cms-config.yml, for tools that read the form's fields (editor/normalise.mjs)."""
    Output(project.build).write(CONFIG_NAME, rendered_config(project, site).encode("utf-8"))
    return config_path(project)


# --- YAML that every reader reads alike ------------------------------------------------------
#
# The configuration is written by PyYAML (YAML 1.1) and read by Decap with the `yaml` package
# (YAML 1.2, core schema): a plain `1e3`, `0o17`, `09` or `.iNf` is a string to the first and a
# number to the second, a plain `yes` the other way round. A string is therefore written plain
# only when it is plainly a word; anything else that could be a null, a boolean, a number or a
# date under either version is quoted.

# Conservative on purpose: everything that starts like a number (dates, 1_000, 1:20, 0b1, 0x1F
# included), every spelling of the 1.1 and 1.2 nulls and booleans, and 1.1's merge and value keys.
MAYBE_NOT_A_STRING = re.compile(
    r"~|null|true|false|yes|no|on|off|y|n|<<|=|[-+]?\.?[0-9].*|[-+]?\.(?:inf|nan)", re.IGNORECASE | re.DOTALL
)
# Line breaks only YAML 1.1 knows (NEL, line and paragraph separators) and the byte-order mark:
# written as escapes in double quotes, never as themselves.
ONLY_1_1_BREAKS = re.compile("[\x85\u2028\u2029\ufeff]")


class AlikeDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML's safe dumper, quoting every string some reader could take for another type."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # a tree, written out in full: no anchors for a reader to expand


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if ONLY_1_1_BREAKS.search(value) else "'" if MAYBE_NOT_A_STRING.fullmatch(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


AlikeDumper.add_representer(str, _represent_str)


def to_yaml(data: Any) -> str:
    """YAML that PyYAML and the editor's `yaml` package read as the same values."""
    return yaml.dump(data, Dumper=AlikeDumper, allow_unicode=True, sort_keys=False, width=100)


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


def copied_files(project: Project) -> dict[str, Path]:
    """The files /admin/ copies, by their name there: Decap's bundle, our scripts, the yaml
    package (EditorMissing when the npm packages are not installed)."""
    root = project.root if (project.root / DECAP_DIST).is_dir() else Path(__file__).resolve().parent.parent
    files = decap_files(root)
    source = root / EDITOR_DIR / "src"
    files |= {name: source / name for name in ("setup.js", "format.js", "manual-init.js")}
    files |= {f"vendor/yaml/{path.name}": path for path in sorted((root / YAML_DIST).glob("*.js"))}
    return files


def admin_files(project: Project, site: Site) -> dict[str, bytes]:
    """Relative path under /admin/ → content. The configuration is made afresh from the
    schema and the content."""
    files: dict[str, bytes] = {name: path.read_bytes() for name, path in copied_files(project).items()}
    # Decap compares the page's host name with the string "127.0.0.1" (to offer its local
    # backend). The same string, written with an escape, keeps every development address
    # out of the built site's bytes; the bundle behaves the same.
    files = {name: content.replace(b'"127.0.0.1"', b'"127.0.0.\\x31"') for name, content in files.items()}
    files["config.yml"] = rendered_config(project, site).encode("utf-8")
    files["index.html"] = admin_page(connect_sources(read_settings(project))).encode("utf-8")
    return files


def site_files(project: Project, site: Site) -> dict[str, bytes]:
    """The editor's files as they go into the built site (admin/…), when its npm packages
    are installed; without them the site is built without /admin/, with a warning."""
    try:
        return {f"{ADMIN}/{relative}": content for relative, content in admin_files(project, site).items()}
    except EditorMissing as missing:
        log.warning("no /admin/ editor: %s is missing; `make site` installs it (npm ci in editor/)", missing)
        return {}


def add_to_site(files: dict[str, bytes], site_root: Path) -> None:
    """Put the editor's files (from site_files) into a built site."""
    out = Output(site_root)
    for relative, content in files.items():
        out.write(relative, content)
