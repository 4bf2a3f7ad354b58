"""render.py's escaping helpers: partner text reaches a page as text, never as markup."""

from __future__ import annotations

import re

import markdown
import pytest
import yaml
from conftest import REPO

from generator.build import load_site, render
from generator.project import Project
from generator.render import clean_html, heading_words, md_escape, with_anchors


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words", "plain words"),
        ("*bold* and _it_", r"\*bold\* and \_it\_"),
        ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("# not a heading", r"\# not a heading"),
        ("a | b ~ c `d`", r"a \| b \~ c \`d\`"),
        ("{{ 7 * 7 }}", r"\{\{ 7 \* 7 \}\}"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines\n\n  and   spaces", "two lines and spaces"),  # inline: one line, single spaces
    ],
)
def test_md_escape_makes_markup_literal_on_one_line(text: str, escaped: str):
    assert md_escape(text) == escaped


def test_clean_html_turns_plain_paragraphs_into_paragraphs():
    assert clean_html("First   paragraph\nstill first.\n\nSecond.\n\n\n") == "<p>First paragraph still first.</p><p>Second.</p>"


def test_sanitiser_keeps_text_and_drops_script():
    html = clean_html("Hello **world** <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://example.org) [t](tel:112)")
    assert "<strong>world</strong>" in html and "script" not in html and "javascript" not in html
    assert 'href="https://example.org"' in html and 'href="tel:112"' in html


def test_clean_html_keeps_allowed_markup():
    html = clean_html("Hello **world**, *you*.\n\n- one\n- two\n\n[site](https://example.org) [call](tel:112) [mail](mailto:a@b.bg)")
    assert "<strong>world</strong>" in html and "<em>you</em>" in html
    assert "<ul>" in html and "<li>one</li>" in html
    assert 'href="https://example.org"' in html and 'href="tel:112"' in html and 'href="mailto:a@b.bg"' in html
    assert 'rel="noopener noreferrer"' in html


@pytest.mark.parametrize(
    ("text", "never"),
    [
        ("<script>window.x = 1</script> text", "<script"),
        ('<img src=x onerror="window.x = 2">', "onerror"),
        ("[click](javascript:window.x=3)", "javascript:"),
        ('<a href="javascript:window.x=4">x</a>', "javascript:"),
        ('<svg onload="window.x=6"></svg>', "onload"),
        ('<a href="data:text/html,x">x</a>', "data:"),
        ("# A page title\n\ntext", "<h1"),
        ('<iframe src="https://example.org"></iframe>', "<iframe"),
        ('<p style="color:red">x</p>', "style="),
    ],
)
def test_clean_html_drops_what_could_run_or_restyle(text: str, never: str):
    assert never not in clean_html(text)


def test_clean_html_leaves_template_syntax_as_text():
    assert clean_html("{{ 7 * 7 }} {% raw %}x{% endraw %} <b>b</b>") == "<p>{{ 7 * 7 }} {% raw %}x{% endraw %} <b>b</b></p>"


def test_clean_html_escapes_a_bare_ampersand_and_angle_brackets():
    assert clean_html("Tom & Jerry < 3") == "<p>Tom &amp; Jerry &lt; 3</p>"


@pytest.mark.parametrize(
    ("heading", "words"),
    [
        ("Правна основа", "Правна основа"),
        ("[Русе](../regions/ruse.md) и Пловдив", "Русе и Пловдив"),
        ("<span class='x'>Източници</span>", "Източници"),
        (r"Мярка \#1 \*важна\*", "Мярка #1 *важна*"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
    ],
)
def test_heading_words_are_what_a_reader_sees(heading: str, words: str):
    assert heading_words(heading) == words


def headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("#")]


def test_with_anchors_gives_every_heading_a_readable_unique_anchor():
    text = "---\ntitle: x\n---\n# Подкрепа за [Русе](r.md)\n\ntext\n## Правна основа\n### Източници\n## Източници\n####### not a heading\n"
    anchored = with_anchors(text)
    assert headings(anchored) == [
        "# Подкрепа за [Русе](r.md) {#podkrepa-za-ruse}",
        "## Правна основа {#pravna-osnova}",
        "### Източници {#iztochnitsi}",
        "## Източници {#iztochnitsi-2}",
        "####### not a heading",  # seven marks: not a heading, no anchor
    ]
    assert anchored.startswith("---\ntitle: x\n---\n") and "\ntext\n" in anchored


