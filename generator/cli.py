"""Command line: a thin layer that maps the stages' outcomes to messages and exit codes.

Exit codes: 0 fine, 1 invalid content (or a failed site build), 2 wrong command line.
"""

from __future__ import annotations

import argparse
import gettext
import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import builders
from .build import BuildError, address_problems, build, load_site, render
from .kinds import REGISTRY
from .plan import PlanError
from .problems import LANGS, ContentError, Problem, counted, default_lang, format_github, format_json, format_text, messages, say
from .project import Project
from .validate import display_path, validate_content
from .words import labels
from .writer import WriteError

log = logging.getLogger("generator")

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A wrong command line: a message code of the catalogue and its parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


# What the command calls itself in what it prints: the partners' command (CONTRIBUTING).
# `./kb` only adds --root and --lang bg to `python -m generator` and tells it nothing, so the
# program cannot know which of the two started it; `./kb` is right for everyone in the
# project folder, developers included (the README lists both). Hints for developers' own
# commands (schemas, cms-config) keep `python -m generator`, as in the Makefile and CI.
PROG = "./kb"


class ArgparseWords(gettext.NullTranslations):
    """argparse's own words — the usage line, the help's headings, mistakes on the command
    line — in the reader's language, from the catalogue (messages.yaml "argparse"), by the
    English text argparse asks gettext for; a text the catalogue lacks stays English."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.words: dict[str, Any] = messages()["argparse"].get(lang, {})

    def gettext(self, message: str) -> str:
        found = self.words.get(message)
        return found if isinstance(found, str) else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        found = self.words.get(msgid1)
        if isinstance(found, list):
            return str(found[0] if n == 1 else found[1])
        return msgid1 if n == 1 else msgid2


@contextmanager
def argparse_speaks(lang: str) -> Iterator[None]:
    """argparse formats its words itself (through gettext's `_` and `ngettext`, which it
    imports) before printing them or calling `error`, so they are translated where it asks
    for them: its two gettext functions are bound to the catalogue's while the command line
    is read, and given back after. (gettext's own lookup would need compiled .mo files and
    would follow the locale, not --lang.)"""
    words = ArgparseWords(lang)
    saved = {name: getattr(argparse, name) for name in ("_", "ngettext")}
    setattr(argparse, "_", words.gettext)  # noqa: B010 (argparse's module globals, not in its stubs)
    setattr(argparse, "ngettext", words.ngettext)  # noqa: B010
    try:
        yield
    finally:
        for name, function in saved.items():
            setattr(argparse, name, function)


def requested_lang(argv: Sequence[str]) -> str | None:
    """The language --lang asks for (the last one given), read before argparse reads the
    rest: its help and its mistakes are told in that language."""
    found = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in LANGS:
            found = value
    return found


def kinds_listed(lang: str) -> str:
    """The kinds `new` writes, as typed and as called: "measure (мярка), …"."""
    names = labels()["kinds"]
    return ", ".join(f"{kind.name} ({names.get(kind.name, {}).get(lang, kind.name).lower()})" for kind in REGISTRY if kind.new)


def parser(lang: str = "en") -> argparse.ArgumentParser:
    """The command line, its help in `lang` (call it inside `argparse_speaks(lang)`, so that
    argparse's own words are in `lang` too)."""

    def h(key: str) -> str:
        return str(messages()["cli_help"][key][lang])

    # The options every command takes, accepted before or after the command's name (people
    # type `validate --lang bg` as often as `--lang bg validate`).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, metavar=h("folder_metavar"), help=h("root"))
    common.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=h("lang"))
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help=h("verbose"))
    main = argparse.ArgumentParser(prog=PROG, description=h("description"), parents=[common])
    commands = main.add_subparsers(dest="command", required=True, metavar=h("command_metavar"), title=h("commands"))

    def command(name: str, key: str = "") -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[common], help=h(key or name), description=h(key or name))

    def with_format(name: str) -> argparse.ArgumentParser:
        made = command(name)
        made.add_argument("--format", choices=["text", "github", "json"], default="text", help=h("format"))
        return made

    with_format("validate").add_argument("paths", nargs="*", type=Path, metavar=h("path_metavar"), help=h("paths"))
    with_format("build").add_argument("--builder", choices=builders.NAMES, default=builders.DEFAULT, help=h("builder"))
    with_format("render")

    serve = command("serve")
    serve.add_argument("--port", type=int, default=8000, metavar=h("port_metavar"), help=h("port"))
    serve.add_argument("--host", default="127.0.0.1", metavar=h("address_metavar"), help=h("host"))

    new = command("new")
    new.add_argument("kind", choices=[kind.name for kind in REGISTRY if kind.new], metavar=h("kind_metavar"), help=h("kind").format(kinds=kinds_listed(lang)))
    new.add_argument("--title", required=True, metavar=h("title_metavar"), help=h("title"))
    new.add_argument("--region", metavar=h("region_metavar"), help=h("region"))

    command("status")
    command("schemas").add_argument("--check", action="store_true", help=h("schemas_check"))
    command("cms-config", "cms_config")

    diff = command("diff")
    diff.add_argument("--base", type=Path, required=True, metavar=h("folder_metavar"), help=h("base"))
    diff.add_argument("--site-url", default="", metavar=h("address_metavar"), help=h("site_url"))

    local = command("editor")
    local.add_argument("--port", type=int, default=8000, metavar=h("port_metavar"), help=h("port"))
    local.add_argument("--proxy-port", type=int, default=8081, metavar=h("port_metavar"), help=h("proxy_port"))

    command("check-links", "check_links").add_argument("--site", type=Path, default=None, metavar=h("folder_metavar"), help=h("site"))
    return main


