"""The record kinds, declared once.

Each kind is a pydantic model. The same declaration drives validation (validate.py),
the JSON Schema that editors use, the scaffolds of `generator new`, and the typed
objects that templates receive. Field documentation is bilingual because partners
read it in their editor and in scaffolds.

Why pydantic: it is a well-kept library that turns one typed declaration into a
validator with machine-readable error locations (which we map back to YAML lines)
and a JSON Schema, so no list of fields is ever kept twice.
"""

from __future__ import annotations

import datetime
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, TypeVar
from urllib.parse import urlsplit

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo

from .words import labels

T = TypeVar("T")

LANGUAGES = Path(__file__).resolve().parent.parent / "languages.yml"  # the repository's

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r"^(https?://|mailto:)[^\s<>\"']+$"
YEAR_MONTH_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2]))?$"
MAX_TEXT = 20_000


def doc(label_bg: str, label_en: str, en: str, bg: str, **kwargs: Any) -> Any:
    """A field with its short name and its documentation in both languages.

    The label is what people see (form labels, messages: „Заглавие“); the documentation
    explains the field (hints, scaffold comments). English goes where JSON Schema expects
    it (title, description), Bulgarian beside it; generator/walker.py reads both."""
    extra = dict(kwargs.pop("json_schema_extra", {}) or {})
    extra["description_bg"] = bg
    extra["label_bg"] = label_bg
    return Field(title=label_en, description=en, json_schema_extra=extra, **kwargs)


@dataclass(frozen=True)
class Expect:
    """What a pattern asks for, as a word of messages.yaml ("a_url"): told to people instead
    of the regular expression."""

    word: str


@dataclass(frozen=True)
class Unique:
    """Marks a field whose value no two records of a kind may share (a measure's number
    orders the list: two measures numbered 1 would make two pages titled „Мярка 1“). On a
    field of a group, no two of the groups anywhere in the kind's records share it, within
    one list too (an acronym listed twice would have two full names)."""


@dataclass(frozen=True)
class Choices:
    """Names a set of allowed values; their labels live under this name in labels.yaml."""

    name: str


@dataclass(frozen=True)
class Ref:
    """Marks a string field as the slug of another record of `kind` (checked after loading)."""

    kind: str


# What `python -m generator new` writes where a partner must fill in (scaffold.py): a record
# that still holds it is not finished, and validation says which field still needs filling.
PLACEHOLDER = {"bg": "ЗА ПОПЪЛВАНЕ", "en": "TO FILL IN"}
PLACEHOLDER_URL = "https://example.org/"
EXAMPLE_HOSTS = ("example.org", "example.com", "example.net")  # reserved: never a real source (RFC 2606)
# Python-Markdown takes time that grows fast with runs of "[" (unclosed link brackets):
# 2,000 of them take over a second. No real text needs more than this many.
MAX_BRACKETS = 200


def _filled_in(value: str) -> str:
    if any(marker in value for marker in PLACEHOLDER.values()):
        raise ValueError("placeholder")
    if value.count("[") > MAX_BRACKETS:
        raise ValueError("too_many_brackets")
    return value


def _real_address(value: str) -> str:
    host = (urlsplit(value).hostname or "").lower()
    if host in EXAMPLE_HOSTS or host.endswith(tuple("." + name for name in EXAMPLE_HOSTS)) or host.endswith(".example"):
        raise ValueError("placeholder_url")
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80), Expect("a_slug")]
MeasureRef = Annotated[Slug, Ref("measure")]
RegionRef = Annotated[Slug, Ref("region")]
PartnerRef = Annotated[Slug, Ref("partner")]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN, max_length=2000), Expect("a_url"), AfterValidator(_real_address)]
YearMonth = Annotated[str, StringConstraints(pattern=YEAR_MONTH_PATTERN), Expect("a_year_month")]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$"), Expect("a_country")]
# An acronym: all Cyrillic or all Latin capitals, never mixed (a Latin "A" in „AСП“ looks
# the same and would never be found in the text).
ACRONYM_PATTERN = r"^(?:[А-Я]{2,8}|[A-Z]{2,8})$"
Acronym = Annotated[str, StringConstraints(pattern=ACRONYM_PATTERN), Expect("an_acronym")]
PhoneNumber = Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 ]{1,20}$"), Expect("a_phone")]
ShortString = Annotated[str, StringConstraints(min_length=1, max_length=300), AfterValidator(_filled_in)]
LongString = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(_filled_in)]

