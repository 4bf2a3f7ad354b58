"""The search index of one language, made from the rendered Markdown of its pages.

Why our own index rather than Material's: lunr (Material's engine) has no Bulgarian, so
inflected queries („жилището“ for a page that says „жилища“) miss. This index maps the
stem of every word of a language's pages (stemmer.py: Savoy's light stemmer for
Bulgarian, the S-stemmer for English) to the pages that use it, weighted (title ≫ headings
> text; all forms of a word count towards its stem). docs/assets/search.js stems only the
query, with the same rules, and matches it against these stems — equal, by prefix, or
within a typing mistake — so articled, plural and inflected forms find the page without
the browser stemming the vocabulary. It is built from plain Markdown, so it works with
any site builder, and it is compact: stems and numbers, not the pages' full text.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from .render import RenderedPage, page_body
from .slugs import slugify
from .stemmer import stem, tokens
from .urls import Address

# A word in the title scores 10 or more; elsewhere at most 9: a title match always ranks
# above a page that merely mentions the word often.
TITLE_WEIGHT, HEADING_WEIGHT, TEXT_WEIGHT, MAX_OTHER_WEIGHT = 10, 3, 1, 9
# A word of the page's title in another language: found, but below its own title's words.
OTHER_TITLE_WEIGHT = 6
SUMMARY_CHARS = 100
# A word on more than half of the pages (once there are enough pages to tell) says nothing
# about any one page: keep only its title entries. This keeps the index small as the site
# grows (labels such as „Източници“ are on every page) without losing a title match.
COMMON_SHARE, COMMON_MIN_DOCS = 0.5, 40


@dataclass(frozen=True)
class SearchDoc:
    url: str  # relative to the language's root, e.g. "measures/kindergarten-place/"
    title: str
    kind: str  # label shown with each result
    summary: str
    headings: str
    text: str
    first_heading: str = ""  # the page's own heading: "3. Място в детска градина" carries the number
    other_titles: dict[str, str] = field(default_factory=dict)  # its title in the other languages
    weights: dict[str, int] | None = None  # its stems' weights, once worked out (weighed())


# Parts of a page that are not its content (a date line, an image credit): marked in the
# templates with data-search="skip", left out of the index so that „screen reader“ or a
# month's name does not find every page that carries them.
SKIPPED = re.compile(r'<(\w+)\b[^>]*\bdata-search="skip"[^>]*>.*?</\1>', re.S)


def markdown_to_text(markdown: str) -> str:
    text = SKIPPED.sub(" ", markdown)
    text = re.sub(r"<[^>]+>", " ", text)  # our own HTML blocks: keep their text
    text = re.sub(r"\]\([^)]*\)", "] ", text)  # link targets are not words of the page
    text = re.sub(r'^!!! \w+ "([^"]*)"', r"\1", text, flags=re.M)
    text = text.replace("\\", "")
    return html.unescape(text)


def _summary(description: str) -> str:
    if len(description) > SUMMARY_CHARS:
        return description[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return description


def doc_of_page(page: RenderedPage) -> SearchDoc:
    """A rendered page's entry: title and description as its template named them."""
    return SearchDoc(
        url=Address(page.path).url,
        title=markdown_to_text(page.title).strip(),
        kind=page.kind,
        summary=_summary(page.description),
        headings=markdown_to_text(" ".join(page.headings[1:])),
        text=markdown_to_text(page_body(page)),
        first_heading=markdown_to_text(page.headings[0]) if page.headings else "",
        other_titles={lang: markdown_to_text(title).strip() for lang, title in page.other_titles.items()},
    )


def _written_parts(markdown: str, path: str) -> tuple[dict[str, Any], str, list[str], str]:
    """A hand-written page's front matter, body, headings and title."""
    meta: dict[str, Any] = {}
    body = markdown
    if markdown.startswith("---\n") and "\n---\n" in markdown:
        head, body = markdown[4:].split("\n---\n", 1)
        meta = yaml.safe_load(head) or {}
    headings = [line.lstrip("#").strip() for line in body.split("\n") if line.startswith("#")]
    return meta, body, headings, str(meta.get("title") or (headings[0] if headings else path))


def written_title(path: str, markdown: str) -> str:
    return markdown_to_text(_written_parts(markdown, path)[3]).strip()


