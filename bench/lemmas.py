"""Would lemmas help the search? `python -m bench.lemmas` (needs `pip install simplemma==2.0.0`,
which the project does not install: measured, not adopted — see issue 20's note).

Lemma-then-stem at build time needs, in the browser, every word form whose lemma's stem is
a term of the index but whose own stem is not (the "exceptions"): their count and bytes,
and how many words of the evaluation's Bulgarian queries (tests/search_queries.yaml) only a
lemma would bring to a term the search does not reach already (equal stem or prefix).
Reads the Bulgarian index of a built site (default: site/assets/search-index.json).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import yaml

from generator.stemmer import stem_bg, tokens

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    try:
        from simplemma.strategies.dictionaries import DefaultDictionaryFactory
    except ImportError:
        print("simplemma is not installed: pip install simplemma==2.0.0", file=sys.stderr)
        return 1
    index_path = Path(argv[0]) if argv else REPO / "site" / "assets" / "search-index.json"
    terms = set(json.loads(index_path.read_text(encoding="utf-8"))["terms"])
    forms = DefaultDictionaryFactory().get_dictionary("bg")
    exceptions = {}
    for form, lemma in forms.items():
        lemma_stem = stem_bg(lemma)
        if lemma_stem in terms and stem_bg(form) != lemma_stem:
            exceptions[form] = lemma_stem
    raw = json.dumps(exceptions, ensure_ascii=False, separators=(",", ":")).encode()
    queries = yaml.safe_load((REPO / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))["bg"]

    def reached(stem: str) -> bool:
        return stem in terms or (len(stem) >= 3 and any(term.startswith(stem) for term in terms))

    only_by_lemma = [(q["q"], w) for q in queries for w in tokens(q["q"]) if not reached(stem_bg(w)) and w in exceptions]
    print(f"simplemma bg word forms: {len(forms)}")
    print(f"exceptions the browser would need: {len(exceptions)} ({len(raw) / 1024:.0f} KB, {len(gzip.compress(raw)) / 1024:.1f} KB gzip)")
    print(f"query words of the evaluation only a lemma reaches: {len(only_by_lemma)} {only_by_lemma}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
