"""Every content file is untrusted (anyone can open a pull request): a broken, hostile or
misplaced file is refused with its path, line and what to do — never a crash, never expanded."""

from __future__ import annotations

import os
import signal
import stat
from pathlib import Path

import pytest

from generator.build import build
from generator.problems import ContentError
from generator.project import Project
from generator.validate import validate_content

MEASURE = "measures/first-measure.yaml"
PRACTICE = "regions/alpha/practices/good-one.yaml"
PWNED = Path("/tmp/pwned")


def validate(cli, project: Project, lang: str = "en"):
    return cli("--root", str(project.root), "--lang", lang, "validate")


BROKEN_FILES = {
    "python_object_tag": ("x: !!python/object/apply:os.system ['touch /tmp/pwned']\n", 1, "is not allowed"),
    "billion_laughs": (
        "\n".join(
            ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
            + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
        )
        + "\n",
        1,
        "aliases",
    ),
    "deep_nesting": ("a: " + "[" * 60 + "]" * 60 + "\n", 1, "too deep"),
    # tens of thousands of levels in a few kilobytes: libyaml's composer recursed until the
    # process died (a segmentation fault, no message) before the builder counted levels
    "deep_nesting_flow": ("a: " + "[" * 50_000 + "]" * 50_000 + "\n", 1, "too deep"),
    "deep_nesting_block": ("a:\n  " + "- " * 30_000 + "x\n", 2, "too deep"),
    "deep_nesting_mappings": ("a: " + "{b: " * 30_000 + "1" + "}" * 30_000 + "\n", 1, "too deep"),
    # YAML 1.1's own line breaks (the form's YAML 1.2 reader and editors keep them as text):
    # refused where they stand, at the line an editor shows, before they fold a value or
    # make a missing-colon message point at a line no editor has
    "line_separator": ("number: 1\ntitle:\n  bg: Първи\u2028ред\n  en: x\n", 3, "invisible line break character (U+2028)"),
    "paragraph_separator": ("number: 1\ntitle: {bg: a, en: b}\nsummary: x\u2029y: z\n", 3, "(U+2029)"),
    "next_line": ("number: 1\ntitle: {bg: a\u0085b, en: b}\n", 2, "(U+0085)"),
    "invalid_utf8": (b"number: 1\ntitle: \xc3\x28\n", 2, "not UTF-8"),
    "nul_byte": (b"number: 1\ntitle: a\x00b\n", 2, "NUL"),
    "tab_indentation": ("title:\n\tbg: x\n", 2, "tab"),
    "empty_file": ("", 1, "empty"),
    "list_not_mapping": ("- number: 1\n- title: x\n", 1, "group of fields"),
    "long_string": ("title:\n  bg: " + "щ" * 25_000 + "\n", 2, "too long"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_FILES))
def test_broken_file_is_an_error_with_path_and_line(cli, project: Project, case: str):
    """(The billion laughs is refused by counting aliases, before anything is expanded:
    tests/unit/load/ checks the code; a hang would stop the suite, not pass it.)"""
    text, line, words = BROKEN_FILES[case]
    name = f"broken-{case.replace('_', '-')}.yaml"
    (project.content / "measures" / name).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    existed = PWNED.exists()
    result = validate(cli, project)
    assert result.code == 1
    assert {m.split(":")[0] for m in result.errors()} == {f"content/measures/{name}"}  # no other file blamed
    assert [m for m in result.errors() if m.startswith(f"content/measures/{name}:{line}:") and words in m], result.err
    assert PWNED.exists() == existed  # the tag built nothing


def test_oversized_file_is_refused(cli, project: Project):
    (project.content / "measures" / "huge.yaml").write_text("title:\n  bg: x\n" + "# padding\n" * 60_000, encoding="utf-8")
    result = validate(cli, project)
    assert result.code == 1
    [message] = result.errors()
    assert message.startswith("content/measures/huge.yaml:1:1:") and "bytes" in message


def test_bom_and_crlf_are_accepted(project: Project):
    path = project.content / MEASURE
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    loaded, problems = validate_content(project.content, project.root)
    assert problems == []
    [measure] = [item.record for item in loaded if item.record.slug == "first-measure"]
    assert measure.number == 1  # the BOM is not part of the first key
    assert measure.title.en == "First measure about kindergartens"  # no \r left in values


