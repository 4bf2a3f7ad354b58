"""Property-based fuzzing of the loader and validator (Hypothesis).

Random text, mutated real records and random YAML structures go through the same path as
content files: the only outcomes allowed are a valid record or reported problems (each of
which can be told in both languages) — never another exception. `make test` runs a
bounded number of examples (profile "ci"), `make check` fewer ("check": it must stay
under a minute), `make fuzz` (HYPOTHESIS_PROFILE=fuzz) many more.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path, PurePosixPath

import yaml
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import LoadError, load_document
from generator.problems import Problem, format_github, format_text, printable
from generator.validate import check_across, check_file, validate_content

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("check", max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SAMPLES = {
    "measures/sample.yaml": (REPO / "content/measures/kindergarten-place.yaml").read_bytes(),
    "regions/ruse/practices/sample.yaml": (REPO / "content/regions/ruse/practices/babysitting-agency.yaml").read_bytes(),
    "regions/ruse/protocol.yaml": (REPO / "content/regions/ruse/protocol.yaml").read_bytes(),
    "meetings/sample.yaml": (REPO / "content/meetings/online-meetings.yaml").read_bytes(),
    "help/sample.yaml": (REPO / "content/help/helplines.yaml").read_bytes(),
}
YAML_BITS = [
    b":",
    b"-",
    b" ",
    b"\n",
    b"\t",
    b"&a",
    b"*a",
    b"!!python/object:os.system",
    b"!",
    b"[",
    b"]",
    b"{",
    b"}",
    b'"',
    b"'",
    b"#",
    b"<<: *a",
    b"---",
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\r\n",
    b"%YAML 1.1",
    b"? ",
    b"|",
    b">",
    b"~",
    b"null",
    b"2024-13-40",
    b"1e999",
]


def check(relative: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "record.yaml"
        path.write_bytes(data)
        result = check_file(path, PurePosixPath(relative), relative)
    across = check_across([result])  # references are checked whether or not the file is valid
    if result.loaded is not None:
        return
    assert result.problems
    for problem in result.problems + across:
        assert isinstance(problem, Problem)
        assert problem.position.line >= 1 and problem.position.column >= 1
        for lang in ("bg", "en"):
            assert format_text(problem, lang).startswith(f"{relative}:")
            assert format_github(problem, lang).startswith("::error file=")


@given(st.sampled_from(sorted(SAMPLES)), st.text(max_size=400))
def test_random_text(relative, text):
    check(relative, text.encode("utf-8", "replace"))


@given(st.sampled_from(sorted(SAMPLES)), st.binary(max_size=300))
def test_random_bytes(relative, data):
    check(relative, data)


@st.composite
def mutated(draw):
    relative = draw(st.sampled_from(sorted(SAMPLES)))
    data = bytearray(SAMPLES[relative])
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        bit = draw(st.sampled_from(YAML_BITS))
        if action == "insert":
            data[position:position] = bit
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 20))]
        else:
            data[position : position + len(bit)] = bit
    return relative, bytes(data)


@given(mutated())
def test_mutated_real_records(case):
    check(*case)


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30) | st.dates(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)


@given(
    st.sampled_from(sorted(SAMPLES)),
    st.dictionaries(
        st.sampled_from(["title", "summary", "number", "sources", "review", "regions", "lines", "vote", "bg", "en", "x"])
        | st.text(max_size=8),
        YAML_VALUES,
        max_size=8,
    ),
)
def test_random_structures(relative, data):
    check(relative, yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


# Issue 12: the kinds of hostile scalar a partner's file can carry, put where real values go.
HOSTILE_SCALARS = st.one_of(
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)),
    st.builds(lambda n: "9" * n, st.integers(4000, 6000)),  # integers too long to convert
    st.builds(lambda n: "-" + "1" * n, st.integers(4300, 5000)),
    st.builds(lambda c: f'"text\\x{c:02x}more"', st.integers(0, 31)),  # control characters by escape
    st.builds(lambda c: f'"\\u{c:04x}"', st.sampled_from([0, 7, 8, 11, 12, 27, 31, 127])),
    st.builds(lambda n: "'" + "[" * n + "'", st.integers(150, 3000)),  # bracket runs
    st.builds(lambda n: "'" + "[a](" * n + "'", st.integers(50, 600)),
    st.just("!!binary aGVsbG8="),
    st.just("!!timestamp 2021-02-30"),
)


@st.composite
def with_hostile_scalars(draw):
    relative = draw(st.sampled_from(sorted(SAMPLES)))
    lines = SAMPLES[relative].decode("utf-8").split("\n")
    for _ in range(draw(st.integers(1, 3))):
        candidates = [i for i, line in enumerate(lines) if ": " in line and not line.rstrip().endswith(":")]
        index = draw(st.sampled_from(candidates))
        key = lines[index].split(": ", 1)[0]
        lines[index] = f"{key}: {draw(HOSTILE_SCALARS)}"
    return relative, "\n".join(lines).encode("utf-8")


@given(with_hostile_scalars())
def test_hostile_scalars(case):
    check(*case)


@given(st.integers(2, 400), st.integers(1, 40_000))
def test_alias_amplification_is_bounded(copies, length):
    text = "number: 1\nnote: &x '" + "д" * length + "'\nsteps: [" + ", ".join(["*x"] * copies) + "]\n"
    check("measures/sample.yaml", text.encode("utf-8"))


# Issue 19: what was added since — deep nesting, characters the form can write, paths that
# are not files.


@given(st.lists(st.sampled_from(["[", "{a: ", "- "]), min_size=1, max_size=4), st.integers(1, 60_000))
def test_any_nesting_is_bounded_before_it_is_composed(pattern, depth):
    """Flow and block nesting mixed, to any depth: a record, or „too deep“ — never a crash
    (libyaml's composer recursed and killed the process past some ten thousand levels)."""
    opens = (pattern * (depth // len(pattern) + 1))[:depth]
    # a block sequence ("- ") may only follow the start of a line or another "- "
    flow_started = False
    text = []
    for token in opens:
        if token == "- " and flow_started:
            token = "["
        flow_started = flow_started or token != "- "
        text.append(token)
    closes = "".join("]" if t == "[" else "}" if t.startswith("{") else "" for t in reversed(text))
    data = ("number: 1\nnote:\n  " + "".join(text) + "x" + closes + "\n").encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "record.yaml"
        path.write_bytes(data)
        result = check_file(path, PurePosixPath("measures/sample.yaml"), "measures/sample.yaml")
    if depth > 40:
        assert [p.code for p in result.problems] == ["too_deep"]


# The characters where YAML 1.1 (the generator), YAML 1.2 (the form) and editors part ways.
TRICKY_CHARS = "\u2028\u2029\u0085\u00a0\u200d\ufeff\x07 й" + unicodedata.normalize("NFD", "йё")
VALUE_TEXT = st.text(alphabet=st.one_of(st.sampled_from(TRICKY_CHARS), st.characters(blacklist_categories=("Cs", "Cc"))), max_size=30)


@given(VALUE_TEXT, st.booleans())
def test_a_value_reads_as_typed_composed_and_trimmed_or_is_refused_at_its_line(value, quoted):
    """A separator is refused at the line an editor shows; a control character is refused;
    anything else reads back composed (NFC) and without outer spaces."""
    written = "'" + value.replace("'", "''") + "'" if quoted else value
    lines = ["number: 1", "title:", f"  bg: {written}", "  en: x", ""]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "record.yaml"
        path.write_bytes("\n".join(lines).encode("utf-8"))
        try:
            document = load_document(path, "record.yaml")
        except LoadError as error:
            problem = error.problem
            if set(value) & set("\u2028\u2029\u0085"):
                assert problem.code == "line_separator" and problem.position.line == 3
            return
    assert not set(value) & set("\u2028\u2029\u0085\x07")
    bg = document.data.get("title", {}).get("bg") if isinstance(document.data.get("title"), dict) else None
    if quoted:
        assert bg == unicodedata.normalize("NFC", value).strip()
    if isinstance(bg, str):
        assert bg == unicodedata.normalize("NFC", bg) and bg == bg.strip()


@given(st.text(max_size=60))
def test_a_message_shows_every_character(text):
    """Nothing in a message is invisible: a zero-width joiner, a non-breaking space or a
    control character is written as its code, so two values that differ look different."""
    shown = printable(text)
    assert all(char.isprintable() for char in shown)
    assert printable(text, keep="\n\t").replace("\n", "").replace("\t", "") == shown.replace("[U+000A]", "").replace("[U+0009]", "")


PATH_KINDS = st.sampled_from(["record", "named pipe", "link to nothing", "link to a folder", "folder"])


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(PATH_KINDS, min_size=1, max_size=6))
def test_every_path_is_a_record_or_reported_never_waited_on(kinds):
    """Whatever sits under content/ — files, pipes, links, folders — is a record or reported
    by its path; nothing is skipped and nothing is opened that could wait for ever."""
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        measures = content / "measures"
        measures.mkdir(parents=True)
        expected_reported = set()
        for index, kind in enumerate(kinds):
            path = measures / f"item-{index}.yaml"
            if kind == "record":
                path.write_bytes(SAMPLES["measures/sample.yaml"].replace(b"number: 1\n", f"number: {index + 1}\n".encode()))
                continue
            if kind == "named pipe":
                os.mkfifo(path)
            elif kind == "link to nothing":
                path.symlink_to("nowhere.yaml")
            elif kind == "link to a folder":
                path.symlink_to(content)
            else:
                path.mkdir()
                (path / "inner.yaml").write_text("x: 1\n", encoding="utf-8")
                path = path / "inner.yaml"
            expected_reported.add(f"content/measures/{path.relative_to(measures).as_posix()}")
        _, problems = validate_content(content, Path(folder))
    reported = {problem.path for problem in problems}
    assert expected_reported <= reported
