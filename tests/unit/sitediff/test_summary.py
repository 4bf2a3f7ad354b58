"""`generator diff` writes record titles into a pull request's job summary, which GitHub
renders as Markdown (GFM): a title is shown as written, never as a link, an image, HTML or
a table cell of its own that a reviewer would take for the summary's words."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from conftest import REPO

from generator.sitediff import PageChange, summary

# GitHub renders job summaries as GFM; micromark with its GFM extension (in the editor's
# locked packages, as a dependency of Decap) is a GFM renderer we can run here.
NODE_GFM = """
const { readFileSync } = require("node:fs");
const micromark = require("micromark");
const gfm = require("micromark-extension-gfm");
const gfmHtml = require("micromark-extension-gfm/html");
console.log(JSON.stringify(micromark(readFileSync(0, "utf8"), { extensions: [gfm()], htmlExtensions: [gfmHtml] })));
"""

FORGED = [
    "[Одобрено от екипа](https://evil.example/phish)",
    "![значка](https://evil.example/pixel.png)",
    "<img src=https://evil.example/x.png> <a href='https://evil.example'>виж</a>",
    "Вижте www.evil.example или https://evil.example/page",
    "``код`` | фалшива клетка | [връзка](https://evil.example)",
    "ред\n\n## Фалшиво заглавие\n\n[x](https://evil.example)",
    "обратна черта \\| и `тик`",
]


def rendered(markdown: str) -> str:
    done = subprocess.run(["node", "-e", NODE_GFM], cwd=REPO / "editor", input=markdown, capture_output=True, text=True, check=True)
    return str(json.loads(done.stdout))


@pytest.mark.parametrize("title", FORGED)
def test_a_title_cannot_put_links_images_or_html_into_the_summary(title: str):
    html = rendered(summary([PageChange("bg", "changed", "/merki/mqrka/", title)], site_url="https://preview.example"))
    assert "<img" not in html and "evil.example/" not in re.sub(r"<code>.*?</code>", "", html, flags=re.S)
    assert re.findall(r"<a href=\"([^\"]*)\"", html) == ["https://preview.example/merki/mqrka/"]
    assert html.count("<li>") == 1 and html.count("<code>") == 1  # one entry, its title one code span
    assert "<h2>" in html and html.count("<h2>") == 1  # no heading of its own


def test_the_title_reads_as_written():
    title = "Място в детска градина: [ново] *спешно*"
    html = rendered(summary([PageChange("bg", "added", "/a/", title)]))
    assert "<code>Място в детска градина: [ново] *спешно*</code>" in html
