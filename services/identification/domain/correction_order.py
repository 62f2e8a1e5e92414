"""A correction order (责令纠错, WY-FT 10(2)): the notice within the pack's working days of
starting it, then a rectification period it sets (usually 2 months, at most 4), then the written
rectification. Each step event carries the clocks it opens and closes, like a fault-tolerance
application, so the deadline board and the worklists follow the log alone.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from services.identification.domain import fault_tolerance_deadlines as ft
from services.identification.domain.errors import CorrectionOrderRefusedError
from shared.policy.procedure_rules import FaultToleranceRules

Clocks = dict[str, dict[str, str]]


def _opening(deadline: ft.Deadline) -> Clocks:
    return {deadline.clock: {"due_on": deadline.last_day.isoformat(), "citation": deadline.citation}}


class CorrectionOrder(Aggregate):
    @staticmethod
    def new_id() -> UUID:
        return uuid4()

    @classmethod
    def start(cls, *, cadre: dict[str, Any], managing_unit: str, co_managing_unit: str | None,
              matter_ref: str, reason: str, started_by: str, started_on: date, pack_id: str,
              pack_version: int, rules: FaultToleranceRules | None,
              calendar: ft.WorkingDays) -> CorrectionOrder:
        """The correction procedure starts; the notice is due within the pack's clock."""
        due = ft.correction_notice_deadline(rules, started_on, calendar)
        return cls(cadre=cadre, managing_unit=managing_unit, co_managing_unit=co_managing_unit,
                   matter_ref=matter_ref, reason=reason, started_by=started_by, started_on=started_on,
                   pack_id=pack_id, pack_version=pack_version, opened=_opening(due))

    @event("Started")
    def __init__(self, cadre: dict[str, Any], managing_unit: str, co_managing_unit: str | None,
                 matter_ref: str, reason: str, started_by: str, started_on: date, pack_id: str,
                 pack_version: int, opened: Clocks) -> None:
        self.cadre = cadre
        self.managing_unit = managing_unit
        self.co_managing_unit = co_managing_unit
        self.matter_ref = matter_ref
        self.reason = reason
        self.handled_by = started_by
        self.started_on = started_on
        self.pack_id = pack_id
        self.pack_version = pack_version
        self.status = "started"
        self.clocks: dict[str, dict[str, Any]] = {}
        self.steps: list[dict[str, Any]] = [
            {"step": "started", "by": started_by, "on": started_on.isoformat(), "reason": reason}]
        self._apply_clocks(opened, [], started_on)

    @property
    def cadre_id(self) -> str:
        return str(self.cadre["cadre_id"])

    def _apply_clocks(self, opened: Clocks, closed: list[str], on: date) -> None:
        for name, clock in opened.items():
            self.clocks[name] = {**clock, "met_on": None, "missed": False}
        for name in closed:
            if name in self.clocks and self.clocks[name]["met_on"] is None:
                self.clocks[name]["met_on"] = on.isoformat()

    def _late(self, clock: str, on: date) -> bool:
        """Whether an act misses its clock; the miss is recorded first (once)."""
        state = self.clocks.get(clock)
        if state is None or on <= date.fromisoformat(state["due_on"]):
            return False
        if not state["missed"]:
            self._clock_missed(clock=clock, due_on=date.fromisoformat(state["due_on"]),
                               citation=state["citation"], detected_on=on, cadre_id=self.cadre_id)
        return True

    def send_notice(self, *, sent_by: str, sent_on: date, rectification_months: int | None,
                    requirements: str, rules: FaultToleranceRules | None, calendar: ft.WorkingDays) -> None:
        """The notice names what to correct and sets the rectification period (WY-FT 10(2))."""
        if self.status != "started":
            raise CorrectionOrderRefusedError(
                "WY-FT 10(2)", "纠错通知书已发送", "the notice was already sent", "sent_on")
        if sent_on < self.started_on:
            raise CorrectionOrderRefusedError(
                "WY-FT 10(2)", f"发送日期 {sent_on} 早于启动责令纠错程序的日期 {self.started_on}",
                f"sent_on {sent_on} is before the correction started ({self.started_on})", "sent_on")
        rectification = ft.rectification_deadline(rules, sent_on, calendar, months=rectification_months)
        late = self._late("correction_notice", sent_on)
        usual = rules.rectification.usual_months if rules and rules.rectification else 0
        months = rectification_months or usual
        self._notice_sent(sent_by=sent_by, sent_on=sent_on, requirements=requirements,
                          rectification_months=months, late=late, opened=_opening(rectification),
                          closed=["correction_notice"], cadre_id=self.cadre_id)

    @event("NoticeSent")
    def _notice_sent(self, sent_by: str, sent_on: date, requirements: str, rectification_months: int,
                     late: bool, opened: Clocks, closed: list[str], cadre_id: str) -> None:
        self.status = "notice_sent"
        self._apply_clocks(opened, closed, sent_on)
        self.steps.append({"step": "notice_sent", "by": sent_by, "on": sent_on.isoformat(),
                           "requirements": requirements, "rectification_months": rectification_months,
                           "late": late})

    def report_rectification(self, *, reported_by: str, reported_on: date, summary: str) -> None:
        """The written rectification measures, on time or late (the lateness is on the record)."""
        if self.status != "notice_sent":
            raise CorrectionOrderRefusedError(
                "WY-FT 10(2)", "整改情况在发送纠错通知书之后报告", "the rectification follows the notice",
                "reported_on")
        notice_on = date.fromisoformat(self.steps[-1]["on"])
        if reported_on < notice_on:
            raise CorrectionOrderRefusedError(
                "WY-FT 10(2)", f"报告日期 {reported_on} 早于纠错通知书的日期 {notice_on}",
                f"reported_on {reported_on} is before the notice ({notice_on})", "reported_on")
        late = self._late("rectification", reported_on)
        self._rectified(reported_by=reported_by, reported_on=reported_on, summary=summary, late=late,
                        opened={}, closed=["rectification"], cadre_id=self.cadre_id)

    @event("RectificationReported")
    def _rectified(self, reported_by: str, reported_on: date, summary: str, late: bool, opened: Clocks,
                   closed: list[str], cadre_id: str) -> None:
        self.status = "rectified"
        self._apply_clocks(opened, closed, reported_on)
        self.steps.append({"step": "rectification_reported", "by": reported_by,
                           "on": reported_on.isoformat(), "summary": summary, "late": late})

    def miss_clock(self, clock: str, detected_on: date) -> bool:
        """Record that an open clock's last day passed without its act; True if recorded now."""
        state = self.clocks.get(clock)
        if state is None or state["met_on"] is not None or state["missed"]:
            return False
        if detected_on <= date.fromisoformat(state["due_on"]):
            return False
        self._clock_missed(clock=clock, due_on=date.fromisoformat(state["due_on"]),
                           citation=state["citation"], detected_on=detected_on, cadre_id=self.cadre_id)
        return True

    @event("ClockMissed")
    def _clock_missed(self, clock: str, due_on: date, citation: str, detected_on: date,
                      cadre_id: str) -> None:
        if clock in self.clocks:
            self.clocks[clock]["missed"] = True
