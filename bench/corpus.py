"""Synthetic but realistic content: real-length Bulgarian and English text, cross-references,
practices spread over regions — written as YAML and validated by the project's own schema.

Words are drawn from the project's real content, so letter and word lengths, inflections
and the share of Cyrillic match what the site will hold.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import yaml

from generator.kinds import REGISTRY
from generator.schema import Measure, Partner, Practice, Region
from generator.schema_export import schema_comment
from generator.stemmer import tokens

REPO = Path(__file__).resolve().parent.parent
SOURCE = [{"title": "Synthetic benchmark source", "url": "https://bench.test/bench"}]


def vocabulary(lang: str) -> list[str]:
    words: list[str] = []
    for path in sorted((REPO / "content").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(rf"^\s*-?\s*{lang}: (.+)$", text, flags=re.M):
            words += [w for w in tokens(match.group(1)) if not w.isdigit()]
    return words or ["дума"]


class Writer:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.words = {lang: vocabulary(lang) for lang in ("bg", "en")}

    def sentence(self, lang: str, length: int) -> str:
        words = self.random.choices(self.words[lang], k=length)
        return " ".join(words).capitalize() + "."

    def paragraph(self, lang: str, words: int) -> str:
        sentences, left = [], words
        while left > 0:
            n = min(left, self.random.randint(8, 18))
            sentences.append(self.sentence(lang, n))
            left -= n
        return " ".join(sentences)

    def text(self, words: int) -> dict[str, str]:
        return {"bg": self.paragraph("bg", words), "en": self.paragraph("en", words)}

    def title(self) -> dict[str, str]:
        return {"bg": self.sentence("bg", 5).rstrip("."), "en": self.sentence("en", 5).rstrip(".")}


def plan(n: int) -> dict[str, int]:
    """How many records of each kind make N records."""
    regions = max(3, n // 50)
    measures = min(60, max(7, n // 25))  # measures stay few; practices grow
    partners = regions
    return {"region": regions, "measure": measures, "partner": partners, "practice": max(1, n - regions - measures - partners)}


def dump(path: Path, kind: str, data: dict[str, Any], depth: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = schema_comment(REGISTRY[kind], depth) + "\n"
    path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def make_corpus(content: Path, n: int, seed: int = 1) -> dict[str, int]:
    """Write about n records (≈400 words each) under content/; return the count per kind."""
    writer = Writer(seed)
    counts = plan(n)
    # The help lines, as the real site has them: every page shows them, the safety page links them.
    help_file = Path(__file__).resolve().parent.parent / "content" / "help" / "helplines.yaml"
    (content / "help").mkdir(parents=True, exist_ok=True)
    (content / "help" / "helplines.yaml").write_bytes(help_file.read_bytes())
    region_slugs = [f"region-{i:03d}" for i in range(counts["region"])]
    partner_slugs = [f"centre-{i:03d}" for i in range(counts["partner"])]
    measure_slugs = [f"measure-{i:03d}" for i in range(counts["measure"])]
    for i, slug in enumerate(partner_slugs):
        data = {
            "name": writer.title(),
            "role": "local_partner",
            "city": writer.title(),
            "region": region_slugs[i % len(region_slugs)],
            "about": writer.text(120),
            "sources": SOURCE,
        }
        Partner.model_validate(data)
        dump(content / "partners" / f"{slug}.yaml", "partner", data, 1)
    for i, slug in enumerate(region_slugs):
        data = {"name": writer.title(), "centre": partner_slugs[i], "summary": writer.text(300), "sources": SOURCE}
        Region.model_validate(data)
        dump(content / "regions" / slug / "region.yaml", "region", data, 2)
    for i, slug in enumerate(measure_slugs):
        data = {
            "number": i + 1,
            "title": writer.title(),
            "summary": writer.text(120),
            "helps": writer.text(60),
            "implementers": {"actors": ["municipality", "employer"], "note": writer.text(60)},
            "legal_note": writer.text(40),
            "steps": [writer.text(25) for _ in range(4)],
            "regions": [{"region": r, "state": "discussed"} for r in region_slugs[:3]],
            "sources": SOURCE,
        }
        Measure.model_validate(data)
        dump(content / "measures" / f"{slug}.yaml", "measure", data, 1)
    for i in range(counts["practice"]):
        region = region_slugs[i % len(region_slugs)]
        data = {
            "title": writer.title(),
            "summary": writer.text(120),
            "measures": writer.random.sample(measure_slugs, k=2),
            "target_groups": ["women_survivors"],
            "implementing_actors": [
                {"name": writer.title(), "type": "crisis_centre", "partner": partner_slugs[i % len(partner_slugs)]}
            ],
            "innovative_aspect": writer.text(60),
            "funding": writer.text(30),
            "results": writer.text(100),
            "transferability": writer.text(60),
            "sources": SOURCE,
        }
        Practice.model_validate(data)
        dump(content / "regions" / region / "practices" / f"practice-{i:05d}.yaml", "practice", data, 3)
    return counts