# Enumerations. Their labels in each language live in locale/labels.yaml (a test checks
# that every value has both).
ActorType = Annotated[
    Literal[
    "municipality",
    "labour_office",
    "social_assistance",
    "employer",
    "crisis_centre",
    "ngo",
    "trade_union",
    "university",
    "other",
],
    Choices("ActorType"),
]
TargetGroup = Annotated[
    Literal[
    "women_survivors",
    "mothers_with_children",
    "children",
    "employers",
    "institutions",
    "professionals",
],
    Choices("TargetGroup"),
]
RegionState = Annotated[
    Literal["discussed", "chosen_for_pilot", "piloting", "in_place", "not_applicable"],
    Choices("RegionState"),
]
Support = Annotated[
    Literal["most_supported", "broad_support", "not_reported"],
    Choices("Support"),
]
# withdrawn: the record is to be deleted. Saved through the form like any change, so a deletion
# is reviewed in a pull request; once merged the record is no longer published (model.py) and
# the file can go.
ReviewState = Annotated[
    Literal["draft", "reviewed", "withdrawn"],
    Choices("ReviewState"),
]
PilotState = Annotated[
    Literal["to_be_decided", "concept", "running", "completed", "not_published"],
    Choices("PilotState"),
]
MeetingFormat = Annotated[
    Literal["online", "in_person", "hybrid"],
    Choices("MeetingFormat"),
]
PartnerRole = Annotated[
    Literal["local_partner", "lead_organisation", "protocol_signatory", "other"],
    Choices("PartnerRole"),
]
# Who takes the decision a measure needs: the municipal council, the employer, or the state.
DecisionLevel = Annotated[Literal["municipality", "employer", "state"], Choices("DecisionLevel")]
# What a body does for a measure in a region.
BodyRole = Annotated[Literal["decides", "acts", "decides_and_acts", "supports"], Choices("BodyRole")]
# EIGE's stages of a practice; given only where a source says so.
Maturity = Annotated[Literal["potential", "promising", "good"], Choices("Maturity")]
# A language of the site's content: one of languages.yml's codes (use_languages() sets them).
SiteLanguage = Annotated[str, Choices("SiteLanguage")]
# The language a source is written in.
SourceLanguage = Annotated[Literal["bg", "en", "it", "other"], Choices("SourceLanguage")]


class Resolved(dict[str, Any]):
    """The records a model's reference fields point at, filled in by the model stage.

    Compared by what the targets say, not by identity, so that a page cache can tell
    whether a page's inputs changed; never compared through their own references (two
    records may refer to each other)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Resolved) and self.keys() == other.keys() and all(
            _dumped(self[key]) == _dumped(other[key]) for key in self
        )

    __hash__ = None  # type: ignore[assignment]


class Derived(dict[str, Any]):
    """What is worked out from a record's fields (its references, its texts), kept with the
    record: `serve` keeps unchanged records between saves, so each is walked once, not on
    every save. It follows from the fields, so any two records with equal fields have equal
    ones: it never makes two records compare unequal."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Derived)

    __hash__ = None  # type: ignore[assignment]


def _dumped(value: Any) -> Any:
    if isinstance(value, list):
        return [_dumped(item) for item in value]
    return value.model_dump() if isinstance(value, BaseModel) else value


