"""search_index.py: the index of one language — stems, weighted title ≫ headings > text, words
on most pages kept only where they are in a title, page text without Markdown."""

from __future__ import annotations

import json

from generator.emit import search_index
from generator.model import Site
from generator.project import Language
from generator.search_index import (
    COMMON_MIN_DOCS,
    MAX_OTHER_WEIGHT,
    TITLE_WEIGHT,
    SearchDoc,
    build_index,
    doc_of_written,
    markdown_to_text,
)


def doc(url: str, title: str, text: str = "", headings: str = "") -> SearchDoc:
    return SearchDoc(url, title, "Мярка", "", headings, text)


def test_the_index_holds_stems_with_title_matches_first():
    docs = [
        SearchDoc("a/", "Детските градини", "Мярка", "", "", "Място в детска градина."),
        SearchDoc("b/", "Жилища", "Мярка", "", "", " ".join(["детската градина"] * 20)),
    ]
    index = build_index(docs, "bg")
    assert index["version"] == 2
    terms = index["terms"]
    assert terms == sorted(terms) and {"детск", "градин", "жил"} <= set(terms)
    assert not {"детските", "градини", "детска"} & set(terms)  # no surface forms
    # All forms of a word are one term with one entry per page; the title's page ranks first.
    postings = dict(zip(terms, index["postings"], strict=True))
    assert postings["градин"][0::2] == [0, 1]
    title_weight, text_weight = postings["градин"][1::2]
    assert title_weight >= TITLE_WEIGHT > text_weight
    assert build_index([SearchDoc("c/", "Kindergartens", "Measure", "", "", "")], "en")["terms"] == ["kindergarten"]


def postings_of(index: dict) -> dict[str, list[int]]:
    return dict(zip(index["terms"], index["postings"], strict=True))


def test_weights_rank_title_then_headings_then_text_and_are_capped():
    index = build_index(
        [doc("a/", "Жилища"), doc("b/", "Друго", headings="жилища"), doc("c/", "Трето", text=" ".join(["жилища"] * 50))], "bg"
    )
    weights = dict(zip(*[iter(postings_of(index)["жил"])] * 2, strict=True))  # doc → weight
    assert weights[0] >= TITLE_WEIGHT > weights[1] > 0
    assert weights[2] == MAX_OTHER_WEIGHT  # fifty mentions are not a title
    assert index["docs"][0] == ["a/", "Жилища", "Мярка", "", {}]  # no title in another language given


def test_a_word_on_most_pages_is_kept_only_where_it_is_a_title():
    docs = [doc(f"p{i}/", f"Страница {i}", text="източници") for i in range(COMMON_MIN_DOCS)]
    docs.append(doc("sources/", "Източници"))
    postings = postings_of(build_index(docs, "bg"))
    assert postings["източник"] == [COMMON_MIN_DOCS, TITLE_WEIGHT]  # only the page titled with it
    few = postings_of(build_index(docs[:3], "bg"))  # too few pages to tell: every mention kept
    assert few["източник"][0::2] == [0, 1, 2]


def test_markdown_becomes_the_words_a_reader_sees():
    text = markdown_to_text('Виж [правната основа](../topics/legal.md) и <span class="x">бележката</span> \\*важно\\* Tom &amp; Jerry\n!!! note "Внимание"')
    assert "правната основа" in text and "../topics" not in text and "legal" not in text
    assert "бележката" in text and "span" not in text
    assert "*важно*" in text and "\\" not in text and "Tom & Jerry" in text
    assert "Внимание" in text and "!!!" not in text


def test_a_hand_written_page_is_indexed_by_its_front_matter():
    markdown = "---\ntitle: Безопасност\ndescription: " + "Как да пазите себе си. " * 10 + "\n---\n# Безопасност\n\n## На телефона\n\nТекст.\n"
    entry = doc_of_written("safety.md", markdown, "Страница")
    assert (entry.url, entry.title, entry.kind) == ("safety/", "Безопасност", "Страница")
    assert entry.headings.strip() == "На телефона"
    assert len(entry.summary) <= 100 and entry.summary.endswith("…")
    untitled = doc_of_written("about.md", "# За нас\n\nТекст.\n", "Страница")
    assert untitled.title == "За нас"


def test_the_index_keeps_cyrillic_as_utf8():
    # The index as emit writes it into the language's folder (assets/search-index.json).
    text = search_index(Site(by_kind={}), Language("bg", "Български", "bg_BG", ("en",)), [doc("a/", "Детски градини")])
    assert "градин" in text and "\\u04" not in text
    assert json.loads(text)["terms"] == ["градин", "детск"]