def test_with_anchors_names_a_heading_without_letters():
    assert headings(with_anchors("## ***\n## !!!\n")) == ["## *** {#section}", "## !!! {#section-2}"]


def test_with_anchors_changes_nothing_but_the_headings():
    text = "# Title\n\nA paragraph.\n\n## Part\n\n\n## Last  \n"
    assert with_anchors(text) == "# Title {#title}\n\nA paragraph.\n\n## Part {#part}\n\n\n## Last {#last}\n"


def test_with_anchors_numbers_a_heading_past_every_anchor_already_given():
    anchored = with_anchors("# А\n\n## A\n\n## А 2\n\n## Ъгъл\n\n## Agal\n")
    assert anchor_ids(anchored) == ["a", "a-2", "a-2-2", "agal", "agal-2"]


def test_with_anchors_keeps_the_ids_written_on_the_page_and_gives_none_twice():
    text = (
        '## Notes {#a}\n\n<div id="a-2" markdown>\n## A\n</div>\n\nParagraph\n{: #a-3 }\n\n'
        "## A\n\n## Styled {: .kb-kind }\n\n## Styled {: #own .kb-kind }\n"
    )
    assert headings(with_anchors(text)) == [
        "## Notes {#a}",
        "## A {#a-4}",
        "## A {#a-5}",
        "## Styled {: #styled .kb-kind }",  # one attribute list: a second would be read as words
        "## Styled {: #own .kb-kind }",
    ]


def test_with_anchors_avoids_the_ids_the_theme_puts_on_every_page():
    assert headings(with_anchors("# KB content\n\n## Kb search input\n")) == [
        "# KB content {#kb-content-2}",
        "## Kb search input {#kb-search-input-2}",
    ]


def theme_ids() -> set[str]:
    """The ids overrides/ writes on pages beside the headings' (Material's own begin with
    "__", which no anchor does)."""
    return {
        found
        for template in (REPO / "overrides").rglob("*.html")
        for found in re.findall(r"""\bid=["']([^"'{}]+)["']""", template.read_text(encoding="utf-8"))
        if not found.startswith("__")
    }


def test_every_id_the_theme_writes_is_kept_from_the_headings():
    from generator.render import PAGE_IDS

    assert theme_ids() <= PAGE_IDS


def test_with_anchors_anchors_headings_inside_an_admonition_not_in_code():
    text = '!!! note "Бележка"\n    ## Източници\n\n    text\n\n## Източници\n\n    # a code line\n'
    assert with_anchors(text) == (
        '!!! note "Бележка"\n    ## Източници {#iztochnitsi}\n\n    text\n\n## Източници {#iztochnitsi-2}\n\n    # a code line\n'
    )


def anchor_ids(text: str) -> list[str]:
    return re.findall(r"\{#([^}]+)\}\s*$", text, re.M)


def html_ids(markdown_text: str) -> list[str]:
    """The ids of a page's Markdown as MkDocs renders it (the extensions of mkdocs.yml)."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [next(iter(item)) if isinstance(item, dict) else item for item in config["markdown_extensions"]]
    configs = {next(iter(item)): next(iter(item.values())) for item in config["markdown_extensions"] if isinstance(item, dict)}
    body = markdown_text.split("\n---\n", 1)[1] if markdown_text.startswith("---\n") else markdown_text
    return re.findall(r'\bid="([^"]+)"', markdown.markdown(body, extensions=names, extension_configs=configs))


def test_a_page_whose_headings_read_alike_gets_an_id_for_each(project: Project):
    """Through `render`: a hand-written page whose headings transliterate to the same words,
    and one that reads as an id of the theme; the built page's ids are all different."""
    page = '---\ntitle: x\n---\n\n# Ъгъл\n\n## Agal\n\n## Ъгъл 2\n\n## KB content\n\n!!! note "x"\n    ## Agal\n'
    (project.docs / "bg" / "same-words.md").write_text(page, encoding="utf-8")
    render(project, load_site(project), ("bg",))
    built = (project.docs_out("bg") / "same-words.md").read_text(encoding="utf-8")
    ids = html_ids(built)
    assert ids == ["agal", "agal-2", "agal-2-2", "kb-content-2", "agal-3"]
    assert not set(ids) & theme_ids()