@pytest.mark.parametrize("name", ["Bad Name.yaml", "UPPER.yaml", "кирилица.yaml", "under_score.yaml"])
def test_unsafe_file_names_are_refused(cli, project: Project, name: str):
    (project.content / "measures" / name).write_text(
        (project.content / MEASURE).read_text(encoding="utf-8").replace("number: 1", "number: 9"), encoding="utf-8"
    )
    result = validate(cli, project)
    assert result.code == 1 and "cannot be a page address" in result.err
    assert all(name in message for message in result.errors())


@pytest.mark.parametrize(
    ("folder", "name"), [("measures", "index"), ("measures", "index-2"), ("regions/alpha/practices", "by-region")]
)
def test_two_records_cannot_claim_one_url(cli, project: Project, folder: str, name: str):
    source = project.content / (PRACTICE if "practices" in folder else MEASURE)
    text = source.read_text(encoding="utf-8").replace("number: 1", "number: 5")
    (project.content / folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    result = validate(cli, project)
    assert result.code == 1 and "is reserved" in result.err


@pytest.mark.parametrize("name", ["new-practice.YAML", "new-practice", "new-practice.yml", "new-practice.txt"])
def test_every_file_is_a_record_or_reported(cli, project: Project, name: str):
    source = (project.content / PRACTICE).read_text(encoding="utf-8")
    (project.content / "regions/alpha/practices" / name).write_text(source, encoding="utf-8")
    (project.content / "README.md").write_text("Notes for partners.\n", encoding="utf-8")  # allowed
    result = validate(cli, project, lang="bg")
    assert result.code == 1
    [message] = result.errors()
    assert message.startswith(f"content/regions/alpha/practices/{name}:1:1: грешка: ")
    assert ".yaml" in message


def test_a_link_to_a_file_outside_the_repository_is_refused(cli, project: Project, tmp_path: Path):
    secret = tmp_path / "outside.yaml"
    secret.write_text((project.content / PRACTICE).read_text(encoding="utf-8"), encoding="utf-8")
    os.symlink(secret, project.content / "regions/alpha/practices/linked.yaml")
    result = validate(cli, project, lang="bg")
    assert result.code == 1
    assert "linked.yaml:1:1: грешка: Това е връзка (symlink) към файл извън хранилището" in result.err
    with pytest.raises(ContentError) as refused:  # the build refuses it too, before writing anything
        build(project)
    assert [p.path for p in refused.value.problems] == ["content/regions/alpha/practices/linked.yaml"]
    assert not project.build.exists() and not project.site.exists()


def test_a_link_to_nothing_is_reported_not_a_traceback(cli, project: Project):
    os.symlink("gone.yaml", project.content / "measures/dangling.yaml")
    result = validate(cli, project)
    assert result.code == 1 and "Traceback" not in result.err
    assert [m for m in result.errors() if m.startswith("content/measures/dangling.yaml:1:1:") and "cannot be read" in m], result.err


def _make_special(kind: str, path: Path) -> None:
    if kind == "named pipe":
        os.mkfifo(path)
        return
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 5))  # /dev/zero: reads without end
    except PermissionError:
        pytest.skip("this machine does not let the tests make a device file")


@pytest.fixture
def watchdog():
    """A test that would wait for ever before the fix fails instead (the pass does not
    depend on time: a correct check never opens the file)."""

    def stuck(signum, frame):
        raise AssertionError("the check waited on a special file")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("kind", ["named pipe", "device"])
def test_a_special_file_named_like_a_record_is_reported_never_read(cli, project: Project, kind: str, watchdog):
    _make_special(kind, project.content / "measures/special.yaml")
    result = validate(cli, project, lang="bg")
    assert result.code == 1
    [message] = result.errors()
    assert message.startswith("content/measures/special.yaml:1:1: грешка: Това не е обикновен файл")


def _unreadable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that cannot be listed: by permission where the tests do not run as root
    (root reads everything), else by the system call os.walk makes failing as it would."""
    if os.geteuid() != 0:
        folder.chmod(0)
        return
    real_scandir = os.scandir

    def scandir(path=".", *args, **kwargs):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_folder_that_cannot_be_read_is_reported_not_skipped(cli, project: Project, monkeypatch: pytest.MonkeyPatch):
    """Before: os.walk skipped it, the region's practices vanished, „Content is valid“."""
    folder = project.content / "regions/alpha/practices"
    _unreadable(folder, monkeypatch)
    try:
        result = validate(cli, project, lang="bg")
    finally:
        folder.chmod(0o755)
    assert result.code == 1
    [message] = result.errors()
    assert message.startswith("content/regions/alpha/practices:1:1: грешка: Папката не може да се прочете: нямате права за четене")
