"""WY-FT art. 8 and 10(2) clocks on the official 2025 and 2026 calendars."""

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from services.identification.domain.fault_tolerance_deadlines import (
    ClockRule,
    Deadline,
    FaultToleranceClock,
    RectificationPeriodError,
    WorkingDays,
    correction_notice_deadline,
    deferred_conclusion_deadline,
    determination_deadline,
    feedback_deadline,
    investigation_report_deadline,
    is_late,
    rectification_deadline,
    refusal_reply_deadline,
)
from shared.calendar.sources import load_calendar
from shared.calendar.working_days import CalendarNotCoveredError

CALENDAR = load_calendar()

Clock = Callable[[date, WorkingDays], Deadline]


@pytest.mark.parametrize(
    ("clock", "started_on", "last_day", "citation"),
    [
        # Accepted the Friday before Spring Festival 2025: the break (1/28–2/4) is skipped and
        # the make-up Sunday 1/26 and Saturday 2/8 count. Weekdays alone would give 2/14.
        (investigation_report_deadline, date(2025, 1, 24), date(2025, 2, 20), "WY-FT art. 8(2)"),
        # Accepted the day before Spring Festival 2026: make-up Saturdays 2/14 and 2/28 count.
        (investigation_report_deadline, date(2026, 2, 13), date(2026, 3, 12), "WY-FT art. 8(2)"),
        # Spans National Day 2025 and its make-up Sunday 9/28 and Saturday 10/11.
        (determination_deadline, date(2025, 9, 15), date(2025, 10, 31), "WY-FT art. 8(3)"),
        # Feedback across National Day 2025: the third working day is make-up Saturday 10/11.
        (feedback_deadline, date(2025, 9, 30), date(2025, 10, 11), "WY-FT art. 8(5)"),
        (feedback_deadline, date(2025, 9, 26), date(2025, 9, 30), "WY-FT art. 8(5)"),
        # National Day 2026 (10/1–10/7), make-up Saturday 10/10.
        (feedback_deadline, date(2026, 9, 30), date(2026, 10, 10), "WY-FT art. 8(5)"),
        (correction_notice_deadline, date(2026, 2, 12), date(2026, 2, 26), "WY-FT art. 10(2)"),
    ],
)
def test_working_day_clocks_follow_the_official_calendar(
    clock: Clock, started_on: date, last_day: date, citation: str
) -> None:
    deadline = clock(started_on, CALENDAR)
    assert (deadline.started_on, deadline.last_day, deadline.citation) == (
        started_on,
        last_day,
        citation,
    )


@pytest.mark.parametrize(
    ("verification_ended_on", "last_day"),
    [
        (date(2025, 3, 3), date(2025, 3, 13)),  # 10 calendar days, not working days
        (date(2025, 3, 5), date(2025, 3, 17)),  # 3/15 is a Saturday: runs on to Monday
        (date(2025, 9, 21), date(2025, 10, 9)),  # 10/1 is National Day: runs on to 10/9
        (date(2025, 1, 20), date(2025, 2, 5)),  # 1/30 is Spring Festival: runs on to 2/5
        (date(2025, 1, 29), date(2025, 2, 8)),  # 2/8 is a make-up Saturday: a working day
    ],
)
def test_refusal_reply_counts_ten_calendar_days(
    verification_ended_on: date, last_day: date
) -> None:
    deadline = refusal_reply_deadline(verification_ended_on, CALENDAR)
    assert deadline.last_day == last_day
    assert deadline.clock is FaultToleranceClock.REFUSAL_REPLY


@pytest.mark.parametrize(
    ("deferred_on", "last_day"),
    [
        (date(2025, 6, 30), date(2025, 9, 30)),
        # No 30 February: the month's last day, 2026-02-28, a make-up Saturday (working).
        (date(2025, 11, 30), date(2026, 2, 28)),
        # 2026-02-15 is in Spring Festival 2026: runs on to the first working day, 2/24.
        (date(2025, 11, 15), date(2026, 2, 24)),
    ],
)
def test_deferral_lasts_three_months(deferred_on: date, last_day: date) -> None:
    assert deferred_conclusion_deadline(deferred_on, CALENDAR).last_day == last_day


@pytest.mark.parametrize(
    ("notice_sent_on", "months", "last_day"),
    [
        (date(2025, 12, 31), 2, date(2026, 2, 28)),
        (date(2025, 12, 31), 4, date(2026, 4, 30)),
        (date(2025, 8, 6), 2, date(2025, 10, 9)),  # 10/6 falls in National Day
    ],
)
def test_rectification_period_in_months(notice_sent_on: date, months: int, last_day: date) -> None:
    deadline = rectification_deadline(notice_sent_on, CALENDAR, months=months)
    assert (deadline.last_day, deadline.citation) == (last_day, "WY-FT art. 10(2)")


def test_rectification_defaults_to_the_usual_two_months() -> None:
    assert rectification_deadline(date(2025, 3, 3), CALENDAR).last_day == date(2025, 5, 6)


@pytest.mark.parametrize("months", [0, 5, -1])
def test_rectification_beyond_four_months_is_refused(months: int) -> None:
    with pytest.raises(RectificationPeriodError, match="1 to 4"):
        rectification_deadline(date(2025, 3, 3), CALENDAR, months=months)


@pytest.mark.parametrize(
    ("acted_on", "late"),
    [
        (date(2025, 1, 24), False),
        (date(2025, 2, 20), False),  # the last day is on time until 24:00
        (date(2025, 2, 21), True),
    ],
)
def test_is_late_only_after_the_last_day(acted_on: date, late: bool) -> None:
    deadline = investigation_report_deadline(date(2025, 1, 24), CALENDAR)
    assert is_late(deadline, acted_on) is late


@pytest.mark.parametrize(
    "lengths",
    [{}, {"working_days": 3, "days": 3}, {"days": -10}],
)
def test_a_clock_rule_needs_one_positive_length(lengths: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="one positive length"):
        ClockRule(FaultToleranceClock.FEEDBACK, "test", **lengths)


def test_a_clock_running_into_an_unpublished_year_raises(tmp_path: Path) -> None:
    with pytest.raises(CalendarNotCoveredError, match="2027"):
        investigation_report_deadline(date(2026, 12, 24), CALENDAR)

    # Once the operator has loaded a 2027 schedule (here: only New Year, 1/1–1/3), it counts.
    (tmp_path / "2027.json").write_text(
        json.dumps({
            "year": 2027,
            "holidays": ["2027-01-01", "2027-01-02", "2027-01-03"],
            "workdays": [],
            "source": "test data",
        }),
        encoding="utf-8",
    )  # fmt: skip
    deadline = investigation_report_deadline(date(2026, 12, 24), load_calendar(tmp_path))
    # 12/25, 28–31 (5), then 1/4–8 (10), 1/11–15 (15).
    assert deadline.last_day == date(2027, 1, 15)
