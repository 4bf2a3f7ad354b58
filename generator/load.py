"""Stage 1 — load: YAML files become plain data plus the line and column of every value.

PyYAML's composer gives every node its position (a "mark"); we build the Python values
from those nodes ourselves so that we can (a) remember where each key and value came
from, (b) refuse duplicate keys, which PyYAML's constructor silently overwrites, and
(c) bound what untrusted input can make us do (aliases, depth, size). Scalars are still
typed by PyYAML's SafeConstructor, so only plain YAML data types are ever built.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Position, Problem, os_reason

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 20
MAX_NODES = 20_000  # counted with aliases expanded: a "billion laughs" file stops here
# Characters of text, counted with aliases expanded: a few aliases of a long text would
# otherwise make a small file into a page of hundreds of megabytes.
MAX_EXPANDED_CHARS = 2 * MAX_FILE_BYTES
# C0 control characters (and DEL) have no place in text; tab and line feed do.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Line breaks only YAML 1.1 knows (next line, line and paragraph separators): PyYAML breaks
# lines at them — a plain value folds, line numbers count lines no editor shows — while the
# form's YAML 1.2 reader and every editor keep them as characters. Refused where they are,
# so the two readers never disagree (the form writes them as ordinary line breaks).
YAML11_BREAKS = re.compile("[\x85\u2028\u2029]")
NESTING_START = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
NESTING_END = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    TIMESTAMP_TAG,
}

Location = tuple[str | int, ...]
# libyaml's parser (PyYAML's C binding) gives the same nodes and marks ten times faster;
# the pure-Python one is the fallback where PyYAML was built without libyaml.
COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Document:
    """One loaded YAML file: its data and where each value (and each key) sits in it."""

    path: str  # as shown in messages, relative to the project when possible
    data: Any
    value_positions: dict[Location, Position] = field(default_factory=dict)
    key_positions: dict[Location, Position] = field(default_factory=dict)

    def position_of(self, location: Location, *, key: bool = False) -> Position:
        """The position of a value (or of its key), else of the nearest enclosing value."""
        table = self.key_positions if key else self.value_positions
        loc = tuple(location)
        while loc:
            if loc in table:
                return table[loc]
            if key and loc in self.value_positions:
                return self.value_positions[loc]
            loc = loc[:-1]
        return self.value_positions.get((), Position(1, 1))


class LoadError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def _position(mark: Any) -> Position:  # yaml.Mark, or the C parser's own Mark
    return Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)


class _Builder:
    """Turns a composed node graph into Python values, recording positions."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.constructor = yaml.SafeLoader("")
        self.nodes_seen = 0
        self.chars_seen = 0
        self.document = Document(path=path, data=None)

    def fail(self, node: yaml.Node, code: str, **params: Any) -> LoadError:
        return LoadError(Problem(self.path, _position(node.start_mark), code, params))

    def build(self, node: yaml.Node, location: Location, depth: int) -> Any:
        self.nodes_seen += 1
        if self.nodes_seen > MAX_NODES:
            raise self.fail(node, "too_many_nodes", limit=MAX_NODES)
        if depth > MAX_DEPTH:
            raise self.fail(node, "too_deep", limit=MAX_DEPTH)
        self.document.value_positions.setdefault(location, _position(node.start_mark))
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, location, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise self.fail(node, "unsafe_tag", tag=node.tag)
            return [self.build(item, (*location, i), depth + 1) for i, item in enumerate(node.value)]
        return self.build_scalar(node)

    def build_mapping(self, node: yaml.MappingNode, location: Location, depth: int) -> dict[str, Any]:
        if node.tag != "tag:yaml.org,2002:map":
            raise self.fail(node, "unsafe_tag", tag=node.tag)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "bad_key")
            key = self.build_scalar(key_node)
            if not isinstance(key, str):
                key = str(key)
            child = (*location, key)
            if key in result:
                first = self.document.key_positions[child]
                raise self.fail(key_node, "duplicate_key", field=key, first_line=first.line)
            self.document.key_positions[child] = _position(key_node.start_mark)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def build_scalar(self, node: yaml.Node) -> Any:
        """A plain YAML value. Every scalar a person can type ends as a value or as an error
        with its position: dates stay text (the schema reads the date fields, and says so
        when a date is impossible), and what YAML cannot convert is reported, not raised."""
        if node.tag not in PLAIN_TAGS:
            raise self.fail(node, "unsafe_tag", tag=node.tag)
        text = str(node.value)
        self.chars_seen += len(text)
        if self.chars_seen > MAX_EXPANDED_CHARS:
            raise self.fail(node, "too_much_text", limit=MAX_EXPANDED_CHARS)
        if CONTROL.search(text):
            found = CONTROL.search(text)
            assert found is not None
            raise self.fail(node, "control_character", char=f"U+{ord(found.group()):04X}")
        if node.tag == TIMESTAMP_TAG:
            return text
        if node.tag == "tag:yaml.org,2002:str":
            # " Русе " and "Русе" are one name to a reader: outer spaces never carry meaning
            # in a record, and names are matched and sorted by their text
            return text.strip()
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            raise self.fail(node, "unsafe_tag", tag=node.tag) from error
        except (ValueError, OverflowError) as error:  # e.g. an integer too long to convert
            raise self.fail(node, "unreadable_value", value=text[:40] + ("…" if len(text) > 40 else "")) from error


