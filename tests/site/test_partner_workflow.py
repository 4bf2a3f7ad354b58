"""A partner's work from the command line to the pages, without a site builder: a new practice
(`new`, the messages that name what is still to fill, `validate`, `render`, `status`), and the
summary a pull request shows of the pages it adds, changes and removes (`render`, `diff`)."""

from __future__ import annotations

from conftest import PUBLISHED_URL

from generator.project import Project

NEW = "content/regions/alpha/practices/grupa-za-vzaimopomosht.yaml"


def test_new_partner_adds_a_practice_end_to_end(cli, project: Project):
    """The issue's 'done when', as a new partner would do it."""
    root = ("--root", str(project.root))
    made = cli(*root, "new", "practice", "--region", "alpha", "--title", "Група за взаимопомощ")
    assert (made.code, made.out.strip()) == (0, NEW)
    path = project.root / NEW
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../../schemas/practice.schema.json\n")
    assert "# Наименование на практиката. / Name of the practice." in text
    # As written, the scaffold names every field that still needs filling.
    scaffold = cli(*root, "--lang", "bg", "validate")
    assert scaffold.code == 1
    assert "„Описание → Български“ още не е попълнено: в него пише „ЗА ПОПЪЛВАНЕ: Какво е направено.“" in scaffold.err
    assert "„Източници (№ 1) → Адрес“ още сочи към примерен адрес (https://example.org/)" in scaffold.err
    assert "„Изпълнители (№ 1) → Име → Български“ още не е попълнено" in scaffold.err
    # Refuses to overwrite.
    again = cli(*root, "--lang", "en", "new", "practice", "--region", "alpha", "--title", "Група за взаимопомощ")
    assert again.code == 1 and "already exists" in again.err
    assert path.read_text(encoding="utf-8") == text

    # Fill in only the Bulgarian fields, with a typo in one field name.
    filled = text.replace("ЗА ПОПЪЛВАНЕ: Какво е направено.", "Жени се срещат всяка седмица и си помагат.")
    filled = filled.replace("url: https://example.org/", "url: https://source.test/group")
    # The choices are the partner's (the scaffold guesses none): what this practice is
    filled = filled.replace("- ЗА ПОПЪЛВАНЕ", "- women_survivors").replace("type: ЗА ПОПЪЛВАНЕ", "type: ngo")
    filled = filled.replace("partner: ЗА ПОПЪЛВАНЕ", "partner: centre-a")
    filled = filled.replace("ЗА ПОПЪЛВАНЕ", "Фондация „Джендър Алтернативи“")
    typo = filled.replace("\nsummary:", "\nsumary:")
    path.write_text(typo, encoding="utf-8")
    line = typo.split("\n").index("sumary:") + 1
    found = cli(*root, "--lang", "bg", "validate")
    assert found.code == 1
    assert f"{NEW}:{line}:1: грешка: Непознато поле „sumary“ — може би „summary“?" in found.err
    github = cli(*root, "--lang", "bg", "validate", "--format", "github")
    assert github.code == 1 and f"::error file={NEW},line={line},col=1," in github.out

    # Fix it: the pages are made; the English page says it is not yet translated.
    path.write_text(filled, encoding="utf-8")
    rendered = cli(*root, "--lang", "en", "render")
    assert rendered.code == 0, rendered.err
    english = (project.docs_out("en") / "practices" / "grupa-za-vzaimopomosht.md").read_text(encoding="utf-8")
    assert "Not yet translated" in english and "Група за взаимопомощ" in english
    status = cli(*root, "--lang", "en", "status")
    assert status.code == 0
    missing_en = status.out.split("Missing Bulgarian text")[0]
    assert f"{NEW}  [Good practice]  Name (title), Summary (summary)" in missing_en
    assert "grupa-za-vzaimopomosht.yaml" in status.out.split("Records in draft")[1]
    # The site's translation-status page states the same facts.
    [status_page] = project.docs_out("en").glob("translation-status*")
    status_text = (status_page / "index.md" if status_page.is_dir() else status_page).read_text(encoding="utf-8")
    assert "grupa-za-vzaimopomosht" in status_text


def test_preview_summary_lists_pages_added_changed_and_removed(cli, fixture_site: Project, built_copy: Project, monkeypatch):
    """The built fixture project is the base; a copy of it, changed and rendered again, the head."""
    monkeypatch.setenv("WEGO_SITE_URL", PUBLISHED_URL)  # as the base was built
    head = built_copy
    measure = head.content / "measures" / "first-measure.yaml"
    measure.write_text(measure.read_text(encoding="utf-8").replace("kindergartens", "kindergartens and crèches"), encoding="utf-8")
    practice = head.content / "regions" / "alpha" / "practices" / "good-one.yaml"
    practice.rename(practice.with_name("renamed-practice.yaml"))
    assert cli("--root", str(head.root), "render").code == 0
    diff = cli("--root", str(head.root), "diff", "--base", str(fixture_site.root))
    assert diff.code == 0
    out = diff.out
    assert "Добавени страници / Pages added" in out and "/practices/renamed-practice/" in out
    assert "Премахнати страници / Pages removed" in out and "/practices/good-one/" in out
    assert "Променени страници / Pages changed" in out and "/en/measures/first-measure/" in out
    assert "\n- en: `" in out and "\n- bg: `" in out  # each title a code span
    assert "second-measure" not in out  # unchanged pages are not listed
