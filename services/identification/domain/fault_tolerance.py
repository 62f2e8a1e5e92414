"""A fault-tolerance application (容错纠错; WY-FT 8, LG-FT 6 and 10).

applied → accepted → investigation report → optional hearing → granted or refused (a refusal is
replied to) or deferred → feedback → filing. A grant may be revoked (LG-FT 10). Which clocks run
and how long is the pack's (the Wangyi pack: report 15 working days, determination 30, reply 10
days, deferral 3 months, feedback 3 working days); an application keeps the pack version it was
made under.

Every step event carries the clocks it starts (`opened`: clock → due day and citation) and the
clocks it stops (`closed`), so a read model of open deadlines can follow the log alone. Due days
are computed in the public methods (calendar passed in), never while an event is applied.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from services.identification.domain import fault_tolerance_deadlines as ft
from services.identification.domain.errors import FaultToleranceStepRefusedError

Clocks = dict[str, dict[str, str]]


def _opening(deadline: ft.Deadline | None) -> Clocks:
    if deadline is None:  # the pack sets no such clock
        return {}
    return {deadline.clock: {"due_on": deadline.last_day.isoformat(), "citation": deadline.citation}}


class FaultToleranceApplication(Aggregate):
    @staticmethod
    def new_id() -> UUID:
        return uuid4()

    @event("Applied")
    def __init__(
        self, cadre: dict[str, Any], managing_unit: str, matter_ref: str, grounds: str,
        citation: dict[str, str], accountability_started_on: date, applied_on: date,
        # The pack version the application is handled under (absent on applications made before
        # versions were recorded: version 1 of the citation's pack).
        pack_id: str | None = None, pack_version: int | None = None,
    ) -> None:
        self.pack_id = pack_id or citation["pack_id"]
        self.pack_version = pack_version or 1
        self.cadre = cadre
        self.managing_unit = managing_unit
        self.matter_ref = matter_ref
        self.grounds = grounds
        self.citation = citation
        self.accountability_started_on = accountability_started_on
        self.applied_on = applied_on
        self.status = "applied"
        self.handled_by: str | None = None
        self.clocks: dict[str, dict[str, Any]] = {}
        self.steps: list[dict[str, Any]] = []
        self.verification_ended_on: date | None = None
        self.refusal_reply_due: str | None = None
        self.refusal_reply_citation: str | None = None
        self.decision: str | None = None

    @classmethod
    def apply_for(cls, *, cadre: dict[str, Any], managing_unit: str, matter_ref: str, grounds: str,
                  citation: dict[str, str], accountability_started_on: date,
                  applied_on: date, pack_id: str | None = None,
                  pack_version: int | None = None) -> FaultToleranceApplication:
        """An application is made after accountability has started (WY-FT 8(1), LG-FT 6(1))."""
        if applied_on < accountability_started_on:
            raise FaultToleranceStepRefusedError(
                "applied_on: an application follows the start of accountability (WY-FT 8(1))")
        return cls(cadre=cadre, managing_unit=managing_unit, matter_ref=matter_ref, grounds=grounds,
                   citation=citation, accountability_started_on=accountability_started_on,
                   applied_on=applied_on, pack_id=pack_id, pack_version=pack_version)

    @property
    def cadre_id(self) -> str:
        return str(self.cadre["cadre_id"])

    def _ids(self) -> dict[str, str]:
        # Repeated on events other services hear about, so each stands on its own.
        return {"cadre_id": self.cadre_id, "matter_ref": self.matter_ref}

    def _require(self, *statuses: str, step: str) -> None:
        if self.status not in statuses:
            raise FaultToleranceStepRefusedError(
                f"{step}: not allowed while the application is {self.status} (WY-FT 8)")

    def _apply_clocks(self, opened: Clocks, closed: list[str], on: date) -> None:
        for name, clock in opened.items():
            self.clocks[name] = {**clock, "met_on": None, "missed": False}
        for name in closed:
            if name in self.clocks and self.clocks[name]["met_on"] is None:
                self.clocks[name]["met_on"] = on.isoformat()

    def _late(self, names: list[str], on: date) -> None:
        """An act done after its clock's last day: the miss is recorded before the act."""
        for name in names:
            clock = self.clocks.get(name)
            if clock and clock["met_on"] is None and not clock["missed"] and \
                    on > date.fromisoformat(clock["due_on"]):
                self._clock_missed(clock=name, due_on=date.fromisoformat(clock["due_on"]),
                                   citation=clock["citation"], detected_on=on, **self._ids())

    def _reply_due(self, due: date | None, citation: str | None) -> None:
        self.refusal_reply_due = due.isoformat() if due is not None else None
        # Events stored before the citation was carried were all under WY-FT 8(3).
        self.refusal_reply_citation = citation or ("WY-FT 8(3)" if due is not None else None)

    def accept(self, accepted_by: str, accepted_on: date, clocks: ft.ClockSet) -> None:
        self._require("applied", step="acceptance")
        due = clocks.deadline("investigation_report", accepted_on)
        self._accepted(accepted_by=accepted_by, accepted_on=accepted_on, opened=_opening(due),
                       closed=[])

    @event("Accepted")
    def _accepted(self, accepted_by: str, accepted_on: date, opened: Clocks, closed: list[str]) -> None:
        self.status, self.handled_by = "accepted", accepted_by
        self._apply_clocks(opened, closed, accepted_on)
        self.steps.append({"step": "accepted", "by": accepted_by, "on": accepted_on.isoformat()})

    def submit_report(self, by: str, on: date, summary: str, clocks: ft.ClockSet) -> None:
        """The written investigation report ends verification unless a hearing follows."""
        self._require("accepted", step="investigation report")
        self._late(["investigation_report"], on)
        self._reported(by=by, on=on, summary=summary, **self._verification_end(on, clocks),
                       closed=["investigation_report"])

    def _verification_end(self, on: date, clocks: ft.ClockSet) -> dict[str, Any]:
        reply = clocks.deadline("refusal_reply", on)
        return {"opened": _opening(clocks.deadline("determination", on)),
                "refusal_reply_due": reply.last_day if reply else None,
                "refusal_reply_citation": reply.citation if reply else None}

    @event("InvestigationReported")
    def _reported(self, by: str, on: date, summary: str, opened: Clocks, closed: list[str],
                  refusal_reply_due: date | None, refusal_reply_citation: str | None = None) -> None:
        self.status, self.verification_ended_on = "verified", on
        self._reply_due(refusal_reply_due, refusal_reply_citation)
        self._apply_clocks(opened, closed, on)
        self.steps.append({"step": "investigation_report", "by": by, "on": on.isoformat(),
                           "summary": summary})

    def hold_hearing(self, approved_by: str, on: date, summary: str, clocks: ft.ClockSet) -> None:
        """Complex or disputed cases: a hearing approved by the same-level committee (WY-FT 8(2));
        verification then ends with the hearing, and the determination clock restarts."""
        self._require("verified", step="hearing")
        self._hearing_held(approved_by=approved_by, on=on, summary=summary,
                           **self._verification_end(on, clocks), closed=[])

    @event("HearingHeld")
    def _hearing_held(self, approved_by: str, on: date, summary: str, opened: Clocks,
                      closed: list[str], refusal_reply_due: date | None,
                      refusal_reply_citation: str | None = None) -> None:
        self.verification_ended_on = on
        self._reply_due(refusal_reply_due, refusal_reply_citation)
        self._apply_clocks(opened, closed, on)
        self.steps.append({"step": "hearing", "by": approved_by, "on": on.isoformat(),
                           "summary": summary})

    def decide(self, outcome: str, by: str, on: date, reasons: str, clocks: ft.ClockSet) -> None:
        if outcome not in ("granted", "refused"):
            raise FaultToleranceStepRefusedError("outcome: must be granted or refused")
        self._require("verified", "deferred", step="determination")
        self._late(["determination", "deferred_conclusion"], on)
        if outcome == "refused" and self.refusal_reply_due and self.status == "verified" and \
                on > date.fromisoformat(self.refusal_reply_due):
            self._clock_missed(clock="refusal_reply", due_on=date.fromisoformat(self.refusal_reply_due),
                               citation=self.refusal_reply_citation or "WY-FT 8(3)", detected_on=on,
                               **self._ids())
        self._decided(outcome=outcome, by=by, on=on, reasons=reasons, **self._ids(),
                      opened=_opening(clocks.deadline("feedback", on)),
                      closed=["determination", "deferred_conclusion"])

    @event("Decided")
    def _decided(self, outcome: str, by: str, on: date, reasons: str, opened: Clocks,
                 closed: list[str], cadre_id: str, matter_ref: str) -> None:
        self.status = self.decision = outcome
        self._apply_clocks(opened, closed, on)
        self.steps.append({"step": outcome, "by": by, "on": on.isoformat(), "reasons": reasons})

    def defer(self, by: str, on: date, reason: str, clocks: ft.ClockSet) -> None:
        """Cannot yet be decided: deferred, usually for at most 3 months (WY-FT 8(4))."""
        self._require("verified", step="deferral")
        self._late(["determination"], on)
        self._deferred(by=by, on=on, reason=reason,
                       opened=_opening(clocks.deadline("deferred_conclusion", on)),
                       closed=["determination"])

    @event("Deferred")
    def _deferred(self, by: str, on: date, reason: str, opened: Clocks, closed: list[str]) -> None:
        self.status = "deferred"
        self._apply_clocks(opened, closed, on)
        self.steps.append({"step": "deferred", "by": by, "on": on.isoformat(), "reason": reason})

    def give_feedback(self, by: str, on: date) -> None:
        """The result goes back to the applicant within 3 working days (WY-FT 8(5))."""
        self._require("granted", "refused", step="feedback")
        if any(s["step"] == "feedback" for s in self.steps):
            raise FaultToleranceStepRefusedError("feedback: already given")
        self._late(["feedback"], on)
        self._fed_back(by=by, on=on, opened={}, closed=["feedback"])

    @event("FeedbackGiven")
    def _fed_back(self, by: str, on: date, opened: Clocks, closed: list[str]) -> None:
        self._apply_clocks(opened, closed, on)
        self.steps.append({"step": "feedback", "by": by, "on": on.isoformat()})

    def file(self, filed_with: list[str], by: str, on: date) -> None:
        """Filed with the same-level committee and the upper discipline and organisation
        departments (WY-FT 8(6))."""
        self._require("granted", "refused", step="filing")
        if not filed_with:
            raise FaultToleranceStepRefusedError("filed_with: name where the result was filed")
        self._filed(filed_with=filed_with, by=by, on=on)

    @event("Filed")
    def _filed(self, filed_with: list[str], by: str, on: date) -> None:
        self.steps.append({"step": "filed", "by": by, "on": on.isoformat(), "filed_with": filed_with})

    def revoke(self, reason: str, fraudulent: bool, by: str, on: date) -> None:
        """A grant obtained by fraud is revoked and accountability re-opens (LG-FT 10)."""
        self._require("granted", step="revocation")
        self._revoked(reason=reason, fraudulent=fraudulent, by=by, on=on, **self._ids())

    @event("Revoked")
    def _revoked(self, reason: str, fraudulent: bool, by: str, on: date, cadre_id: str,
                 matter_ref: str) -> None:
        self.status = "revoked"
        self.steps.append({"step": "revoked", "by": by, "on": on.isoformat(), "reason": reason,
                           "fraudulent": fraudulent})

    def miss_clock(self, clock: str, detected_on: date) -> bool:
        """Record that an open clock's last day passed without its act; True if recorded now."""
        state = self.clocks.get(clock)
        if state is None or state["met_on"] is not None or state["missed"]:
            return False
        due_on = date.fromisoformat(state["due_on"])
        if detected_on <= due_on:
            return False
        self._clock_missed(clock=clock, due_on=due_on, citation=state["citation"],
                           detected_on=detected_on, **self._ids())
        return True

    @event("ClockMissed")
    def _clock_missed(self, clock: str, due_on: date, citation: str, detected_on: date,
                      cadre_id: str, matter_ref: str) -> None:
        if clock in self.clocks:
            self.clocks[clock]["missed"] = True
