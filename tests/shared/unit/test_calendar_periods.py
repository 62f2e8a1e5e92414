"""Civil Code period arithmetic (民法典 art. 201–203) on real month ends and leap years."""

from datetime import date

import pytest

from shared.calendar.periods import (
    extend_past_rest_days,
    first_day_after,
    is_within,
    period_end,
)


@pytest.mark.parametrize(
    ("start", "years", "months", "expected_last_day"),
    [
        # Art. 202: no 29 February in 2025, so the month's last day.
        (date(2024, 2, 29), 1, 0, date(2025, 2, 28)),
        (date(2024, 2, 29), 4, 0, date(2028, 2, 29)),
        (date(2023, 2, 28), 1, 0, date(2024, 2, 28)),
        (date(2025, 1, 31), 0, 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 0, 1, date(2024, 2, 29)),
        (date(2025, 3, 31), 0, 1, date(2025, 4, 30)),
        (date(2025, 1, 15), 0, 1, date(2025, 2, 15)),
        (date(2025, 11, 30), 0, 3, date(2026, 2, 28)),
        (date(2025, 12, 31), 0, 2, date(2026, 2, 28)),
        (date(2025, 8, 31), 0, 6, date(2026, 2, 28)),
        (date(2025, 1, 10), 1, 6, date(2026, 7, 10)),
        (date(2025, 12, 15), 2, 0, date(2027, 12, 15)),
    ],
)
def test_year_and_month_periods_end_on_corresponding_day_or_month_end(
    start: date, years: int, months: int, expected_last_day: date
) -> None:
    assert period_end(start, years=years, months=months) == expected_last_day


@pytest.mark.parametrize(
    ("start", "days", "expected_last_day"),
    [
        # Art. 201: the start day is not counted, so day 1 is the next day.
        (date(2025, 3, 3), 10, date(2025, 3, 13)),
        (date(2025, 12, 25), 10, date(2026, 1, 4)),
        (date(2024, 2, 28), 1, date(2024, 2, 29)),
        (date(2025, 2, 28), 1, date(2025, 3, 1)),
    ],
)
def test_day_periods_end_n_days_after_the_start(
    start: date, days: int, expected_last_day: date
) -> None:
    assert period_end(start, days=days) == expected_last_day


def test_period_is_over_the_day_after_its_last_day() -> None:
    assert first_day_after(date(2024, 2, 29), years=1) == date(2025, 3, 1)
    assert first_day_after(date(2025, 1, 31), months=1) == date(2025, 3, 1)


@pytest.mark.parametrize(
    ("on", "inside"),
    [
        (date(2024, 2, 28), False),
        (date(2024, 2, 29), True),  # the act took effect that day
        (date(2024, 9, 1), True),
        (date(2025, 2, 28), True),  # art. 203(2): inside until 24:00
        (date(2025, 3, 1), False),
    ],
)
def test_is_within_includes_start_and_last_day(on: date, inside: bool) -> None:
    start = date(2024, 2, 29)
    assert is_within(start, period_end(start, years=1), on) is inside


def test_is_within_refuses_an_inverted_period() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        is_within(date(2025, 2, 1), date(2025, 1, 1), date(2025, 1, 15))


@pytest.mark.parametrize(
    "lengths",
    [{}, {"days": 0}, {"months": -1}, {"days": -3}, {"months": 1, "days": 5}],
)
def test_period_lengths_must_be_positive_and_in_one_unit_family(lengths: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        period_end(date(2025, 1, 1), **lengths)


def _weekdays_only(day: date) -> bool:
    return day.weekday() < 5


@pytest.mark.parametrize(
    ("last_day", "expected"),
    [
        (date(2025, 3, 14), date(2025, 3, 14)),  # a Friday: unchanged
        (date(2025, 3, 15), date(2025, 3, 17)),  # Saturday → Monday
        (date(2025, 3, 16), date(2025, 3, 17)),  # Sunday → Monday
    ],
)
def test_last_day_on_a_rest_day_runs_on_to_the_next_working_day(
    last_day: date, expected: date
) -> None:
    assert extend_past_rest_days(last_day, _weekdays_only) == expected


def test_extension_gives_up_on_a_calendar_without_working_days() -> None:
    with pytest.raises(ValueError, match="no working day"):
        extend_past_rest_days(date(2025, 3, 15), lambda day: False)
