"""`./kb new`: a scaffold with every field, which names what still needs filling and guesses
nothing only the partner knows (issue 21)."""

from __future__ import annotations

import json
import re

from conftest import REPO, make_project

from generator.project import Project

PLACEHOLDER = "ЗА ПОПЪЛВАНЕ"


def test_scaffold_refuses_a_path_like_region(cli, project: Project):
    before = sorted(p.relative_to(project.root.parent) for p in project.root.parent.rglob("*"))
    result = cli("--root", str(project.root), "--lang", "en", "new", "practice", "--region", "../../tmp", "--title", "x")
    assert result.code == 2 and result.err.startswith("./kb new: error: ")
    assert sorted(p.relative_to(project.root.parent) for p in project.root.parent.rglob("*")) == before  # nothing written


def test_a_practice_without_region_is_told_which_regions_there_are(cli, project: Project):
    root = ("--root", str(project.root))
    result = cli(*root, "--lang", "bg", "new", "practice", "--title", "Група за взаимопомощ")
    assert result.code == 2 and result.out == ""
    assert result.err.strip() == (
        "./kb new: грешка: Добрата практика принадлежи на област: посочете я с --region и едно от имената alpha (Алфа). "
        "Например: ./kb new practice --region alpha --title „Група за взаимопомощ“"
    )
    unknown = cli(*root, "--lang", "bg", "new", "practice", "--region", "sofia", "--title", "Група")
    assert unknown.code == 2 and unknown.err.strip() == "./kb new: грешка: Няма област „sofia“. Посочете едно от имената alpha (Алфа)."
    assert "None" not in result.err + unknown.err
    assert not list((project.content / "regions").rglob("grupa*"))


def choose_first_listed(text: str) -> str:
    """What a partner does with a value to choose: the first value the comment above lists."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not re.fullmatch(rf"\s*(- |[a-z_]+: ){PLACEHOLDER}", line):
            continue
        above = index - 2 if line.lstrip().startswith("- ") else index - 1  # a list's comment is above its key
        listed = []
        while above >= 0 and lines[above].lstrip().startswith("#"):
            found = re.match(r"\s*#   (\S+) — ", lines[above])
            listed = [found.group(1), *listed] if found else listed
            above -= 1
        lines[index] = line.replace(PLACEHOLDER, listed[0]) if listed else line
    return "\n".join(lines)


def test_a_practice_leaves_its_implementer_and_target_group_to_the_partner(cli, project: Project):
    root = ("--root", str(project.root))
    made = cli(*root, "new", "practice", "--region", "alpha", "--title", "Група за взаимопомощ")
    assert made.code == 0
    text = (project.root / made.out.strip()).read_text(encoding="utf-8")
    values = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert f"  type: {PLACEHOLDER}" in values and f"  partner: {PLACEHOLDER}" in values and f"- {PLACEHOLDER}" in values
    assert not [line for line in values if re.search(r"crisis_centre|centre-a|women_survivors", line)]  # nothing guessed
    # The comments list what may be chosen, with the Bulgarian and English labels.
    assert "  #   crisis_centre — Кризисен център / Crisis centre" in text
    assert "#   women_survivors — Жени, преживели домашно насилие / Women who survived domestic violence" in text
    assert "#   first-measure — Първа мярка за детска градина / First measure about kindergartens" in text
    assert "  #   centre-a — " in text and "изтрийте реда" in text
    assert text.splitlines()[1].startswith("# Нов запис: добра практика.")
    # Validation names each of them until the partner chooses.
    checked = cli(*root, "--lang", "bg", "validate")
    assert checked.code == 1
    for field in ("„За кого е (№ 1)“", "„Изпълнители (№ 1) → Вид“", "„Изпълнители (№ 1) → Партньор“"):
        assert any(field in line and PLACEHOLDER in line for line in checked.errors()), field


def test_every_scaffold_kind_is_valid_once_its_placeholders_are_filled(cli, tmp_path):
    project = make_project(tmp_path / "p", REPO / "content")
    root = ("--root", str(project.root))
    paths = []
    for kind, region in (("measure", None), ("region", None), ("partner", None), ("meeting", None), ("topic", None), ("practice", "plovdiv")):
        made = cli(*root, "new", kind, "--title", f"Нов запис {kind}", *(["--region", region] if region else []))
        assert made.code == 0
        paths.append(project.root / made.out.strip())
    assert cli(*root, "new", "practice", "--title", "Без регион").code == 2
    as_json = cli(*root, "--lang", "en", "validate", "--format", "json")
    assert as_json.code == 1
    problems = json.loads(as_json.out)
    assert problems and all(PLACEHOLDER in p["message"] or "https://example.org/" in p["message"] for p in problems)
    for path in paths:
        text = choose_first_listed(path.read_text(encoding="utf-8"))
        text = text.replace(PLACEHOLDER, "Попълнено").replace("https://example.org/", "https://source.test/")
        path.write_text(text, encoding="utf-8")
    valid = cli(*root, "--lang", "en", "validate")
    assert valid.code == 0 and valid.errors() == []
