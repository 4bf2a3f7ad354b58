"""Acronyms at first use: the first time a page's running text uses an acronym the content
declares (`abbreviations` of content/search/everyday-words.yaml), the reader sees its full
name with it — „Дирекция „Социално подпомагане“ (ДСП)“ — unless the page has written the
full name before.

Part of the render stage (render.py calls it on each finished page), because "first" and
"before" are facts of the whole page as it is read, whichever templates and records made
its parts. Only running text changes: never the front matter, a heading, a link (its words
or its target), code, an HTML tag or its attributes, an element that already explains an
abbreviation (<abbr>), or a word the acronym is only part of. The full name is written in
the language of the text around the acronym: the page's, or that of a part shown
untranslated (lang="…"). How the two are put together is the catalogue's (`first_use`).
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from . import schema
from .schema import Abbreviation

# Elements whose text is never running text, or that already explain an abbreviation.
SKIPPED = frozenset(
    {"a", "abbr", "code", "pre", "kbd", "samp", "script", "style", "svg", "math", "textarea", "button", "title"}
    | {f"h{level}" for level in range(1, 7)}
)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

# What a line of a page's Markdown holds besides words, in the order a reader meets it:
# each alternative is a piece that is never changed (its words may still count as "written").
INLINE = re.compile(
    r"""(?P<comment><!--.*?(?:-->|$))"""
    r"""|(?P<autolink><(?:https?|mailto|tel):[^>\s]*>)"""
    r"""|(?P<tag><(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*?)(?P<selfclose>/?)>)"""
    r"""|(?P<code>(?P<ticks>`+).+?(?P=ticks))"""
    r"""|(?P<link>!?\[(?P<words>(?:\\.|[^\]\\])*)\]\([^)]*\))"""
    r"""|(?P<attrlist>\{:?[^}]*\})"""
    r"""|(?P<escape>\\.)"""
    r"""|(?P<entity>&#?[A-Za-z0-9]+;)"""
)
LANG_ATTRIBUTE = re.compile(r"""\blang\s*=\s*["']?([A-Za-z-]+)""")
HEADING_LINE = re.compile(r"[ \t]*#{1,6}([ \t]|$)")
ADMONITION_LINE = re.compile(r"[ \t]*(?:!!!|\?\?\?\+?)[ \t]")
FENCE = re.compile(r"[ \t]*(```|~~~)")
# Characters that would be read as Markdown or HTML in an inserted full name: written as
# character references, which mean the same in Markdown and inside raw HTML.
AS_REFERENCE = {char: f"&#{ord(char)};" for char in "\\`*_[]{}#|~<>&!"}


@dataclass(frozen=True)
class Piece:
    """Words of the page as a reader sees them: where they start in the page's text, and
    whether they are running text in which an acronym may be written out, in which language."""

    start: int
    text: str
    running: bool
    lang: str


@dataclass(frozen=True)
class FullName:
    """An acronym, and its full name in each language the content gives (`names`)."""

    short: str
    names: dict[str, str]

    @classmethod
    def of(cls, abbreviation: Abbreviation) -> FullName:
        full = abbreviation.full
        return cls(
            abbreviation.short, {code: " ".join(full.get(code).split()) for code in schema.LANGUAGE_CODES if full.has(code)}
        )

    def name_in(self, lang: str, fallback: Sequence[str]) -> str:
        return next((self.names[code] for code in (lang, *fallback) if code in self.names), "")

    def written(self) -> re.Pattern[str]:
        """The full name in any language, as a page may write it: any spacing, any case, and
        a Bulgarian article on the first word („Законът за защита от домашното насилие“)."""
        forms = []
        for name in self.names.values():
            words = [_escaped_form(word) for word in name.split()]
            if words and re.search(r"[а-я]$", name.split()[0]):
                words[0] += "[а-я]{0,3}"
            forms.append(r"\s+".join(words))
        return re.compile(r"(?<!\w)(?:" + "|".join(forms) + r")(?!\w)", re.IGNORECASE)

    def used(self) -> re.Pattern[str]:
        """The acronym as a word of its own (not in „ДСП-то“ or „АДСП“)."""
        return re.compile(r"(?<![\w-])" + re.escape(self.short) + r"(?![\w-])")


def _escaped_form(word: str) -> str:
    """A word of a full name, as it may stand in a page's Markdown (escaped, or as HTML)."""
    parts = []
    for char in word:
        forms = {re.escape(char), re.escape(html.escape(char))}
        if char in AS_REFERENCE:
            forms |= {re.escape("\\" + char), re.escape(AS_REFERENCE[char])}
        parts.append(f"(?:{'|'.join(sorted(forms))})" if len(forms) > 1 else re.escape(char))
    return "".join(parts)


def with_full_names(text: str, full_names: Sequence[FullName], lang: str, fallback: Sequence[str], shape: str) -> str:
    """The page's Markdown with each acronym's first use in running text written out as
    `shape` ("{full} ({short})") — unless the page wrote the full name before it."""
    if not full_names:
        return text
    pieces = list(_pieces(text, lang))
    # What a reader sees, in order, each piece at its place: a full name broken over lines or
    # around a tag (<em>) is still found.
    visible = " ".join(piece.text for piece in pieces)
    starts = list(itertools.accumulate((len(piece.text) + 1 for piece in pieces), initial=0))[:-1]
    changes: list[tuple[int, int, str]] = []
    for name in full_names:
        found = _first_use(pieces, starts, visible, name)
        if found is None:
            continue
        piece, match = found
        full = name.name_in(piece.lang, (lang, *fallback))
        if full:
            written = "".join(AS_REFERENCE.get(char, char) for char in shape.format(full=full, short=name.short))
            changes.append((piece.start + match.start(), piece.start + match.end(), written))
    for start, end, written in sorted(changes, reverse=True):
        text = text[:start] + written + text[end:]
    return text


def _first_use(pieces: list[Piece], starts: list[int], visible: str, name: FullName) -> tuple[Piece, re.Match[str]] | None:
    """The acronym's first use in running text, if the page has not written its full name
    before it (in any language, anywhere a reader sees words: a title counts)."""
    full = name.written().search(visible)
    before = full.start() if full else len(visible)
    used = name.used()
    for piece, start in zip(pieces, starts, strict=True):
        if start > before:
            return None
        use = used.search(piece.text) if piece.running else None
        if use:
            return (piece, use) if start + use.start() < before else None
    return None


class _Open:
    """The HTML elements open at a point of the page: whether its words are skipped, and in
    which language they are written."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.elements: list[tuple[str, bool, str]] = []  # (name, skipped, language)

    @property
    def skipped(self) -> bool:
        return bool(self.elements) and self.elements[-1][1]

    @property
    def language(self) -> str:
        return self.elements[-1][2] if self.elements else self.lang

    def follow(self, tag: re.Match[str]) -> None:
        name = tag["name"].lower()
        if tag["close"]:
            names = [open_name for open_name, _, _ in self.elements]
            if name in names:
                del self.elements[len(names) - 1 - names[::-1].index(name) :]
        elif name not in VOID and not tag["selfclose"]:
            declared = LANG_ATTRIBUTE.search(tag["attrs"] or "")
            self.elements.append((name, self.skipped or name in SKIPPED, declared[1] if declared else self.language))


def _pieces(text: str, lang: str) -> Iterator[Piece]:
    """The page's words in order: running text, and the words of headings and links (seen by
    the reader, never changed). Front matter, fenced code, tags and link targets are left out."""
    open_now = _Open(lang)
    offset = 0
    fenced = False
    lines = text.split("\n")
    body = _body_start(lines)
    for number, line in enumerate(lines):
        start, offset = offset, offset + len(line) + 1
        if number < body:
            continue
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            heading = bool(HEADING_LINE.match(line) or ADMONITION_LINE.match(line))
            yield from _line_pieces(line, start, heading, open_now)


def _line_pieces(line: str, start: int, heading: bool, open_now: _Open) -> Iterator[Piece]:
    position = 0
    for match in INLINE.finditer(line):
        if match.start() > position:
            yield Piece(start + position, line[position : match.start()], not (heading or open_now.skipped), open_now.language)
        position = match.end()
        if match["link"]:
            yield Piece(start + match.start("words"), match["words"], False, open_now.language)
        elif match["tag"]:
            open_now.follow(match)
    if position < len(line):
        yield Piece(start + position, line[position:], not (heading or open_now.skipped), open_now.language)


def _body_start(lines: list[str]) -> int:
    """The first line after the front matter (---, YAML, ---), if the page has one."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    return next((number + 1 for number in range(1, len(lines)) if lines[number].rstrip() == "---"), 0)
