"""A measure page printed (to PDF, by Chromium) is a clean document: its text and sources,
links spelled out, without the site's navigation."""

from __future__ import annotations

import io

import pytest
from chromium import serve_folder

from generator.project import Project


@pytest.mark.browser
def test_measure_prints_as_a_clean_document(real_site: Project, browser):
    from pypdf import PdfReader

    page = browser.new_page()
    with serve_folder(real_site.site) as base:
        page.goto(base + "measures/kindergarten-place/")
        pdf = page.pdf(format="A4")
    page.close()
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Подсигуряване на място в детска градина" in text
    assert "Източници" in text and "https://www.wegoproject.eu/" in text.replace(" ", "")  # links spelled out
    assert "Редакционен статус: Чернова" in text and "Последна промяна:" in text
    for navigation in ("Състояние на превода", "Напусни сайта", "Помощ сега:", "Търсене"):
        assert navigation not in text
