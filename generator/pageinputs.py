"""What a page is made from: the page cache's key (render.py), so that `serve` renders again
only the pages an edit changes.

A page shows what the plan gave it (its context: records, lists of records, the cells of
the matrix …), what its template reads of the whole site (`site.measures`,
`site.history_of(record)`), its templates and the site's acronyms. Two builds give a page
equal keys exactly when all of those are the same:

- A record is the same when it is the same object: `serve` keeps the records of unchanged
  files between saves (validate.FileCache) and loads a changed file into a new one. Each
  record object gets a number no other one in the process has (an id() can be reused once
  its object is gone). It is compared with the records it refers to, and theirs, since a
  page shows their titles.
- What the template reads of the site is noted while it renders (SiteReads) and read again
  from the next build's site.
- Everything else (addresses, pagers, cells) is compared by value.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .model import Site, references_of
from .schema import Record

Read = tuple[str, tuple[Any, ...] | None]  # a site attribute's name, and the call's arguments (None: not a call)


@dataclass(frozen=True)
class RecordAt:
    """A record passed to a call on the site, by its file (a read is sent from a forked
    renderer to the driver as plain values, and read again from the next build's site)."""

    path: str


PLAIN = (str, int, float, bool, datetime.date, type(None))


@dataclass(frozen=True, eq=False)
class Same:
    """An object compared by identity (and kept alive by the key, so its id is never reused)."""

    value: Any

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.value is self.value

    def __hash__(self) -> int:
        return id(self.value)


_NUMBERS = itertools.count(1)


def record_number(record: Record) -> int:
    """The record object's own number, given when first asked (compared as a plain int)."""
    return record.derived("number", lambda: next(_NUMBERS))


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return _FIELD_NAMES[kind]


def _plain(inputs: PageInputs, value: Any) -> Any:
    return value


def _same(inputs: PageInputs, value: Any) -> Any:
    # A part of a record (a text, a body) is new exactly when its record's file changed;
    # a kind, a function: the same for the life of the process.
    return Same(value)


def _way_for(kind: type) -> Callable[[PageInputs, Any], Any]:
    """How a value of this type is keyed (found once per type: thousands of values a page)."""
    if issubclass(kind, PLAIN):
        return _plain
    if issubclass(kind, Record):
        return PageInputs.record
    for base, way in ((list, PageInputs._list), (tuple, PageInputs._tuple), (dict, PageInputs._dict)):
        if issubclass(kind, base):
            return way  # type: ignore[return-value]
    if dataclasses.is_dataclass(kind):
        return PageInputs._dataclass
    return _same


_WAYS: dict[type, Callable[[PageInputs, Any], Any]] = {}


@dataclass(frozen=True)
class Keywords:
    """A call's keyword arguments, noted after its positional ones."""

    items: tuple[tuple[str, Any], ...]


class PageInputs:
    """Keys of one build's pages; each record's part is worked out once per build."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._records: dict[int, tuple[Record, Any]] = {}
        self._lists: dict[int, Any] = {}  # the model's lists, shown on several pages: each walked once
        self.pages: dict[str, Any] = {}  # page path → key (the same in every language: asked once)
        self._by_path: dict[str, Record] | None = None

    def of(self, value: Any) -> Any:
        """A value equal to another build's exactly when a page showing either comes out the same."""
        way = _WAYS.get(type(value))
        if way is None:
            way = _WAYS[type(value)] = _way_for(type(value))
        return way(self, value)

    def _list(self, value: list[Any]) -> Any:
        known = self._lists.get(id(value))
        if known is None or known[0] is not value:  # (the list is kept: its id is not reused meanwhile)
            known = self._lists[id(value)] = (value, tuple([self.of(item) for item in value]))
        return known[1]

    def _tuple(self, value: tuple[Any, ...]) -> Any:
        return tuple([self.of(item) for item in value])

    def _dict(self, value: dict[Any, Any]) -> Any:
        return tuple([(key, self.of(item)) for key, item in value.items()])

    def _dataclass(self, value: Any) -> Any:
        return (type(value).__name__, *[self.of(getattr(value, name)) for name in _field_names(type(value))])

    def record(self, record: Record) -> Any:
        """The record itself, when its file last changed, and the records it refers to (theirs too)."""
        known = self._records.get(id(record))
        if known is not None and known[0] is record:
            return known[1]
        number = record_number(record)
        self._records[id(record)] = (record, number)  # a cycle of references ends here
        targets = [self.site.get(kind, slug) for _, kind, slug, _, _ in references_of(record)]
        key = (number, self.site.changed.get(record.path), tuple(self.record(t) for t in targets if t is not None))
        self._records[id(record)] = (record, key)  # (the record kept: its id is not reused meanwhile)
        return key

    def read(self, read: Read) -> Any:
        """What a template read of the site, read again from this build's site."""
        name, arguments = read
        value = getattr(self.site, name)
        if arguments is None:
            return self.of(value)
        if self._by_path is None:
            self._by_path = {record.path: record for record in self.site.records}
        if any(isinstance(a, RecordAt) and a.path not in self._by_path for a in arguments):
            return RecordAt("")  # the record is gone: the page changes (and equals no other answer)
        given = [self._by_path[a.path] if isinstance(a, RecordAt) else a for a in arguments]
        positional = [a for a in given if not isinstance(a, Keywords)]
        keywords = next((dict(a.items) for a in given if isinstance(a, Keywords)), {})
        return self.of(value(*positional, **keywords))


class SiteReads:
    """The site as a page's template sees it, noting what the template reads of it."""

    def __init__(self, site: Site) -> None:
        self._site = site
        self.reads: list[Read] = []

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._site, name)
        if callable(value):
            return self._noted_call(name, value)
        self.reads.append((name, None))
        return value

    def _noted_call(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*arguments: Any, **keywords: Any) -> Any:
            noted = [RecordAt(a.path) if isinstance(a, Record) else a for a in arguments]
            if keywords:
                noted.append(Keywords(tuple(sorted(keywords.items()))))
            self.reads.append((name, tuple(noted)))
            return method(*arguments, **keywords)

        return call


def read_values(inputs: PageInputs, reads: list[Read]) -> tuple[tuple[Read, Any], ...]:
    """Each read once, with what it found (a later build's answers are compared with them)."""
    try:
        once = list(dict.fromkeys(reads))
    except TypeError:  # an argument that cannot be a key (a list): every read kept
        once = reads
    return tuple((read, inputs.read(read)) for read in once)


def reads_unchanged(inputs: PageInputs, reads: tuple[tuple[Read, Any], ...]) -> bool:
    return all(inputs.read(read) == found for read, found in reads)
