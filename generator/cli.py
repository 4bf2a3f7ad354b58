"""Command line: a thin layer that maps the stages' outcomes to messages and exit codes.

Exit codes: 0 fine, 1 invalid content (or a failed site build), 2 wrong command line.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from . import builders
from .build import BuildError, address_problems, build, load_site, render
from .kinds import REGISTRY
from .plan import PlanError
from .problems import LANGS, ContentError, Problem, counted, default_lang, format_github, format_json, format_text, say
from .project import Project
from .schema import Region
from .validate import display_path, validate_content
from .writer import WriteError

log = logging.getLogger("generator")

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A wrong command line: a message code of the catalogue and its parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def parser() -> argparse.ArgumentParser:
    # The options every command takes, accepted before or after the command's name (people
    # type `validate --lang bg` as often as `--lang bg validate`).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="project folder (default: current folder)")
    common.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help="language of messages (default: from the locale)")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log what each stage does")
    main = argparse.ArgumentParser(
        prog="python -m generator", description="WEGO3 knowledge base: validate content and build the site.", parents=[common]
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", parents=[common], help="check content files; print every problem")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders under content/ (default: all)")
    validate.add_argument("--format", choices=["text", "github", "json"], default="text", help="how to print problems")

    build_cmd = commands.add_parser("build", parents=[common], help="validate, then build site/ (bg at /, en at /en/)")
    build_cmd.add_argument("--format", choices=["text", "github", "json"], default="text", help="how to print problems")
    build_cmd.add_argument("--builder", choices=builders.NAMES, default=builders.DEFAULT, help="site builder (default: mkdocs)")

    render_cmd = commands.add_parser("render", parents=[common], help="validate, then write the Markdown of every page (build/docs/<lang>/); no site builder needed")
    render_cmd.add_argument("--format", choices=["text", "github", "json"], default="text", help="how to print problems")

    serve = commands.add_parser("serve", parents=[common], help="preview both languages; rebuild when a file is saved")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1")

    new = commands.add_parser("new", parents=[common], help="write a new record with every field, ready to fill in")
    new.add_argument("kind", choices=[kind.name for kind in REGISTRY if kind.new])
    new.add_argument("--title", required=True, help="the record's title in Bulgarian (gives the file name)")
    new.add_argument("--region", help="region slug (required for a practice)")

    commands.add_parser("status", parents=[common], help="what lacks English or Bulgarian text, and what is still draft")

    schemas = commands.add_parser("schemas", parents=[common], help="write the JSON Schemas (schemas/) from generator/schema.py")
    schemas.add_argument("--check", action="store_true", help="only check that the committed schemas are up to date")

    cms = commands.add_parser("cms-config", parents=[common], help="write the web editor's configuration (schemas/cms-config.yml) from generator/schema.py")
    cms.add_argument("--check", action="store_true", help="only check that the committed configuration is up to date")

    diff = commands.add_parser("diff", parents=[common], help="pages added, changed and removed compared with another rendered checkout (Markdown)")
    diff.add_argument("--base", type=Path, required=True, help="the other checkout's folder, already rendered (python -m generator render)")
    diff.add_argument("--site-url", default="", help="where the built preview can be seen, for links")

    local = commands.add_parser("editor", parents=[common], help="the web editor on this machine (decap-server on a scratch clone); see CONTRIBUTING")
    local.add_argument("--port", type=int, default=8000)
    local.add_argument("--proxy-port", type=int, default=8081)

    links = commands.add_parser("check-links", parents=[common], help="check every internal link of the built site/")
    links.add_argument("--site", type=Path, default=None, help="built site folder (default: site/)")
    return main


def print_problems(problems: list[Problem], lang: str, fmt: str) -> None:
    if fmt == "json":
        print(format_json(problems, lang))
        return
    for problem in problems:
        print(
            format_github(problem, lang) if fmt == "github" else format_text(problem, lang),
            file=sys.stdout if fmt == "github" else sys.stderr,
        )
    if fmt == "text" and problems:
        files = len({p.path for p in problems})
        summary = say(
            "cli_summary", lang, problems=counted("count_problems", len(problems), lang), files=counted("count_files", files, lang)
        )
        print(summary, file=sys.stderr)


def selected(problems: list[Problem], paths: list[Path], project: Project) -> list[Problem]:
    """Keep the problems of the files the user named (all files are still checked for references)."""
    if not paths:
        return problems
    wanted = []
    for path in paths:
        resolved = path.resolve()
        if not resolved.exists():
            raise UsageError("cli_no_such_path", path=path)
        try:
            wanted.append(resolved.relative_to(project.content.resolve()))
        except ValueError as error:
            raise UsageError("cli_not_under_content", path=path, content=project.content) from error
    content = project.content.resolve()
    return [p for p in problems if any(_within((project.root / p.path).resolve(), content / w) for w in wanted)]


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def command_validate(args: argparse.Namespace, project: Project, lang: str) -> int:
    loaded, problems = validate_content(project.content, project.root)
    if not problems:  # every file is fine: do their pages fit the site's addresses?
        problems = address_problems(project, loaded)
    problems = selected(problems, args.paths, project)
    print_problems(problems, lang, args.format)
    if not problems and args.format == "text":
        print(say("cli_valid", lang), file=sys.stderr)
    return EXIT_INVALID if problems else EXIT_OK


def command_build(args: argparse.Namespace, project: Project, lang: str) -> int:
    try:
        build(project, builder=args.builder)
    except ContentError as error:
        print_problems(error.problems, lang, args.format)
        return EXIT_INVALID
    except (BuildError, PlanError, WriteError) as error:
        print(str(error), file=sys.stderr)
        print(say("cli_site_not_updated", lang), file=sys.stderr)
        return EXIT_INVALID
    print(say("cli_site_built", lang, path=project.site), file=sys.stderr)
    return EXIT_OK


def command_render(args: argparse.Namespace, project: Project, lang: str) -> int:
    try:
        render(project, load_site(project))
    except ContentError as error:
        print_problems(error.problems, lang, args.format)
        return EXIT_INVALID
    except (PlanError, WriteError) as error:
        print(str(error), file=sys.stderr)
        return EXIT_INVALID
    print(say("cli_rendered", lang, path=project.build / "docs"), file=sys.stderr)
    return EXIT_OK


def command_new(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .scaffold import ScaffoldError, create

    loaded, _ = validate_content(project.content, project.root)
    slugs: dict[str, list[str]] = {}
    for item in loaded:
        slugs.setdefault(item.kind.name, []).append(item.record.slug)
    centre = next((i.record.centre for i in loaded if isinstance(i.record, Region) and i.record.slug == args.region), None)
    try:
        path = create(project.content, args.kind, args.title, args.region, slugs, centre)
    except ScaffoldError as error:
        print(f"python -m generator new: {scaffold_message(error, lang)}", file=sys.stderr)
        return EXIT_USAGE if error.code in {"needs_region", "bad_region", "empty_slug", "unknown_region"} else EXIT_INVALID
    print(display_path(path, project.root))
    return EXIT_OK


def scaffold_message(error: Exception, lang: str) -> str:
    from .problems import messages

    code = getattr(error, "code", "generic")
    params = getattr(error, "params", {})
    return messages()[f"new_{code}"][lang].format(**params)


def command_status(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .status import status_report

    try:
        site = load_site(project)
    except ContentError as error:
        print_problems(error.problems, lang, "text")
        return EXIT_INVALID
    print(status_report(site, lang, project.languages))
    return EXIT_OK


def command_schemas(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .schema_export import SCHEMA_DIR, rendered_schemas, write_schemas

    if args.check:
        stale = [
            name
            for name, text in rendered_schemas().items()
            if not (project.root / SCHEMA_DIR / name).exists()
            or (project.root / SCHEMA_DIR / name).read_text(encoding="utf-8") != text
        ]
        for name in stale:
            print(say("cli_stale_schema", lang, path=f"{SCHEMA_DIR}/{name}"), file=sys.stderr)
        return EXIT_INVALID if stale else EXIT_OK
    for path in write_schemas(project.root):
        print(display_path(path, project.root))
    return EXIT_OK


def command_cms_config(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .editor import CONFIG_FILE, config_is_current, rendered_config

    try:
        site = load_site(project)
    except ContentError as error:
        print_problems(error.problems, lang, "text")
        return EXIT_INVALID
    text = rendered_config(project, site)
    target = project.root / CONFIG_FILE
    if args.check:  # the values every YAML reader finds, not the formatting
        if not config_is_current(project, site):
            print(say("cli_stale_cms_config", lang, path=CONFIG_FILE), file=sys.stderr)
            return EXIT_INVALID
        return EXIT_OK
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
        print(CONFIG_FILE)
    return EXIT_OK


def command_diff(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .sitediff import changes, summary

    print(summary(changes(Project(args.base.resolve()), project), args.site_url))
    return EXIT_OK


def command_editor(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .editor_local import run

    code = command_build(argparse.Namespace(builder=builders.DEFAULT, format="text"), project, lang)
    return code if code != EXIT_OK else run(project, args.port, args.proxy_port, lang)


def command_check_links(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .linkcheck import broken_links, html_pages

    site = args.site or project.site
    if not site.is_dir():
        raise UsageError("cli_no_site", site=site)
    broken = broken_links(site)
    for entry in broken:
        print(say("cli_broken_link", lang, where=f"{site.name}/{entry}"), file=sys.stderr)
    print(say("cli_links", lang, pages=len(html_pages(site)), broken=len(broken)), file=sys.stderr)
    return EXIT_INVALID if broken else EXIT_OK


def command_serve(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .serve import serve

    return serve(project, args.host, args.port, lang)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    # Options left out anywhere: their defaults (set here, not on the shared option objects,
    # which the commands' parsers share with the main one).
    for name, default in (("root", Path(".")), ("lang", None), ("verbose", False)):
        if not hasattr(args, name):
            setattr(args, name, default)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    lang = args.lang or default_lang()
    project = Project(args.root.resolve())
    if not project.content.is_dir():
        print(f"python -m generator: {say('cli_error', lang)}: {say('cli_no_content', lang, root=project.root)}", file=sys.stderr)
        return EXIT_USAGE
    handlers = {
        "validate": command_validate,
        "build": command_build,
        "render": command_render,
        "serve": command_serve,
        "new": command_new,
        "status": command_status,
        "schemas": command_schemas,
        "check-links": command_check_links,
        "cms-config": command_cms_config,
        "editor": command_editor,
        "diff": command_diff,
    }
    try:
        return handlers[args.command](args, project, lang)
    except UsageError as error:
        print(f"python -m generator: {say('cli_error', lang)}: {say(error.code, lang, **error.params)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(say("cli_interrupted", lang), file=sys.stderr)
        return 130
