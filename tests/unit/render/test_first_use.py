"""Acronyms at first use (abbreviations.py, called by render.py): the first time a page's
running text uses a declared acronym, its full name is written with it — once, not when the
page wrote the full name before, never in headings, links, code or HTML attributes."""

from __future__ import annotations

import pytest
import yaml

from generator.abbreviations import FullName, with_full_names
from generator.build import load_site, render
from generator.project import Project

DSP = FullName("ДСП", {"bg": "Дирекция „Социално подпомагане“", "en": "Social Assistance Directorate"})
ZZDN = FullName("ЗЗДН", {"bg": "Закон за защита от домашното насилие", "en": "Protection against Domestic Violence Act"})
BG_DSP = "Дирекция „Социално подпомагане“ (ДСП)"


def written(text: str, lang: str = "bg", names: tuple[FullName, ...] = (DSP, ZZDN)) -> str:
    return with_full_names(text, names, lang, ("en",) if lang == "bg" else ("bg",), "{full} ({short})")


def test_only_the_first_use_gets_the_full_name():
    text = "Обадете се в ДСП.\n\n<div class=\"kb-text\"><p>ДСП отпуска помощ, а ЗЗДН урежда защитата.</p></div>\n\nОтново ДСП."
    assert written(text) == (
        f"Обадете се в {BG_DSP}.\n\n<div class=\"kb-text\"><p>ДСП отпуска помощ, а Закон за защита от домашното насилие (ЗЗДН) "
        "урежда защитата.</p></div>\n\nОтново ДСП."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Дирекция „Социално подпомагане“ отпуска помощ. По-късно ДСП решава.",
        "Дирекцията „Социално подпомагане“ решава; ДСП отпуска помощ.",  # with its article
        "Дирекция   „Социално\nподпомагане“ решава.\n\nДСП отпуска помощ.",  # broken over lines
        "# Дирекция „Социално подпомагане“\n\nДСП отпуска помощ.",  # the title said it
        "[Дирекция „Социално подпомагане“](dsp.md)\n\nДСП отпуска помощ.",  # so did a link
        "The Social Assistance Directorate decides. ДСП grants help.",  # in the other language
    ],
)
def test_no_full_name_when_the_page_wrote_it_before(text: str):
    assert written(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: \"ДСП\"\ndescription: \"ДСП\"\n---\n\n# Помощ от ДСП {#pomosht}\n\n## ДСП\n\nтекст",  # front matter, headings
        '!!! note "ДСП"\n    текст',  # an admonition's title
        "Вижте [ДСП](../dsp/index.md) и [помощ](https://example.test/ДСП).",  # a link's words and target
        'Вижте <a href="../dsp/">ДСП</a>.',  # an HTML link
        "Пишете `ДСП` или <code>ДСП</code>.",  # code
        '<span title="ДСП" data-x=\'ДСП\'>помощ</span> и <img alt="ДСП" src="x.png">',  # attributes
        '<abbr title="Дирекция">ДСП</abbr>',  # an abbreviation explained already
        "ДСП-то, АДСП, ДСПА и ДСП2 не са самото съкращение.",  # inside a word
        "```\nДСП\n```",  # fenced code
        '<svg><text x="1">ДСП</text></svg>',  # the map's labels
    ],
)
def test_nothing_changes_outside_running_text(text: str):
    assert written(text) == text


def test_a_heading_or_link_is_not_the_first_use():
    text = "# Помощ от ДСП\n\nВижте [ДСП](dsp.md).\n\nДСП отпуска помощ. ДСП решава."
    assert written(text) == f"# Помощ от ДСП\n\nВижте [ДСП](dsp.md).\n\n{BG_DSP} отпуска помощ. ДСП решава."


def test_the_full_name_is_in_the_language_of_the_text_around_it():
    english = "Ask the ДСП for help."
    assert written(english, "en") == "Ask the Social Assistance Directorate (ДСП) for help."
    untranslated = '<div class="kb-text" lang="bg"><p>Обадете се в ДСП.</p></div> Later, ДСП.'
    assert written(untranslated, "en") == f'<div class="kb-text" lang="bg"><p>Обадете се в {BG_DSP}.</p></div> Later, ДСП.'


def test_a_table_cell_is_running_text_and_the_name_stays_text():
    odd = FullName("АБВ", {"bg": "Фонд *звезда* | <нов> & [стар]"})
    assert written("| АБВ | x |", names=(odd,)) == (
        "| Фонд &#42;звезда&#42; &#124; &#60;нов&#62; &#38; &#91;стар&#93; (АБВ) | x |"
    )


def test_rendered_pages_of_both_languages_write_the_full_name_at_first_use(project: Project, write):
    """Through the render stage: the site's declared acronyms, in each language's words."""
    practice = project.content / "regions/alpha/practices/good-one.yaml"
    data = yaml.safe_load(practice.read_text(encoding="utf-8"))
    data["summary"] = {"bg": "Жените идват от ДСП. После ДСП помага.", "en": "The women come from the ДСП. Then ДСП helps."}
    practice.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    write(
        "search/everyday-words.yaml",
        yaml.safe_dump(
            {
                "title": {"bg": "Думи", "en": "Words"},
                "summary": {"bg": "Думите на хората.", "en": "The words people use."},
                "entries": [{"lang": "bg", "said": ["юрист"], "means": ["правни консултации"]}],
                "abbreviations": [
                    {
                        "short": "ДСП",
                        "full": {"bg": "Дирекция „Социално подпомагане“", "en": "Social Assistance Directorate"},
                        "sources": [{"title": "Social assistance", "url": "https://source.test/social"}],
                    }
                ],
                "sources": [{"title": "Source", "url": "https://source.test/"}],
            },
            allow_unicode=True,
        ),
    )
    render(project, load_site(project))
    bg = (project.docs_out("bg") / "practices/good-one.md").read_text(encoding="utf-8")
    en = (project.docs_out("en") / "practices/good-one.md").read_text(encoding="utf-8")
    assert f"Жените идват от {BG_DSP}. После ДСП помага." in bg
    assert "The women come from the Social Assistance Directorate (ДСП). Then ДСП helps." in en