def doc_of_written(path: str, markdown: str, kind: str, other_titles: dict[str, str] | None = None) -> SearchDoc:
    """A hand-written page's entry (docs/<lang>/): its own front matter, if it has one."""
    meta, body, headings, title = _written_parts(markdown, path)
    return SearchDoc(
        url=Address(path).url,
        title=markdown_to_text(title).strip(),
        kind=kind,
        summary=_summary(html.unescape(str(meta.get("description", "")))),
        headings=markdown_to_text(" ".join(headings[1:])),
        text=markdown_to_text(body),
        other_titles=other_titles or {},
    )


_stem = lru_cache(maxsize=1 << 16)(stem)  # a page's words repeat, and so do the site's


def weighed(doc: SearchDoc, lang: str) -> SearchDoc:
    """The page's entry with its stems' weights instead of its text: what the index needs of
    it, a fraction of the memory (a build keeps an entry per page until the index is made)."""
    return dataclasses.replace(doc, headings="", text="", first_heading="", weights=word_weights(doc, lang))


def word_weights(doc: SearchDoc, lang: str) -> dict[str, int]:
    """The page's stems, weighted: every form of a word counts towards its stem."""
    if doc.weights is not None:
        return doc.weights
    other: Counter[str] = Counter()
    for word in tokens(doc.headings):
        other[_stem(word, lang)] += HEADING_WEIGHT
    for word in tokens(doc.text):
        other[_stem(word, lang)] += TEXT_WEIGHT
    in_title = {_stem(word, lang) for word in tokens(f"{doc.title} {doc.first_heading}")}
    return {
        term: (TITLE_WEIGHT if term in in_title else 0) + min(other[term], MAX_OTHER_WEIGHT) for term in in_title | set(other)
    }


def build_index(docs: list[SearchDoc], lang: str) -> dict[str, object]:
    """{version: 2, lang, docs: [[url, title, kind, summary]], terms: [stem], postings: [[doc, weight, …]]}.

    The terms are stems (stem_bg or stem_en), sorted; the browser stems only the query.
    """
    postings: dict[str, list[int]] = {}
    for number, doc in enumerate(docs):
        for term, weight in word_weights(doc, lang).items():
            postings.setdefault(term, []).extend((number, weight))
    if len(docs) >= COMMON_MIN_DOCS:
        for term, entries in postings.items():
            if len(entries) / 2 > COMMON_SHARE * len(docs):
                postings[term] = [
                    v for i in range(0, len(entries), 2) if entries[i + 1] >= TITLE_WEIGHT for v in entries[i : i + 2]
                ]
    postings = {term: entries for term, entries in postings.items() if entries}
    terms = sorted(postings)
    others = sorted({other for doc in docs for other in doc.other_titles})
    return {
        "version": 2,
        "lang": lang,
        # [url, title, kind, summary, {language: its title there}]
        "docs": [[d.url, d.title, d.kind, d.summary, d.other_titles] for d in docs],
        "terms": terms,
        "postings": [postings[t] for t in terms],
        "others": [other_language_space(docs, other) for other in others],
    }


def other_language_space(docs: list[SearchDoc], other: str) -> dict[str, Any]:
    """The pages' titles in another language, stemmed by its rules: „kindergarten“ typed on
    the Bulgarian site, or „детски градини“ on the English one, finds the page whose
    counterpart carries those words ({lang, terms, postings} as the language's own)."""
    postings: dict[str, list[int]] = {}
    for number, doc in enumerate(docs):
        for term in sorted({_stem(word, other) for word in tokens(doc.other_titles.get(other, ""))}):
            postings.setdefault(term, []).extend((number, OTHER_TITLE_WEIGHT))
    terms = sorted(postings)
    return {"lang": other, "terms": terms, "postings": [postings[t] for t in terms]}


def abbreviation_synonyms(abbreviations: list[Any], lang: str) -> list[list[Any]]:
    """Officers' acronyms as words people type: ДСП (also typed дсп, or dsp in Latin letters)
    finds the pages that write the body's full name in this language."""
    entries = []
    for item in abbreviations:
        full = item.full.get(lang)
        if full:
            said = sorted({item.short.lower(), slugify(item.short)} - {""})
            entries.append([[tokens(word) for word in said], [full]])
    return entries


def synonyms(entries: list[Any], lang: str) -> list[list[Any]]:
    """How people ask (content/search/), for the browser: [[[said phrase's words], …],
    [site phrase, …]] per entry of this language (the browser stems the words)."""
    return [[[tokens(phrase) for phrase in entry.said], list(entry.means)] for entry in entries if entry.lang == lang]