class Strict(BaseModel):
    """Unknown fields are errors: a typo such as `titel` must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    _resolved: Resolved = PrivateAttr(default_factory=Resolved)

    def ref(self, name: str) -> Any:
        """The record (or list of records) that the reference field `name` points at."""
        return self._resolved.get(name)


# One field per language code of the site, added by use_languages() below.
class Text(Strict):
    """Human-readable text in each language of the site. Markdown is allowed; raw HTML is not."""

    draft: bool = doc(
        "Чернова", "Draft", "true when this text goes beyond the record's sources and awaits partner review.",
        "true, когато текстът излиза извън източниците и чака преглед от партньор.",
        default=False,
    )

    @model_validator(mode="after")
    def _has_some_text(self) -> Text:
        if not any(self.has(code) for code in LANGUAGE_CODES):
            raise ValueError("empty_text")
        return self

    def has(self, lang: str) -> bool:
        return bool(str(getattr(self, lang, "")).strip())

    def in_language(self, lang: str, fallback: tuple[str, ...] = ()) -> tuple[str, str]:
        """(text, its language): the text in `lang`, or until it is translated, in the first
        language of `fallback` that has it (the project's fallback order, project.py)."""
        for code in (lang, *fallback):
            if self.has(code):
                return str(getattr(self, code)).strip(), code
        return "", lang

    def get(self, lang: str, fallback: tuple[str, ...] = ()) -> str:
        return self.in_language(lang, fallback)[0]


def _blank_to_none(value: Any) -> Any:
    """An optional text left blank (as a scaffold writes it) means "not given"."""
    if isinstance(value, dict) and set(value) <= {*LANGUAGE_CODES, "draft"}:
        if not any(str(value.get(code) or "").strip() for code in LANGUAGE_CODES):
            return None
    return value


OptionalText = Annotated[Text | None, BeforeValidator(_blank_to_none)]


class Source(Strict):
    title: ShortString = doc(
        "Заглавие", "Title", "The source's title as published (any language).",
        "Заглавие на източника, както е публикуван (на какъвто и да е език).",
    )
    url: Url = doc("Адрес", "Address", "Where the source can be read (https://…).", "Адрес на източника (https://…).")
    publisher: ShortString | None = doc("Издател", "Publisher", "Who published it.", "Кой го е публикувал.", default=None)
    lang: SourceLanguage | None = doc(
        "Език", "Language", "The language the source is written in.", "Езикът, на който е написан източникът.", default=None
    )


class Review(Strict):
    state: ReviewState = doc(
        "Статус", "State",
        "draft until a partner has checked the record against its sources; then reviewed; withdrawn to delete the record (it leaves the site once the change is accepted).",
        "Чернова, докато партньор не провери записа по източниците; после „Прегледан“. „Да се изтрие“ премахва записа от сайта, след като промяната бъде приета.",
        default="draft",
    )
    by: ShortString | None = doc("Прегледал", "Reviewed by", "Who reviewed it (organisation).", "Кой го е прегледал (организация).", default=None)
    date: datetime.date | None = doc("Дата", "Date", "When (YYYY-MM-DD).", "Кога (ГГГГ-ММ-ДД).", default=None)


class Record(Strict):
    """Fields every record has. The slug comes from the file name, not from the YAML."""

    sources: list[Source] = doc(
        "Източници", "Sources", "Published sources for what this record states.",
        "Публикувани източници за това, което записът твърди.",
        min_length=1,
    )
    review: Review = doc("Преглед", "Review", "Editorial state of the record.", "Редакционен статус на записа.", default_factory=Review)

    _slug: str = PrivateAttr(default="")
    _path: str = PrivateAttr(default="")
    _region: str = PrivateAttr(default="")
    _derived: Derived = PrivateAttr(default_factory=Derived)

    def derived(self, name: str, compute: Callable[[], T]) -> T:
        """`compute()`'s answer, worked out once for this record (its fields never change)."""
        store: Derived = self.__pydantic_private__["_derived"]  # type: ignore[index]
        if name not in store:
            store[name] = compute()
        return store[name]  # type: ignore[no-any-return]

    # Read straight from pydantic's store of private attributes: these two are read hundreds
    # of thousands of times per build (indexes, sorting, links), and pydantic's own lookup of
    # a private attribute is ten times slower.
    @property
    def slug(self) -> str:
        return self.__pydantic_private__["_slug"]  # type: ignore[index,no-any-return]

    @property
    def path(self) -> str:
        return self.__pydantic_private__["_path"]  # type: ignore[index,no-any-return]

    @property
    def is_draft(self) -> bool:
        return self.review.state == "draft"

    @property
    def is_withdrawn(self) -> bool:
        return self.review.state == "withdrawn"


class LegalBasis(Strict):
    """An existing act or provision a measure could be built on (never a right it gives)."""

    title: Text = doc("Наименование", "Name", "Name of the act or provision.", "Наименование на акта или разпоредбата.")
    url: Url | None = doc("Адрес", "Address", "Where to read it.", "Къде може да се прочете.", default=None)
    note: OptionalText = doc(
        "Как би послужил", "How it could serve", "How the measure could be built on it.", "Как мярката би могла да стъпи на него.",
        default=None,
    )
    sources: list[Source] = doc(
        "Източници", "Sources", "Where this is said.", "Къде е казано това.", default_factory=list
    )


class Body(Strict):
    """A body that would decide or act on a measure in a region."""

    name: Text = doc("Име", "Name", "Its name, as the sources give it (Община Русе).", "Името му, както е в източниците (Община Русе).")
    type: ActorType = doc("Вид", "Type", "Kind of organisation.", "Вид организация.")
    role: BodyRole = doc("Роля", "Role", "What it does for the measure.", "Какво прави за мярката.")
    partner: PartnerRef | None = doc("Партньор", "Partner", "Partner slug, when it has a partner record.", "Партньор, ако има запис.", default=None)
    note: OptionalText = doc("Бележка", "Note", "How, in a sentence.", "Как, с едно изречение.", default=None)


class RegionStatus(Strict):
    region: RegionRef = doc("Област", "Region", "Region slug (ruse, plovdiv, targovishte).", "Регион (ruse, plovdiv, targovishte).")
    state: RegionState = doc("Статус", "State", "Where the measure stands in that region.", "Докъде е стигнала мярката в региона.")
    note: OptionalText = doc("Бележка", "Note", "What is known about it there.", "Какво се знае за нея там.", default=None)
    bodies: list[Body] = doc(
        "Органи", "Bodies", "Who would decide and act in the region.", "Кой би решавал и действал в областта.", default_factory=list
    )
    ordinances: list[LegalBasis] = doc(
        "Местни наредби", "Local ordinances", "The region's own acts the measure could be built on.",
        "Местните актове, на които мярката би могла да стъпи.", default_factory=list,
    )


class Implementers(Strict):
    actors: list[ActorType] = doc(
        "Изпълнители", "Implementers", "Kinds of organisation that would carry the measure out.",
        "Видове организации, които биха прилагали мярката.",
        min_length=1,
    )
    note: OptionalText = doc("Бележка", "Note", "How they would share the work.", "Как биха си разпределили работата.", default=None)


class Measure(Record):
    number: Annotated[int, Unique()] = doc(
        "Номер", "Number", "Position in the list of the seven measures.", "Номер в списъка на седемте мерки.", ge=1, le=99
    )
    title: Text = doc("Наименование", "Name", "Name of the measure as the source gives it.", "Наименование на мярката, както е в източника.")
    summary: Text = doc("Какво представлява", "What it is", "What the measure is.", "Какво представлява мярката.")
    helps: Text = doc("На кого помага", "Who it helps", "Who it helps.", "На кого помага.")
    implementers: Implementers = doc("Кой решава и кой действа", "Who decides and who acts", "Who decides on the measure and who carries it out.", "Кой решава за мярката и кой я прилага.")
    decided_by: DecisionLevel | None = doc(
        "Кой решава", "Who decides", "Whose decision the measure needs, in one word.", "Чие решение е нужно за мярката.", default=None
    )
    legal_basis: list[LegalBasis] = doc(
        "Правна основа", "Legal basis", "Acts the measure rests on; leave empty when no source names one.",
        "Нормативна основа; оставете празно, ако източник не посочва такава.",
        default_factory=list,
    )
    legal_note: OptionalText = doc("Бележка за правната основа", "Note on the legal basis", "What is known or missing about the legal basis.", "Бележка за правната основа.", default=None)
    steps: list[Text] = doc(
        "Как да започнете", "How to start", "How an institution could start, step by step.",
        "Как една институция би могла да започне, стъпка по стъпка.",
        default_factory=list,
    )
    regions: list[RegionStatus] = doc("Статус по области", "Status by region", "Status in each region.", "Статус във всеки регион.", default_factory=list)
    open_questions: list[Text] = doc(
        "Отворени въпроси", "Open questions", "What the partners still need to say.", "Какво партньорите още трябва да кажат.",
        default_factory=list,
    )


class Region(Record):
    name: Text = doc("Име", "Name", "Name of the region (област).", "Име на областта.")
    centre: PartnerRef = doc(
        "Местен партньор", "Local partner", "The project's local partner in the region (partner slug).", "Местният партньор на проекта в областта."
    )
    summary: Text = doc("Описание", "Summary", "What the project does in the region.", "Какво прави проектът в областта.")
    bodies: list[Body] = doc(
        "Местни органи", "Local bodies", "The public bodies of the region that the measures concern.",
        "Обществените органи в областта, до които се отнасят мерките.", default_factory=list,
    )


class Signatory(Strict):
    name: Text = doc("Име", "Name", "Organisation's name.", "Име на организацията.")
    type: ActorType = doc("Вид", "Type", "Kind of organisation.", "Вид организация.")
    partner: PartnerRef | None = doc("Партньор", "Partner", "Partner slug, when it has a partner record.", "Партньор, ако има запис.", default=None)
    role: OptionalText = doc("Роля", "Role", "What it contributes.", "С какво допринася.", default=None)
    coordinator: bool = doc("Координатор", "Coordinator", "true for the protocol's coordinator.", "true за координатора.", default=False)
    founding: bool = doc(
        "Учредител", "Founding member", "true when a source names it among those who joined at the start.",
        "true, ако източник го посочва сред присъединилите се в началото.", default=False,
    )
    joined: OptionalText = doc(
        "Кога се присъединява", "When it joined", "When it joined, as the source says.", "Кога се присъединява, както казва източникът.",
        default=None,
    )


class Protocol(Record):
    title: Text = doc("Наименование", "Name", "Name of the protocol.", "Наименование на протокола.")
    origin: Text = doc("Произход", "Origin", "How and where the idea was born.", "Как и къде се ражда идеята.")
    started: YearMonth = doc("Начало", "Started", "When it began (YYYY or YYYY-MM).", "Кога започва (ГГГГ или ГГГГ-ММ).")
    founding_members: int | None = doc(
        "Брой учредители", "Founding members", "How many representatives joined at the start, if a source says.",
        "Колко представители се присъединяват в началото, ако източник казва.",
        default=None,
        ge=1,
    )
    founding_note: OptionalText = doc("Учредители", "Founders", "Who joined at the start.", "Кои се присъединяват в началото.", default=None)
    signatories: list[Signatory] = doc(
        "Страни", "Signatories", "Signatories as far as sources name them.", "Страни по протокола, доколкото източници ги назовават.", min_length=1
    )
    aims: list[Text] = doc("Цели", "Aims", "What the protocol aims at.", "Цели на протокола.", min_length=1)
    how_it_works: OptionalText = doc(
        "Как работи", "How it works", "How the network runs and grows.", "Как работи и се разраства мрежата.", default=None
    )


class Actor(Strict):
    name: Text = doc("Име", "Name", "Name of the organisation or group.", "Име на организацията или групата.")
    type: ActorType = doc("Вид", "Type", "Kind of organisation.", "Вид организация.")
    partner: PartnerRef | None = doc("Партньор", "Partner", "Partner slug, when it has a partner record.", "Партньор, ако има запис.", default=None)


def _months(value: str) -> tuple[int, int]:
    """The first and the last month a date of YearMonth can mean, counted from year 0: a year
    means any of its months (2022: January to December), a month only itself."""
    year, _, month = value.partition("-")
    first = int(year) * 12 + (int(month) - 1 if month else 0)
    return first, first + (0 if month else 11)


class Period(Strict):
    # A field that may not be before another field of the period, and what is said when it is
    # (a code of messages.yaml). The validator below checks it; the form is given the same
    # pair (editor.py) and checks it before saving (editor/src/setup.js).
    NOT_BEFORE: ClassVar[dict[str, tuple[str, str]]] = {"end": ("start", "period_reversed")}

    start: YearMonth | None = doc("Начало", "Start", "Start (YYYY or YYYY-MM).", "Начало (ГГГГ или ГГГГ-ММ).", default=None)
    end: YearMonth | None = doc("Край", "End", "End (YYYY or YYYY-MM); empty while ongoing.", "Край; празно, ако продължава.", default=None)
    note: OptionalText = doc("Бележка", "Note", "Duration in words, when no dates are known.", "Продължителност с думи.", default=None)

    # On the later field, not on the period: an error raised here is located at that field
    # (its line in the file), while a model validator's error is located at `period:`.
    @field_validator(*NOT_BEFORE)
    @classmethod
    def _not_before(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Refused only when every day `value` can mean is before every day the other can
        mean: an end of 2022 with a start of 2022-03 may well be December 2022."""
        other_name, reason = cls.NOT_BEFORE[str(info.field_name)]
        other = info.data.get(other_name)  # absent when it was itself refused
        if value and other and _months(value)[1] < _months(other)[0]:
            raise ValueError(reason)
        return value


class Practice(Record):
    """A good practice, with the fields good-practice databases use (TRUST, EIGE)."""

    title: Text = doc("Наименование", "Name", "Name of the practice.", "Наименование на практиката.")
    summary: Text = doc("Описание", "Summary", "What was done.", "Какво е направено.")
    country: CountryCode = doc(
        "Държава", "Country", "Country of implementation (ISO code).", "Държава на прилагане (ISO код).", default="BG"
    )
    measures: list[MeasureRef] = doc(
        "Мерки", "Measures", "Measures this practice relates to (measure slugs).", "Мерки, с които е свързана практиката.", default_factory=list
    )
    target_groups: list[TargetGroup] = doc("За кого е", "Target groups", "Whom it serves.", "За кого е.", min_length=1)
    implementing_actors: list[Actor] = doc("Изпълнители", "Implementers", "Who carries it out.", "Кой я изпълнява.", min_length=1)
    innovative_aspect: OptionalText = doc("Новото в нея", "What is new", "What is new about it.", "Какво е новото в нея.", default=None)
    period: Period | None = doc("Продължителност", "Period", "Duration.", "Продължителност.", default=None)
    funding: OptionalText = doc("Финансиране", "Funding", "How it is funded.", "Как се финансира.", default=None)
    results: OptionalText = doc("Резултати", "Results", "Results and evidence.", "Резултати и доказателства.", default=None)
    transferability: OptionalText = doc("Приложимост другаде", "Transferability", "Could it work elsewhere, and what it needs.", "Приложимост другаде.", default=None)
    contact: OptionalText = doc("Контакт", "Contact", "Whom to ask.", "За контакт.", default=None)
    beneficiaries: OptionalText = doc(
        "Участници", "Beneficiaries", "Who took part or benefited, and how many, as the source says.",
        "Кой участва или има полза, и колко, както казва източникът.", default=None,
    )
    maturity: Maturity | None = doc(
        "Етап", "Stage", "EIGE's stage of the practice — only when a source gives it.",
        "Етапът на практиката по EIGE — само ако източник го посочва.", default=None,
    )

    @property
    def region(self) -> str:
        return self.__pydantic_private__["_region"]  # type: ignore[index,no-any-return] # as Record.slug: read often


class Partner(Record):
    name: Text = doc("Име", "Name", "Full name.", "Пълно име.")
    short_name: OptionalText = doc("Кратко име", "Short name", "Short name.", "Кратко име.", default=None)
    role: PartnerRole = doc("Роля", "Role", "Role in WEGO3.", "Роля в WEGO3.")
    city: Text = doc("Седалище", "Seat", "Seat.", "Седалище.")
    region: RegionRef | None = doc("Област", "Region", "Region it works in.", "Област, в която работи.", default=None)
    about: Text = doc("Дейност", "About", "What it does in the project.", "Какво прави в проекта.")
    website: Url | None = doc("Уебсайт", "Website", "Website, when a source gives it.", "Уебсайт, ако източник го посочва.", default=None)
    service: OptionalText = doc(
        "Услуга", "Service", "The service it runs, in the words of its sources.", "Услугата, която предоставя, с думите на източниците.",
        default=None,
    )
    aliases: list[ShortString] = doc(
        "Други изписвания", "Other spellings", "Other ways its name is written (found by search).",
        "Други начини, по които се изписва името (намират се при търсене).", default_factory=list,
    )


class VoteResult(Strict):
    measure: MeasureRef = doc("Мярка", "Measure", "Measure slug.", "Мярка.")
    support: Support = doc("Подкрепа", "Support", "Support as the source describes it (no counts).", "Подкрепа, както източникът я описва.")


class Vote(Strict):
    summary: Text = doc("Описание", "Summary", "Who voted and how, in words.", "Кой и как гласува.")
    counts_known: bool = doc("Бройки публикувани", "Counts published", "Whether vote counts were published.", "Публикувани ли са бройки.", default=False)
    results: list[VoteResult] = doc("Резултати", "Results", "Support per measure.", "Подкрепа по мерки.", min_length=1)


class Meeting(Record):
    title: Text = doc("Наименование", "Name", "Name of the meetings.", "Наименование на срещите.")
    format: MeetingFormat = doc("Формат", "Format", "How they were held.", "Как са проведени.")
    days: int | None = doc("Брой дни", "Days", "Number of days.", "Брой дни.", default=None, ge=1)
    participants: Text = doc("Участници", "Participants", "Who took part, and how many if known.", "Кой участва и колко, ако е известно.")
    participant_types: list[ActorType] = doc("Видове участници", "Kinds of participant", "Kinds of organisation that took part.", "Видове участници.", default_factory=list)
    regions: list[RegionRef] = doc("Области", "Regions", "Regions represented.", "Представени области.", default_factory=list)
    summary: Text = doc("Описание", "Summary", "What happened.", "Какво се случи.")
    vote: Vote | None = doc("Гласуване", "Vote", "The vote, if one was held.", "Гласуване, ако е имало.", default=None)
    outcome: OptionalText = doc("Резултат", "Outcome", "What follows from the meetings.", "Какво следва.", default=None)


class Pilot(Record):
    title: Text = doc("Наименование", "Name", "Name of the pilot.", "Наименование на пилота.")
    duration_months: int = doc("Продължителност в месеци", "Months", "Length of the pilot in months.", "Продължителност в месеци.", ge=1, le=60)
    state: PilotState = doc("Етап", "State", "Where the pilot stands.", "Докъде е стигнал пилотът.")
    measure: MeasureRef | None = doc(
        "Мярка", "Measure", "The measure piloted; empty until decided.", "Мярката; празно, докато не е решено.", default=None
    )
    region: RegionRef | None = doc("Област", "Region", "The region; empty until decided.", "Областта; празно, докато не е решено.", default=None)
    summary: Text = doc("Описание", "Summary", "What the pilot is for.", "За какво е пилотът.")
    next_steps: OptionalText = doc("Следващи стъпки", "Next steps", "What is to be decided next.", "Какво предстои.", default=None)
    reported: OptionalText = doc(
        "Какво се съобщава", "What is reported", "What sources report that is related, without saying it was the pilot.",
        "Какво съобщават източниците по темата, без да се твърди, че е било пилотът.", default=None,
    )


class Section(Strict):
    title: Text = doc("Заглавие", "Heading", "Heading of the section.", "Заглавие на раздела.")
    body: Text = doc("Текст", "Text", "Text of the section.", "Текст на раздела.")


class Topic(Record):
    """A page of context (law, background) that measures and regions link to."""

    title: Text = doc("Заглавие", "Title", "Title of the page.", "Заглавие на страницата.")
    summary: Text = doc("Резюме", "Summary", "One-paragraph summary.", "Кратко резюме.")
    sections: list[Section] = doc("Раздели", "Sections", "Sections of the page.", "Раздели на страницата.", min_length=1)


class Helpline(Strict):
    number: PhoneNumber = doc(
        "Номер", "Number", "The number as it is dialled (digits and spaces).", "Номерът, както се набира (цифри и интервали)."
    )
    title: Text = doc(
        "Име", "Name", "The line's name as callers know it.", "Името на линията, както я знаят хората."
    )
    short_name: OptionalText = doc(
        "Кратко име", "Short name", "One or two words beside the number in the help bar of every page (a phone shows only these), from the sources' words.",
        "Една-две думи до номера в лентата за помощ на всяка страница (телефонът показва само тях), от думите на източниците.",
        default=None,
    )
    name: Text = doc("Предназначение", "What it is for", "What the line is for, in its sources' words.", "За какво е линията, с думите на източниците.")
    hours: OptionalText = doc(
        "Работно време", "Hours", "When it answers, as the source says; left out when no source says.",
        "Кога отговаря, както казва източникът; не се попълва, ако източник не казва.", default=None,
    )
    hours_sources: list[Source] = doc(
        "Източници за часовете", "Sources of the hours", "The sources that give these hours (also listed in the line's sources).",
        "Източниците, които посочват това работно време (и сред източниците на линията).", default_factory=list,
    )
    operator: OptionalText = doc("Оператор", "Operator", "Who runs it, if a source says.", "Кой я поддържа, ако източник казва.", default=None)
    hours_note: OptionalText = doc(
        "Бележка за часовете", "Note on the hours", "When sources disagree on the hours: what the other says.",
        "Когато източниците се разминават за часовете: какво казва другият.", default=None,
    )
    hours_note_sources: list[Source] = doc(
        "Източници на бележката", "Sources of the note", "The sources that say what the note on the hours says.",
        "Източниците, които казват написаното в бележката за часовете.", default_factory=list,
    )
    free: bool | None = doc("Безплатна", "Free", "Whether calls are free, if a source says.", "Безплатна ли е, ако източник казва.", default=None)
    sources: list[Source] = doc("Източници", "Sources", "Sources for this number.", "Източници за този номер.", min_length=1)


class Help(Record):
    """The helplines shown on every page; every number carries its own source."""

    title: Text = doc("Заглавие", "Title", "Title of the help page.", "Заглавие на страницата за помощ.")
    intro: Text = doc("Въведение", "Introduction", "What to do in danger.", "Какво да направите при опасност.")
    lines: list[Helpline] = doc("Телефони", "Lines", "The helplines, most urgent first.", "Телефоните за помощ, най-спешният първи.", min_length=1)


class SearchEntry(Strict):
    """Words people type, and the words the site uses for the same thing."""

    lang: SiteLanguage = doc("Език", "Language", "The language of both lists.", "Езикът на двата списъка.")
    said: list[ShortString] = doc(
        "Как питат хората", "What people type", "Words or phrases people use (юрист, квартира, phone line).",
        "Думи или изрази, които хората използват (юрист, квартира, phone line).", min_length=1,
    )
    means: list[ShortString] = doc(
        "Думите на сайта", "The site's words", "The words the site's pages use for the same thing (правни консултации, жилище).",
        "Думите, с които страниците на сайта казват същото (правни консултации, жилище).", min_length=1,
    )


class Abbreviation(Strict):
    """An acronym of a Bulgarian body or act, with its full name: the site writes the full
    name where a page first uses the acronym (abbreviations.py)."""

    short: Annotated[Acronym, Unique()] = doc(
        "Съкращение", "Acronym", "The acronym as it is written: 2 to 8 capital letters, all Cyrillic or all Latin (ДСП, CSCD).",
        "Съкращението, както се пише: от 2 до 8 главни букви, всички на кирилица или всички на латиница (ДСП, ЦРУО).",
    )
    full: Text = doc(
        "Пълно наименование", "Full name",
        "The full name in each language, as the site writes it (Social Assistance Directorate).",
        "Пълното наименование на всеки език, както го пише сайтът (Дирекция „Социално подпомагане“).",
    )
    sources: list[Source] = doc(
        "Източници", "Sources", "Where the acronym and its full name are given.",
        "Къде са посочени съкращението и пълното наименование.", min_length=1,
    )


class SearchWords(Record):
    """How people ask: the search finds the site's words from the words people type."""

    title: Text = doc("Заглавие", "Title", "Title of the list.", "Заглавие на списъка.")
    summary: Text = doc("Описание", "Summary", "What the list is for.", "За какво е списъкът.")
    entries: list[SearchEntry] = doc("Думи", "Words", "The pairs of words.", "Двойките думи.", min_length=1)
    abbreviations: list[Abbreviation] = doc(
        "Съкращения", "Abbreviations",
        "Acronyms of Bulgarian bodies and acts, each with its full name and its sources; a page that uses one shows the full name the first time.",
        "Съкращения на български институции и закони, всяко с пълното си наименование и източници; страница, която използва съкращение, "
        "показва пълното наименование първия път.",
        default_factory=list,
    )


def _resolve_annotations() -> None:
    """Models that name a model declared further down keep its name as a string until they
    are rebuilt; the schema walker reads annotations, so every model is rebuilt once here."""
    stack: list[type[BaseModel]] = [Strict]
    while stack:
        model = stack.pop()
        model.model_rebuild(force=True)
        stack.extend(model.__subclasses__())


def _inner_first() -> list[type[BaseModel]]:
    """Every model, each after the models its fields hold (Text before Body before Measure)."""
    ordered: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in ordered:
            return
        for info in model.model_fields.values():
            for inner in _models_in(info.annotation):
                if inner is not model:
                    visit(inner)
        ordered.append(model)

    stack: list[type[BaseModel]] = [Strict]
    while stack:
        model = stack.pop()
        visit(model)
        stack.extend(model.__subclasses__())
    return ordered


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [found for arg in typing.get_args(annotation) for found in _models_in(arg)]


# --- the languages of texts ------------------------------------------------------------

LANGUAGE_CODES: tuple[str, ...] = ()
GENERATION = 0  # counts the changes of LANGUAGE_CODES (the walker's cache depends on it)


def _language_field(code: str) -> FieldInfo:
    """A text's field for one language: its label and documentation from the catalogue
    (locale/labels.yaml, language_names), or the code itself for a language it lacks."""
    words = labels().get("language_names", {}).get(code, {})
    return FieldInfo.from_annotated_attribute(
        LongString,  # type: ignore[arg-type]
        doc(
            words.get("bg", code), words.get("en", code), words.get("doc_en", f"Text in {code}."),
            words.get("doc_bg", f"Текст на {code}."), default="",
        ),
    )


def use_languages(codes: tuple[str, ...]) -> None:
    """Give Text one field per language of the site (languages.yml), so that validation,
    the JSON Schema, the walker and the form see exactly the site's languages."""
    global LANGUAGE_CODES, GENERATION
    if codes == LANGUAGE_CODES:
        return
    fields = {code: _language_field(code) for code in codes}
    Text.__pydantic_fields__ = {**fields, "draft": Text.model_fields["draft"]}
    Text.__annotations__ = {**dict.fromkeys(codes, LongString), "draft": bool}
    language = SearchEntry.model_fields["lang"]
    SearchEntry.__pydantic_fields__["lang"] = FieldInfo.merge_field_infos(
        language, annotation=Annotated[Literal[codes], Choices("SiteLanguage")]  # type: ignore[valid-type]
    )
    LANGUAGE_CODES, GENERATION = codes, GENERATION + 1
    for model in _inner_first():  # a model copies the schemas of the models it holds
        model.model_rebuild(force=True)


use_languages(tuple(entry["code"] for entry in yaml.safe_load(LANGUAGES.read_text(encoding="utf-8"))["languages"]))
