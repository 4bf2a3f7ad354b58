"""Preview server: both languages, rebuilt and reloaded in the browser when a file is saved.

It reuses MkDocs' own live-reload server (which injects the reload script into pages)
but serves the assembled two-language site/, built by the same pipeline as `build`.
Invalid content is reported in the terminal and the last good site stays on screen.
"""

from __future__ import annotations

import logging
import sys

from mkdocs.livereload import LiveReloadServer

from .build import BuildError, PreviewCache, build, preview_build
from .problems import ContentError, format_text
from .project import Project

log = logging.getLogger(__name__)


def rebuild(project: Project, lang: str, cache: PreviewCache | None = None) -> None:
    """A full build the first time; afterwards a preview build of what changed."""
    try:
        if cache is None or not cache.pages or not project.site.is_dir():
            build(project, cache=cache)
        else:
            preview_build(project, cache)
    except ContentError as error:
        for problem in error.problems:
            print(format_text(problem, lang), file=sys.stderr)
    except BuildError as error:
        print(str(error), file=sys.stderr)


def serve(project: Project, host: str, port: int, lang: str) -> int:
    import material  # noqa: F401 - imported once here, so forked rebuilds start warm
    import mkdocs.commands.build  # noqa: F401

    cache = PreviewCache()
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    quiet = logging.Filter()
    quiet.filter = lambda record: "'dirty' build" not in record.getMessage()  # type: ignore[method-assign]
    for handler in logging.getLogger().handlers:
        handler.addFilter(quiet)
    rebuild(project, lang, cache)
    # One preview right away: the first one after a full build is slow (fresh processes
    # touching a fresh cache); doing it now keeps every later save fast.
    rebuild(project, lang, cache)
    server = LiveReloadServer(builder=lambda: rebuild(project, lang, cache), host=host, port=port, root=str(project.site))
    server.build_delay = 0.05
    for watched in (
        project.content,
        project.docs,
        project.root / "overrides",
        project.mkdocs_yml,
        project.root / "generator" / "templates",
    ):
        if watched.exists():
            server.watch(str(watched))
    print(f"Serving on {server.url} (bg) and {server.url}en/ (en); Ctrl-C to stop.", file=sys.stderr)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
