"""The fault-tolerance and correction clocks of the Wangyi 2019 measures (WY-FT art. 8 and 10(2)).

Each clock starts on a triggering day, which is not counted (民法典 art. 201), and yields the last
day on which the act is still on time (until 24:00, art. 203(2)).

Units follow the text exactly. Art. 8(3) sets the determination at "30个工作日" and, in the next
sentence, the written reply for a case that is not tolerable at "核实结束后10日内": the drafter
switched units inside one paragraph, and a bare "日" is a calendar day (art. 200), so the reply
clock counts 10 calendar days. Calendar-day and month periods whose last day is a rest day run on
to the next working day (art. 203(1)); working-day periods always end on a working day.

The working-day calendar is passed in; this module does no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from shared.calendar.periods import extend_past_rest_days, period_end

RECTIFICATION_USUAL_MONTHS = 2
RECTIFICATION_MAX_MONTHS = 4


class WorkingDays(Protocol):
    """The part of the official working-day calendar these clocks need."""

    def is_working_day(self, day: date) -> bool: ...

    def add_working_days(self, start: date, n: int) -> date: ...


class FaultToleranceClock(StrEnum):
    """Which act the deadline is for."""

    INVESTIGATION_REPORT = "investigation_report"
    DETERMINATION = "determination"
    REFUSAL_REPLY = "refusal_reply"
    DEFERRED_CONCLUSION = "deferred_conclusion"
    FEEDBACK = "feedback"
    CORRECTION_NOTICE = "correction_notice"
    RECTIFICATION = "rectification"


@dataclass(frozen=True)
class ClockRule:
    """How long one clock runs, in exactly one unit, and where the rule is written."""

    clock: FaultToleranceClock
    citation: str
    working_days: int = 0
    days: int = 0
    months: int = 0

    def __post_init__(self) -> None:
        units = (self.working_days, self.days, self.months)
        if min(units) < 0 or sum(1 for n in units if n) != 1:
            raise ValueError(f"{self.clock}: give one positive length in one unit")


INVESTIGATION_REPORT = ClockRule(
    FaultToleranceClock.INVESTIGATION_REPORT, "WY-FT art. 8(2)", working_days=15
)
DETERMINATION = ClockRule(FaultToleranceClock.DETERMINATION, "WY-FT art. 8(3)", working_days=30)
REFUSAL_REPLY = ClockRule(FaultToleranceClock.REFUSAL_REPLY, "WY-FT art. 8(3)", days=10)
# "一般暂缓时间不超过3个月": 一般 makes this the usual ceiling, so a later conclusion is reported
# as late rather than refused.
DEFERRED_CONCLUSION = ClockRule(
    FaultToleranceClock.DEFERRED_CONCLUSION, "WY-FT art. 8(4)", months=3
)
FEEDBACK = ClockRule(FaultToleranceClock.FEEDBACK, "WY-FT art. 8(5)", working_days=3)
CORRECTION_NOTICE = ClockRule(
    FaultToleranceClock.CORRECTION_NOTICE, "WY-FT art. 10(2)", working_days=5
)


class RectificationPeriodError(ValueError):
    """A rectification period outside the 1 to 4 months WY-FT art. 10(2) allows."""


@dataclass(frozen=True)
class Deadline:
    """The last day an act is on time, with the day its clock started and the rule's source."""

    clock: FaultToleranceClock
    started_on: date
    last_day: date
    citation: str


def deadline_for(rule: ClockRule, started_on: date, calendar: WorkingDays) -> Deadline:
    """Apply `rule` to a clock started on `started_on` (that day itself not counted)."""
    if rule.working_days:
        last_day = calendar.add_working_days(started_on, rule.working_days)
    else:
        nominal = period_end(started_on, days=rule.days, months=rule.months)
        last_day = extend_past_rest_days(nominal, calendar.is_working_day)
    return Deadline(rule.clock, started_on, last_day, rule.citation)


def is_late(deadline: Deadline, acted_on: date) -> bool:
    """Whether an act done on `acted_on` misses `deadline` (its last day is still on time)."""
    return acted_on > deadline.last_day


def investigation_report_deadline(accepted_on: date, calendar: WorkingDays) -> Deadline:
    """Written investigation report: within 15 working days of accepting the application."""
    return deadline_for(INVESTIGATION_REPORT, accepted_on, calendar)


def determination_deadline(verification_ended_on: date, calendar: WorkingDays) -> Deadline:
    """Fault-tolerance determination: within 30 working days after verification ends."""
    return deadline_for(DETERMINATION, verification_ended_on, calendar)


def refusal_reply_deadline(verification_ended_on: date, calendar: WorkingDays) -> Deadline:
    """Written reply when the case is not tolerable: within 10 calendar days of verification."""
    return deadline_for(REFUSAL_REPLY, verification_ended_on, calendar)


def deferred_conclusion_deadline(deferred_on: date, calendar: WorkingDays) -> Deadline:
    """Conclusion on a deferred case: the deferral usually lasts at most 3 months."""
    return deadline_for(DEFERRED_CONCLUSION, deferred_on, calendar)


def feedback_deadline(determined_on: date, calendar: WorkingDays) -> Deadline:
    """Result fed back to the applicant: within 3 working days of the determination."""
    return deadline_for(FEEDBACK, determined_on, calendar)


def correction_notice_deadline(correction_started_on: date, calendar: WorkingDays) -> Deadline:
    """Correction notice sent: within 5 working days of starting the correction procedure."""
    return deadline_for(CORRECTION_NOTICE, correction_started_on, calendar)


def rectification_deadline(
    notice_sent_on: date,
    calendar: WorkingDays,
    *,
    months: int = RECTIFICATION_USUAL_MONTHS,
) -> Deadline:
    """End of the rectification period set in a correction notice: usually 2 months, at most 4.

    The period runs from the notice, which is what sets it ("限期…整改期一般为2个月").
    """
    # "最多不超过4个月": 4 itself is allowed (不超过 includes the bound, SPEC §3).
    if not 1 <= months <= RECTIFICATION_MAX_MONTHS:
        raise RectificationPeriodError(
            f"rectification period of {months} months: WY-FT art. 10(2) allows 1 to "
            f"{RECTIFICATION_MAX_MONTHS}"
        )
    rule = ClockRule(FaultToleranceClock.RECTIFICATION, "WY-FT art. 10(2)", months=months)
    return deadline_for(rule, notice_sent_on, calendar)
