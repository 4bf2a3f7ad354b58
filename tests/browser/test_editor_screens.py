"""The partners' form (Decap CMS at /admin/) speaks Bulgarian on every screen they touch: the
collection list, an entry, the workflow board after a save; and it has no media tab (records
have no files). Driven in real Chromium with the in-memory backend (tests/editor_driver.py);
each screen is also photographed at 1280 px wide to /tmp/editor-<screen>.png for a person to
look at.

A text is the interface's when it is not the content's: every string of the seeded content
files is content (English texts and source titles included), and so are a few names.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from editor_driver import content_files, field, list_item, open_editor, save

from generator.project import Project

SHOTS = Path("/tmp")
WIDTH = 1280
# Names and codes that are not English interface text; "Test Backend" is the in-memory backend's
# link in the header, which a partner's form (the GitHub backend) does not have. Acronyms
# (WEGO3, ISO, EIGE) and the content's codes (file and folder names: ruse, plovdiv) are names.
NAMES = re.compile(r"Test Backend|GitHub|CONTRIBUTING\.md|https?://\S+|[\w.-]+\.(?:yaml|md)\b|\b[A-Z][A-Z0-9]+\b")
# Two Latin letters or more: what is left of a text after content and names is a word of English.
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

VISIBLE_TEXTS = """() => {
  const texts = [];
  const shown = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === "none" || style.visibility === "hidden") return false;
    }
    return element.getClientRects().length > 0;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || ["SCRIPT", "STYLE", "NOSCRIPT"].includes(parent.tagName)) continue;
    if (shown(parent)) texts.push(node.textContent.trim());
  }
  // what a pointer or a screen reader gets: placeholders, tooltips, labels of icon buttons
  for (const element of document.body.querySelectorAll("[placeholder], [title], [aria-label]")) {
    if (!shown(element)) continue;
    for (const name of ["placeholder", "title", "aria-label"]) {
      const value = element.getAttribute(name);
      if (value && value.trim()) texts.push(value.trim());
    }
  }
  return texts;
}"""


def content_strings() -> list[str]:
    """Every string of the content the backend is seeded with."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.append(value)

    for text in content_files().values():
        walk(yaml.safe_load(text))
    return found


def content_codes() -> set[str]:
    """The content's file and folder names (records' slugs, regions' codes)."""
    return {part.removesuffix(".yaml") for path in content_files() for part in path.split("/")}


def english_texts(page: Any, content: list[str]) -> list[str]:
    """The visible texts of the page that hold English words and are not content."""
    codes = content_codes()
    found = []
    for text in page.evaluate(VISIBLE_TEXTS):
        if any(text in value for value in content):
            continue
        rest = " ".join(word for word in re.split(r"([\w-]+)", NAMES.sub(" ", text)) if word not in codes)
        if LATIN_WORD.search(rest):
            found.append(text)
    return sorted(set(found))


def look(page: Any, name: str, content: list[str]) -> list[str]:
    page.screenshot(path=str(SHOTS / f"editor-{name}.png"), full_page=False)
    return [f"{name}: {text}" for text in english_texts(page, content)]


def header_buttons(page: Any) -> list[str]:
    return [text.strip() for text in page.locator("header a, header button").all_inner_texts() if text.strip()]


@pytest.mark.browser
def test_every_screen_a_partner_touches_is_in_bulgarian(real_site: Project, browser):
    content = content_strings()
    requests: list[str] = []
    english: list[str] = []
    with open_editor(browser, real_site.site, requests, viewport=(WIDTH, 900)) as page:
        # the collection list: measures by their numbers, a new-entry button every font can draw
        page.click('a[href="#/collections/measures"]')
        cards = page.locator('a[href^="#/collections/measures/entries/"]')
        cards.first.wait_for()
        numbers = [int(re.match(r"\s*(\d+)\.", text).group(1)) for text in cards.all_inner_texts()]
        assert numbers == sorted(numbers) and numbers[0] == 1, numbers
        new = page.locator('a[href="#/collections/measures/new"]')
        assert new.inner_text().strip() == "+ Мярка"
        assert "Файлове" not in header_buttons(page) and "Media" not in header_buttons(page)  # no media tab
        english += look(page, "collection", content)

        # the regions: where a new one is made, and how a record is deleted
        page.click('a[href="#/collections/regions"]')
        page.get_by_text("Нова се добавя в „Нова област“").wait_for()
        english += look(page, "regions", content)
        page.click('a[href="#/collections/regions-new"]')
        page.get_by_text("Тук се добавя нова област").wait_for()
        english += look(page, "regions-new", content)

        # an entry, saved: its status, and no "Publish" for the partner to press
        page.click('a[href="#/collections/measures"]')
        page.click('a[href="#/collections/measures/entries/kindergarten-place"]')
        helps = field(page, "helps", "bg", tag="textarea")
        helps.wait_for()
        helps.press("End")
        helps.type(" Поправено във формата.")
        save(page)
        toolbar = page.locator("button, [role=button]").all_inner_texts()
        assert not [text for text in toolbar if "Публикувай" in text], toolbar
        assert not page.get_by_text("изглед").is_visible()  # no preview link that leads nowhere
        english += look(page, "entry-saved", content)

        # the workflow board: the sentence with its numbers, dates in digits, no publish buttons
        page.click('a[href="#/collections/measures"]')  # the toolbar's way back
        page.click('a[href="#/workflow"]')
        card = page.locator('a[href^="#/collections/measures/entries/kindergarten-place"]')
        card.wait_for()
        board = page.locator("body").inner_text()
        assert "Чакат преглед: 0 записа; готови за публикуване: 0." in board, board
        assert "%{" not in board and "% {" not in board
        assert re.search(r"\b\d\d\.\d\d\.\d{4}\b", card.inner_text()), card.inner_text()
        assert "Публикувай" not in board
        card.hover()  # its buttons show under the pointer
        page.get_by_text("Изтрий промените").wait_for()
        english += look(page, "workflow", content)

        # an entry: a new practice with one implementing actor is counted in the singular
        page.click('a[href="#/"]')
        page.click('a[href="#/collections/practices-plovdiv"]')
        page.click('a[href="#/collections/practices-plovdiv/new"]')
        field(page, "title", "bg").fill("Група за взаимопомощ „Надежда“ в Пловдив")
        actors = list_item(page, "implementing_actors")
        field(actors, "name", "bg").fill("Фондация „Джендър Алтернативи“")
        page.get_by_text("1 изпълнител", exact=True).wait_for()
        english += look(page, "entry-new", content)

        # no media tab, and its address leads nowhere
        assert not [text for text in header_buttons(page) if text in {"Файлове", "Мултимедийни файлове", "Media"}]
    assert english == [], "\n".join(english)