def read_text(path: Path, display: str) -> str:
    """Read a content file as UTF-8, refusing what YAML content should never be."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(Problem(display, Position(1, 1), "file_too_large", {"size": size, "limit": MAX_FILE_BYTES}))
        raw = path.read_bytes()
    except OSError as error:  # no permission to read it, or it went away meanwhile
        raise LoadError(Problem(display, Position(1, 1), "unreadable_path", {"reason": os_reason(error)})) from error
    try:
        text = raw.decode("utf-8-sig")  # a BOM (as some Windows editors write) is accepted
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise LoadError(Problem(display, Position(line, column), "not_utf8", {})) from error
    if "\x00" in text:
        raise LoadError(Problem(display, _text_position(text, text.index("\x00")), "nul_byte", {}))
    found = YAML11_BREAKS.search(text)
    if found:
        char = f"U+{ord(found.group()):04X}"
        raise LoadError(Problem(display, _text_position(text, found.start()), "line_separator", {"char": char}))
    # Composed (NFC), as people type it: text pasted decomposed (NFD, as some systems copy
    # it) looks the same but would not be found by search or matched as a name.
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n"))


def _text_position(text: str, offset: int) -> Position:
    """Line and column of a character, counting lines as editors do (at line feeds only)."""
    before = text[:offset]
    return Position(before.count("\n") + 1, len(before.rsplit("\n", 1)[-1]) + 1)


def _tab_indented(text: str, mark: yaml.Mark | None) -> bool:
    """Whether the failing line (or the one before) is indented with a tab."""
    if mark is None:
        return False
    lines = text.split("\n")
    for index in (mark.line, mark.line - 1):
        if 0 <= index < len(lines):
            line = lines[index]
            if "\t" in line[: len(line) - len(line.lstrip())]:
                return True
    return False


# What PyYAML says, said in Bulgarian too (its words are English; a partner reads these).
SYNTAX_WORDS = {
    "mapping values are not allowed": "двоеточие там, където не се очаква (дали стойността не трябва да е в кавички?)",
    "did not find expected key": "очаква се поле („ключ: стойност“) с правилния отстъп",
    "did not find expected node content": "очаква се стойност, а няма",
    "did not find expected '-' indicator": "очаква се елемент на списък („- …“) с правилния отстъп",
    "could not find expected ':'": "липсва двоеточие след името на полето",
    "found character '\\t' that cannot start any token": "табулация там, където трябва интервал",
    "found unexpected end of stream": "файлът свършва, преди кавичките или скобите да са затворени",
    "found undefined alias": "псевдоним („*…“) без съответна котва („&…“)",
    "found unknown escape character": "непозната поредица с обратна наклонена черта в кавичките",
    "expected <block end>": "отстъпът на този ред не съвпада с този на реда преди него",
    "expected ',' or ']'": "незатворена квадратна скоба „[“",
    "expected ',' or '}'": "незатворена фигурна скоба „{“",
    "found unacceptable character": "знак, който не може да стои в текстов файл",
}


def syntax_detail(problem: str) -> dict[str, str]:
    """PyYAML's description of a syntax error, in both languages (English as it says it)."""
    bulgarian = next((words for start, words in SYNTAX_WORDS.items() if problem.startswith(start)), "грешка в записа")
    return {"bg": bulgarian, "en": problem or "syntax error"}


def _check_nesting(text: str, display: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before anything is composed. libyaml's composer
    (and PyYAML's own) build nested values by recursion: a file of a few kilobytes nested
    tens of thousands of levels ("[[[[…") overflows the C stack and kills the process with
    no message. The parser underneath walks the text with a stack of its own, so counting
    its events is safe at any depth, and it stops at the first level too many."""
    depth = 0
    for event in yaml.parse(text, Loader=COMPOSER):
        if isinstance(event, NESTING_START):
            depth += 1
            if depth > MAX_DEPTH + 1:  # the top mapping is level 0 to the builder, 1 here
                raise LoadError(Problem(display, _position(event.start_mark), "too_deep", {"limit": MAX_DEPTH}))
        elif isinstance(event, NESTING_END):
            depth -= 1


def load_document(path: Path, display: str) -> Document:
    """Load one YAML file, or raise LoadError with the position of the first problem."""
    text = read_text(path, display)
    if not text.strip():
        raise LoadError(Problem(display, Position(1, 1), "empty_file", {}))
    try:
        _check_nesting(text, display)
        node = yaml.compose(text, Loader=COMPOSER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        detail = syntax_detail((error.problem or "").strip())
        code = "tab_indent" if _tab_indented(text, mark) else "yaml_syntax"
        raise LoadError(Problem(display, _position(mark), code, {"detail": detail})) from error
    except yaml.YAMLError as error:  # e.g. a reader error on control characters
        detail = syntax_detail(str(getattr(error, "reason", "") or "found unacceptable character"))
        raise LoadError(Problem(display, Position(1, 1), "yaml_syntax", {"detail": detail})) from error
    if node is None:
        raise LoadError(Problem(display, Position(1, 1), "empty_file", {}))
    builder = _Builder(display)
    builder.document.data = builder.build(node, (), 0)
    if not isinstance(builder.document.data, dict):
        raise LoadError(Problem(display, _position(node.start_mark), "not_a_mapping", {}))
    return builder.document
