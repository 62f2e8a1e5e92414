"""The fault-tolerance and correction clocks a jurisdiction's pack sets (WY-FT 8 and 10(2) in the
Wangyi pack; LG-FT 6 sets none, and IM-2022 has no fault-tolerance document), counted on the
official working-day calendar.

Each clock starts on a triggering day, which is not counted (民法典 art. 201), and yields the last
day on which the act is still on time (until 24:00, art. 203(2)). Units are the pack's, as the text
says them: WY-FT 8(3) sets the determination at "30个工作日" and the written reply for a case that
is not tolerable at "核实结束后10日内", a bare 日 being a calendar day (art. 200). Calendar-day and
month periods whose last day is a rest day run on to the next working day (art. 203(1)); working-
day periods always end on a working day.

The working-day calendar and the pack's rules are passed in; this module does no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from services.identification.domain.errors import CorrectionOrderRefusedError
from shared.calendar.periods import extend_past_rest_days, period_end
from shared.policy.procedure_rules import ClockLength, FaultToleranceRules, TimedRule


class WorkingDays(Protocol):
    """The part of the official working-day calendar these clocks need."""

    def is_working_day(self, day: date) -> bool: ...

    def add_working_days(self, start: date, n: int) -> date: ...


@dataclass(frozen=True)
class Deadline:
    """The last day an act is on time, with the day its clock started and the rule's source."""

    clock: str
    started_on: date
    last_day: date
    citation: str


def deadline_for(rule: TimedRule, started_on: date, calendar: WorkingDays) -> Deadline:
    """Apply `rule` to a clock started on `started_on` (that day itself not counted)."""
    length = rule.length
    if length.working_days:
        last_day = calendar.add_working_days(started_on, length.working_days)
    else:
        nominal = period_end(started_on, years=length.years, months=length.months, days=length.days)
        last_day = extend_past_rest_days(nominal, calendar.is_working_day)
    return Deadline(rule.name, started_on, last_day, rule.citation)


def is_late(deadline: Deadline, acted_on: date) -> bool:
    """Whether an act done on `acted_on` misses `deadline` (its last day is still on time)."""
    return acted_on > deadline.last_day


@dataclass(frozen=True)
class ClockSet:
    """The clocks of one application's pack on the calendar as it stands."""

    rules: FaultToleranceRules | None
    calendar: WorkingDays

    def deadline(self, clock: str, started_on: date) -> Deadline | None:
        """The clock's deadline, or None when the pack sets no such clock."""
        rule = self.rules.clocks.get(clock) if self.rules is not None else None
        return deadline_for(rule, started_on, self.calendar) if rule is not None else None


def correction_notice_deadline(rules: FaultToleranceRules | None, started_on: date,
                               calendar: WorkingDays) -> Deadline:
    """Correction notice sent within the pack's working days of starting the correction."""
    if rules is None or rules.correction_notice is None:
        raise CorrectionOrderRefusedError(
            "WY-FT 10(2)", "该干部所属辖区的政策包未规定责令纠错程序",
            "the cadre's pack sets no correction procedure (WY-FT 10(2) is the Wangyi pack's)",
            "citation.pack_id")
    return deadline_for(rules.correction_notice, started_on, calendar)


def rectification_deadline(rules: FaultToleranceRules | None, notice_sent_on: date,
                           calendar: WorkingDays, *, months: int | None = None) -> Deadline:
    """End of the rectification period a correction notice sets: the pack's usual length (WY-FT
    10(2): 一般为2个月), at most its longest (最多不超过4个月: 4 itself is allowed, SPEC §3). The
    period runs from the notice, which is what sets it; a last day on a rest day runs on to the
    next working day (Civil Code art. 203)."""
    rectification = rules.rectification if rules is not None else None
    if rectification is None:
        raise CorrectionOrderRefusedError(
            "WY-FT 10(2)", "该干部所属辖区的政策包未规定整改期",
            "the cadre's pack sets no rectification period",
            "rectification_months")
    chosen = rectification.usual_months if months is None else months
    if not 1 <= chosen <= rectification.max_months:
        raise CorrectionOrderRefusedError(
            rectification.citation,
            f"整改期 {chosen} 个月：一般为 {rectification.usual_months} 个月，"
            f"最多不超过 {rectification.max_months} 个月",
            f"a rectification period of {chosen} months: {rectification.citation} allows 1 to "
            f"{rectification.max_months} (usually {rectification.usual_months})", "rectification_months")
    rule = TimedRule("rectification", ClockLength(months=chosen), rectification.citation)
    return deadline_for(rule, notice_sent_on, calendar)
