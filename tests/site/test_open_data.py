"""Open data of the built site: JSON valid against its own schema, CSV readable by Excel, the terms of reuse.

(CSV cells that would run as formulas: tests/unit/opendata/test_csv.py.)"""

from __future__ import annotations

import json

import jsonschema

from generator.project import Project


def test_open_data_validates_against_its_schema(real_site: Project):
    for prefix in ("", "en/"):
        data = json.loads((real_site.site / prefix / "data" / "measures.json").read_text(encoding="utf-8"))
        schema = json.loads((real_site.site / prefix / "data" / "measures.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(schema).validate(data)
        assert len(data) == 7 and data[0]["record"]["title"]["bg"]
    raw = (real_site.site / "en" / "data" / "practices.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    csv_en = raw.decode("utf-8-sig")
    assert csv_en.startswith("slug,url,title,") and "A babysitting agency" in csv_en
    assert "have not yet been decided" in (real_site.site / "data" / "LICENSE.txt").read_text(encoding="utf-8")
