"""The Wangyi pack's WY-FT 8 and 10(2) clocks on the official 2025 and 2026 calendars; other packs
run their own clocks, or none."""

import json
from datetime import date
from pathlib import Path

import pytest

from services.identification.domain.errors import CorrectionOrderRefusedError
from services.identification.domain.fault_tolerance_deadlines import (
    ClockSet,
    correction_notice_deadline,
    is_late,
    rectification_deadline,
)
from shared.calendar.sources import load_calendar
from shared.calendar.working_days import CalendarNotCoveredError
from shared.policy import load_packs

CALENDAR = load_calendar()
PACKS = load_packs()
WY_FT = PACKS.get("WY-2019").fault_tolerance
WY = ClockSet(WY_FT, CALENDAR)


@pytest.mark.parametrize(
    ("clock", "started_on", "last_day", "citation"),
    [
        # Accepted the Friday before Spring Festival 2025: the break (1/28–2/4) is skipped and
        # the make-up Sunday 1/26 and Saturday 2/8 count. Weekdays alone would give 2/14.
        ("investigation_report", date(2025, 1, 24), date(2025, 2, 20), "WY-FT 8(2)"),
        # Accepted the day before Spring Festival 2026: make-up Saturdays 2/14 and 2/28 count.
        ("investigation_report", date(2026, 2, 13), date(2026, 3, 12), "WY-FT 8(2)"),
        # Spans National Day 2025 and its make-up Sunday 9/28 and Saturday 10/11.
        ("determination", date(2025, 9, 15), date(2025, 10, 31), "WY-FT 8(3)"),
        # Feedback across National Day 2025: the third working day is make-up Saturday 10/11.
        ("feedback", date(2025, 9, 30), date(2025, 10, 11), "WY-FT 8(5)"),
        ("feedback", date(2025, 9, 26), date(2025, 9, 30), "WY-FT 8(5)"),
        # National Day 2026 (10/1–10/7), make-up Saturday 10/10.
        ("feedback", date(2026, 9, 30), date(2026, 10, 10), "WY-FT 8(5)"),
    ],
)
def test_working_day_clocks_follow_the_official_calendar(
    clock: str, started_on: date, last_day: date, citation: str
) -> None:
    deadline = WY.deadline(clock, started_on)
    assert deadline is not None
    assert (deadline.clock, deadline.started_on, deadline.last_day, deadline.citation) == (
        clock, started_on, last_day, citation)


def test_the_correction_notice_is_due_within_five_working_days() -> None:
    deadline = correction_notice_deadline(WY_FT, date(2026, 2, 12), CALENDAR)
    # 2/13, then Spring Festival 2/15–2/23 is skipped, make-up Saturday 2/14 counts: 2/14, 2/24–26.
    assert (deadline.last_day, deadline.citation) == (date(2026, 2, 26), "WY-FT 10(2)")


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
def test_refusal_reply_counts_ten_calendar_days(verification_ended_on: date, last_day: date) -> None:
    deadline = WY.deadline("refusal_reply", verification_ended_on)
    assert deadline is not None and deadline.last_day == last_day


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
    deadline = WY.deadline("deferred_conclusion", deferred_on)
    assert deadline is not None and deadline.last_day == last_day


@pytest.mark.parametrize(
    ("notice_sent_on", "months", "last_day"),
    [
        (date(2025, 12, 31), 2, date(2026, 2, 28)),  # a make-up Saturday: a working day
        (date(2025, 12, 31), 4, date(2026, 4, 30)),
        (date(2025, 8, 6), 2, date(2025, 10, 9)),  # 10/6 falls in National Day
        # SPEC §3: from 4 May 2026, two months end on Saturday 4 July: art. 203 moves it to 6 July.
        (date(2026, 5, 4), 2, date(2026, 7, 6)),
        (date(2026, 5, 4), 1, date(2026, 6, 4)),
    ],
)
def test_rectification_period_in_months(notice_sent_on: date, months: int, last_day: date) -> None:
    deadline = rectification_deadline(WY_FT, notice_sent_on, CALENDAR, months=months)
    assert (deadline.last_day, deadline.citation) == (last_day, "WY-FT 10(2)")


def test_rectification_defaults_to_the_usual_two_months() -> None:
    assert rectification_deadline(WY_FT, date(2025, 3, 3), CALENDAR).last_day == date(2025, 5, 6)


@pytest.mark.parametrize("months", [0, 5, -1])
def test_rectification_beyond_four_months_is_refused(months: int) -> None:
    with pytest.raises(CorrectionOrderRefusedError, match="1 to 4") as caught:
        rectification_deadline(WY_FT, date(2025, 3, 3), CALENDAR, months=months)
    assert caught.value.rule == "WY-FT 10(2)" and "最多不超过 4 个月" in caught.value.message_zh


def test_four_months_is_still_allowed() -> None:
    assert rectification_deadline(WY_FT, date(2025, 3, 3), CALENDAR, months=4).last_day == date(2025, 7, 3)


@pytest.mark.parametrize(
    ("acted_on", "late"),
    [(date(2025, 1, 24), False), (date(2025, 2, 20), False), (date(2025, 2, 21), True)],
)
def test_is_late_only_after_the_last_day(acted_on: date, late: bool) -> None:
    deadline = WY.deadline("investigation_report", date(2025, 1, 24))
    assert deadline is not None and is_late(deadline, acted_on) is late


def test_packs_without_the_wangyi_clocks_run_none_of_them() -> None:
    lg = ClockSet(PACKS.get("LG-2020").fault_tolerance, CALENDAR)
    im = ClockSet(PACKS.get("IM-2022").fault_tolerance, CALENDAR)
    for clock in (
            "investigation_report", "determination", "refusal_reply", "deferred_conclusion", "feedback"):
        assert lg.deadline(clock, date(2026, 3, 2)) is None
        assert im.deadline(clock, date(2026, 3, 2)) is None
    with pytest.raises(CorrectionOrderRefusedError, match="no correction procedure"):
        correction_notice_deadline(PACKS.get("IM-2022").fault_tolerance, date(2026, 3, 2), CALENDAR)


def test_a_clock_running_into_an_unpublished_year_raises(tmp_path: Path) -> None:
    with pytest.raises(CalendarNotCoveredError, match="2027"):
        WY.deadline("investigation_report", date(2026, 12, 24))

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
    deadline = ClockSet(WY_FT, load_calendar(tmp_path)).deadline("investigation_report", date(2026, 12, 24))
    # 12/25, 28–31 (5), then 1/4–8 (10), 1/11–15 (15).
    assert deadline is not None and deadline.last_day == date(2027, 1, 15)
