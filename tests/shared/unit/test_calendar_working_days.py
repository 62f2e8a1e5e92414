"""Official working days on the real 2025 and 2026 schedules, and the refusal to guess beyond them.

The schedules come from the chinese-calendar package; the first tests pin its data to the State
Council's published 2025 and 2026 holiday notices, so a wrong package release fails loudly.
"""

from datetime import date, timedelta

import pytest

from shared.calendar.sources import load_calendar
from shared.calendar.working_days import (
    CalendarNotCoveredError,
    WorkingDayCalendar,
    YearSchedule,
)

CALENDAR = load_calendar()


def _days(first: date, last: date) -> set[date]:
    return {first + timedelta(n) for n in range((last - first).days + 1)}


def test_package_data_matches_the_published_2025_and_2026_holidays() -> None:
    y2025, y2026 = CALENDAR.schedule_for(2025), CALENDAR.schedule_for(2026)
    assert _days(date(2025, 1, 28), date(2025, 2, 4)) <= y2025.holidays
    assert _days(date(2025, 10, 1), date(2025, 10, 8)) <= y2025.holidays
    assert _days(date(2026, 2, 15), date(2026, 2, 23)) <= y2026.holidays
    assert _days(date(2026, 10, 1), date(2026, 10, 7)) <= y2026.holidays
    assert y2025.workdays == {
        date(2025, 1, 26), date(2025, 2, 8), date(2025, 4, 27),
        date(2025, 9, 28), date(2025, 10, 11),
    }  # fmt: skip
    assert y2026.workdays == {
        date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28),
        date(2026, 5, 9), date(2026, 9, 20), date(2026, 10, 10),
    }  # fmt: skip


def test_package_covers_2004_to_2026() -> None:
    assert CALENDAR.covered_years == tuple(range(2004, 2027))


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 1, 24), True),  # Friday before Spring Festival
        (date(2025, 1, 25), False),  # ordinary Saturday
        (date(2025, 1, 26), True),  # Sunday made a working day (调休)
        (date(2025, 1, 28), False),  # Spring Festival eve, a Tuesday
        (date(2025, 2, 4), False),  # last day of the break
        (date(2025, 2, 5), True),
        (date(2025, 2, 8), True),  # Saturday made a working day
        (date(2025, 9, 28), True),  # Sunday made a working day
        (date(2025, 10, 8), False),  # a Wednesday inside National Day
        (date(2025, 10, 11), True),  # Saturday made a working day
        (date(2026, 2, 14), True),
        (date(2026, 2, 23), False),  # a Monday inside Spring Festival 2026
        (date(2026, 2, 28), True),
        (date(2026, 9, 20), True),
        (date(2026, 10, 7), False),
        (date(2026, 10, 10), True),
        (date(2025, 3, 5), True),  # an ordinary Wednesday
        (date(2025, 3, 8), False),
    ],
)
def test_is_working_day_follows_the_official_schedule(day: date, working: bool) -> None:
    assert CALENDAR.is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Skips Spring Festival 2025 and counts both make-up days (1/26 Sunday, 2/8 Saturday);
        # counting weekdays only would give 2025-02-14.
        (date(2025, 1, 24), 15, date(2025, 2, 20)),
        (date(2025, 1, 24), 1, date(2025, 1, 26)),
        (date(2025, 9, 30), 3, date(2025, 10, 11)),
        (date(2026, 2, 12), 5, date(2026, 2, 26)),
        (date(2026, 9, 30), 3, date(2026, 10, 10)),
        (date(2025, 3, 5), 0, date(2025, 3, 5)),
    ],
)
def test_add_working_days_returns_the_nth_working_day_after_start(
    start: date, n: int, expected: date
) -> None:
    assert CALENDAR.add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 1, 24), date(2025, 2, 20), 15),
        (date(2025, 9, 30), date(2025, 10, 9), 1),
        (date(2025, 10, 1), date(2025, 10, 8), 0),
        (date(2025, 3, 5), date(2025, 3, 5), 0),
        (date(2025, 10, 11), date(2025, 9, 30), -3),  # three working days overdue
    ],
)
def test_working_days_between_counts_days_after_start_through_end(
    start: date, end: date, expected: int
) -> None:
    assert CALENDAR.working_days_between(start, end) == expected


def test_negative_working_day_count_is_refused() -> None:
    with pytest.raises(ValueError):
        CALENDAR.add_working_days(date(2025, 3, 5), -1)


@pytest.mark.parametrize("day", [date(2027, 1, 4), date(2003, 12, 31)])
def test_a_day_outside_the_covered_years_raises(day: date) -> None:
    with pytest.raises(CalendarNotCoveredError, match=str(day.year)) as caught:
        CALENDAR.is_working_day(day)
    assert caught.value.year == day.year
    assert "2004–2026" in str(caught.value)
    assert "cadre calendar upload" in str(caught.value)
    assert f"尚无 {day.year} 年" in caught.value.message_zh


def test_counting_across_the_end_of_coverage_raises_rather_than_guessing() -> None:
    # 2026-12-31 is a Thursday: one working day later is in 2027, which nobody has published.
    with pytest.raises(CalendarNotCoveredError, match="2027"):
        CALENDAR.add_working_days(date(2026, 12, 31), 1)
    with pytest.raises(CalendarNotCoveredError, match="2027"):
        CALENDAR.working_days_between(date(2026, 12, 20), date(2027, 1, 5))


def _schedule(**changes: object) -> YearSchedule:
    fields: dict[str, object] = {
        "year": 2025,
        "holidays": frozenset({date(2025, 1, 28)}),
        "workdays": frozenset({date(2025, 1, 26)}),
        "source": "test",
    }
    fields.update(changes)
    return YearSchedule(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"holidays": frozenset({date(2024, 12, 31)})}, "holidays: 2024-12-31 is not in 2025"),
        ({"workdays": frozenset({date(2025, 1, 27)})}, "workdays: 2025-01-27 is a weekday"),
        ({"holidays": frozenset({date(2025, 1, 26)})}, "both list 2025-01-26"),
        ({"source": "  "}, "source"),
    ],
)
def test_a_year_schedule_rejects_inconsistent_data(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        _schedule(**changes)


def test_a_calendar_rejects_two_schedules_for_one_year() -> None:
    with pytest.raises(ValueError, match="two schedules for 2025"):
        WorkingDayCalendar([_schedule(), _schedule()])


def test_an_empty_calendar_covers_nothing() -> None:
    with pytest.raises(CalendarNotCoveredError, match="covered: none"):
        WorkingDayCalendar([]).is_working_day(date(2025, 3, 5))
