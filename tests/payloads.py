"""Script-injection payloads a hostile pull request could put into any text field."""

from __future__ import annotations

from generator.project import Project

MEASURE = "measures/first-measure.yaml"
PRACTICE = "regions/alpha/practices/good-one.yaml"
PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    "[click](javascript:window.__pwned=3)",
    '<a href="javascript:window.__pwned=4">x</a>',
    "<javascript:window.__pwned=5>",
    '<svg onload="window.__pwned=6"></svg>',
    "{{ 7 * 7 }} {% raw %}x{% endraw %}",
]


def inject(project: Project) -> None:
    """Put every payload into every kind of text field of a practice and a measure."""
    payload = " ".join(PAYLOADS).replace('"', '\\"')
    practice = project.content / PRACTICE
    practice.write_text(
        f'''title:
  bg: "Практика {payload}"
  en: "Practice {payload}"
summary:
  bg: "{payload}"
  en: "{payload}"
measures: [first-measure]
target_groups: [women_survivors]
implementing_actors:
  - name: {{bg: "{payload}", en: "{payload}"}}
    type: crisis_centre
results:
  bg: "{payload}"
  draft: true
sources:
  - title: "{payload}"
    url: https://source.test/source
    publisher: "{payload}"
''',
        encoding="utf-8",
    )
    measure = project.content / MEASURE
    measure.write_text(measure.read_text(encoding="utf-8").replace("en: Mothers.", f'en: "{payload}"'), encoding="utf-8")