def print_problems(problems: list[Problem], lang: str, fmt: str, summary: str = "cli_checked") -> None:
    """Every problem, then (as text) how many in how many files, and what that means: by
    default only that they are to fix; `cli_summary` where a site was being made."""
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
        said = say(summary, lang, problems=counted("count_problems", len(problems), lang), files=counted("count_files", files, lang))
        print(said, file=sys.stderr)


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
        print_withdrawn([item.record.path for item in loaded if item.record.is_withdrawn], lang)
        print(say("cli_valid", lang), file=sys.stderr)
    return EXIT_INVALID if problems else EXIT_OK


def print_withdrawn(paths: list[str], lang: str) -> None:
    """Records marked to be deleted are not published: each is said, so no file vanishes unsaid."""
    for path in paths:
        print(f"{path}: {say('withdrawn_record', lang)}", file=sys.stderr)


def command_build(args: argparse.Namespace, project: Project, lang: str) -> int:
    try:
        report = build(project, builder=args.builder)
    except ContentError as error:
        print_problems(error.problems, lang, args.format, "cli_summary")
        return EXIT_INVALID
    except (BuildError, PlanError, WriteError) as error:
        print(str(error), file=sys.stderr)
        print(say("cli_site_not_updated", lang), file=sys.stderr)
        return EXIT_INVALID
    print_withdrawn(list(report.withdrawn), lang)
    print(say("cli_site_built", lang, path=project.site), file=sys.stderr)
    return EXIT_OK


def command_render(args: argparse.Namespace, project: Project, lang: str) -> int:
    try:
        render(project, load_site(project))
    except ContentError as error:
        print_problems(error.problems, lang, args.format, "cli_summary")
        return EXIT_INVALID
    except (PlanError, WriteError) as error:
        print(str(error), file=sys.stderr)
        return EXIT_INVALID
    print(say("cli_rendered", lang, path=project.build / "docs"), file=sys.stderr)
    return EXIT_OK


def command_new(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .model import build_site
    from .scaffold import ScaffoldError, create

    loaded, _problems = validate_content(project.content, project.root)  # the records there are, to choose from
    try:
        path = create(project.content, args.kind, args.title, args.region, build_site(loaded))
    except ScaffoldError as error:
        print(f"{PROG} new: {say('cli_error', lang)}: {scaffold_message(error, lang)}", file=sys.stderr)
        return EXIT_USAGE if error.code in {"needs_region", "bad_region", "empty_slug", "unknown_region"} else EXIT_INVALID
    print(display_path(path, project.root))
    return EXIT_OK


def scaffold_message(error: Exception, lang: str) -> str:
    code = getattr(error, "code", "generic")
    params = {key: value.get(lang, value) if isinstance(value, dict) else value for key, value in getattr(error, "params", {}).items()}
    return str(messages()[f"new_{code}"][lang]).format(**params)


def command_status(args: argparse.Namespace, project: Project, lang: str) -> int:
    """The status of every record that could be read; then, if some files have problems,
    how many and which command shows them (their records may be missing above)."""
    from .model import build_site
    from .status import status_report

    loaded, problems = validate_content(project.content, project.root)
    print(status_report(build_site(loaded), lang, project.languages))
    if problems:
        print(counted("status_invalid_files", len({problem.path for problem in problems}), lang), file=sys.stderr)
        return EXIT_INVALID
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
    from .editor import write_config

    try:
        site = load_site(project)
    except ContentError as error:
        print_problems(error.problems, lang, "text")
        return EXIT_INVALID
    print(display_path(write_config(project, site), project.root))
    return EXIT_OK


def command_diff(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .sitediff import changes, summary

    print(summary(changes(Project(args.base.resolve()), project), args.site_url))
    return EXIT_OK


def command_editor(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .editor_local import run

    built = argparse.Namespace(builder=builders.DEFAULT, format="text")
    return run(project, args.port, args.proxy_port, lang, before=lambda: command_build(built, project, lang))


def command_check_links(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .linkcheck import broken_links, html_pages

    site = args.site or project.site
    if not site.is_dir():
        raise UsageError("cli_no_site", site=site)
    broken = broken_links(site)
    for entry in broken:
        print(say("cli_broken_link", lang, where=f"{site.name}/{entry}"), file=sys.stderr)
    pages, links = counted("count_pages", len(html_pages(site)), lang), counted("count_broken_links", len(broken), lang)
    print(say("cli_links", lang, pages=pages, broken=links), file=sys.stderr)
    return EXIT_INVALID if broken else EXIT_OK


def command_serve(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .serve import serve

    return serve(project, args.host, args.port, lang)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    asked = requested_lang(argv) or default_lang()
    try:
        with argparse_speaks(asked):
            args = parser(asked).parse_args(argv)
    except SystemExit as stop:  # --help (0), or a mistake on the command line (2): argparse has said it
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    # Options left out anywhere: their defaults (set here, not on the shared option objects,
    # which the commands' parsers share with the main one).
    for name, default in (("root", Path(".")), ("lang", None), ("verbose", False)):
        if not hasattr(args, name):
            setattr(args, name, default)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    lang = args.lang or default_lang()
    project = Project(args.root.resolve())
    if not project.content.is_dir():
        print(f"{PROG}: {say('cli_error', lang)}: {say('cli_no_content', lang, root=project.root)}", file=sys.stderr)
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
        print(f"{PROG}: {say('cli_error', lang)}: {say(error.code, lang, **error.params)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(say("cli_interrupted", lang), file=sys.stderr)
        return 130
