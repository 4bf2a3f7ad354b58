"""validate: a period does not end before it starts. Its dates may be a year (2022) or a month
(2024-03), so they are compared by the days they can mean: an end of 2022 with a start of
2022-03 is fine (2022 can mean December). A reversed period is told at the end's line, in
Bulgarian and English."""

from __future__ import annotations

import calendar
import datetime

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.project import Project
from generator.schema import Period

PRACTICE = "regions/alpha/practices/good-one.yaml"


def with_period(project: Project, start: str | None, end: str | None) -> int:
    """Give the fixture practice a period, dates written as the form writes them (a bare year
    quoted, a month plain); returns the line of the last date."""
    path = project.content / PRACTICE
    lines = path.read_text(encoding="utf-8").splitlines()
    period = ["period:"]
    for name, value in (("start", start), ("end", end)):
        if value is not None:
            period.append(f'  {name}: "{value}"' if "-" not in value else f"  {name}: {value}")
    path.write_text("\n".join(lines + period) + "\n", encoding="utf-8")
    return len(lines) + len(period)


def validate(cli, project: Project, lang: str = "bg"):
    return cli("--root", str(project.root), "--lang", lang, "validate")


def test_an_end_before_the_start_is_refused_at_the_end_in_bulgarian(cli, project):
    line = with_period(project, "2024-03", "2022")
    result = validate(cli, project)
    assert result.code == 1
    assert result.errors() == [
        f"content/{PRACTICE}:{line}:8: грешка: Краят на периода (2022) е преди началото му. Проверете двете дати."
    ]


def test_an_end_before_the_start_is_refused_in_english(cli, project):
    line = with_period(project, "2024-03", "2023-12")
    result = validate(cli, project, lang="en")
    assert result.code == 1
    assert result.errors() == [f"content/{PRACTICE}:{line}:8: error: The period ends (2023-12) before it starts. Check both dates."]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2022-03", "2022"),  # 2022 can mean December
        ("2022", "2022-03"),  # 2022 can mean January
        ("2022", "2022"),
        ("2024-03", "2024-03"),
        ("2021-11", "2023"),
        ("2024-03", None),  # still going on
        (None, "2022"),
    ],
)
def test_periods_in_order_or_open_are_accepted(cli, project, start, end):
    with_period(project, start, end)
    assert validate(cli, project).code == 0


def days(value: str) -> tuple[datetime.date, datetime.date]:
    """The first and the last day a year or a month can mean, from the calendar."""
    year, _, month = value.partition("-")
    first = datetime.date(int(year), int(month or 1), 1)
    last_month = int(month or 12)
    return first, datetime.date(int(year), last_month, calendar.monthrange(int(year), last_month)[1])


partial_dates = st.builds(
    lambda year, month: f"{year}" if month is None else f"{year}-{month:02d}",
    st.integers(2019, 2025),
    st.none() | st.integers(1, 12),
)


@given(start=partial_dates, end=partial_dates)
def test_refused_exactly_when_every_day_of_the_end_is_before_every_day_of_the_start(start, end):
    reversed_ = days(end)[1] < days(start)[0]
    try:
        Period.model_validate({"start": start, "end": end})
    except pydantic.ValidationError as error:
        [problem] = error.errors()
        assert problem["loc"] == ("end",) and problem["msg"].endswith("period_reversed")
        assert reversed_, (start, end)
    else:
        assert not reversed_, (start, end)
