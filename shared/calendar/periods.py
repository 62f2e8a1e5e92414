"""Civil Code period arithmetic (民法典 第二百条至第二百零四条).

The regulations this system implements say "within 3 months", "10 days after" and so on without
defining how to count; they presume the Civil Code's general rules, which are:

- art. 200: periods are counted in Gregorian years, months, days (and hours);
- art. 201: the day on which the period starts is not counted; counting begins the next day;
- art. 202: a period of years or months ends on the corresponding day of the final month, or on
  that month's last day when it has no corresponding day;
- art. 203(1): when the last day is a statutory rest day, the period ends on the day after the
  rest ends (see `extend_past_rest_days`, which needs a working-day calendar);
- art. 203(2): the period is over at 24:00 of its last day, so an act on the last day is on time;
- art. 204: these rules yield where a rule says otherwise, e.g. a period set in working days
  (counted by `working_days.WorkingDayCalendar`, not here).

Everything here is pure date arithmetic; dates are `datetime.date`, never datetimes, because every
period in the documents counts whole days.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

# Guards `extend_past_rest_days` against a calendar that never reports a working day (bad data):
# the longest real run of rest days in China is the 9-day Spring Festival break.
_MAX_REST_RUN_DAYS = 31


def period_end(start: date, *, years: int = 0, months: int = 0, days: int = 0) -> date:
    """The last day still inside a period of the given length that starts on `start`.

    `start` is the day the act takes effect (or the triggering event happens); by art. 201 it is
    not counted. Years and months may be combined (one year and six months = 18 months); days
    may not be mixed with them, because the Civil Code gives no order for applying both.
    """
    if years < 0 or months < 0 or days < 0:
        raise ValueError("a period length cannot be negative")
    total_months = years * 12 + months
    if total_months and days:
        raise ValueError("give a period in years/months or in days, not both")
    if total_months:
        return _add_months(start, total_months)
    if days:
        # Art. 201: counting starts the day after `start`, so N days end on start + N.
        return start + timedelta(days=days)
    raise ValueError("a period must have a positive length")


def first_day_after(start: date, *, years: int = 0, months: int = 0, days: int = 0) -> date:
    """The first day on which the period is over (art. 203(2): it ends at 24:00 of its last day)."""
    return period_end(start, years=years, months=months, days=days) + timedelta(days=1)


def is_within(start: date, end_inclusive: date, on: date) -> bool:
    """Whether `on` falls within the period from `start` to `end_inclusive`.

    The start day is excluded from the *length* (art. 201), but the act has already taken effect
    on it, so the start day itself is inside the period; the last day is inside up to 24:00
    (art. 203(2)).
    """
    if end_inclusive < start:
        raise ValueError(f"period ends ({end_inclusive}) before it starts ({start})")
    return start <= on <= end_inclusive


def extend_past_rest_days(last_day: date, is_working_day: Callable[[date], bool]) -> date:
    """Apply art. 203(1): a period whose last day is a rest day ends on the next working day.

    "Statutory rest day" (法定休假日) is read in practice as public holidays plus ordinary
    weekends, but not a weekend day the State Council has made a working day (调休), so the
    official working-day calendar is the test. Working-day periods never need this: their last
    day is a working day by construction.
    """
    day = last_day
    for _ in range(_MAX_REST_RUN_DAYS):
        if is_working_day(day):
            return day
        day += timedelta(days=1)
    raise ValueError(f"no working day within {_MAX_REST_RUN_DAYS} days of {last_day}")


def _add_months(start: date, months: int) -> date:
    """Art. 202: the corresponding day of the final month, or its last day if there is none."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day_of_month = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day_of_month))
