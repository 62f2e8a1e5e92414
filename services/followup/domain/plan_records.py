"""What is recorded on a follow-up plan after it opens: items, goals, problems, consultation, decision.

Kept apart from the plan's clocks (plan.py) so each module stays readable; `FollowUpPlan` inherits it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate, event

from services.followup.domain import errors
from services.followup.domain.assessment_bar import AssessmentBar
from services.followup.domain.schedule import ITEM_KINDS, missed_items, open_items

OWN_REQUEST_REASONS = ("health", "family", "work_ability")  # WY 18: 身体、家庭、工作能力
DECISIONS = ("reinstated", "promoted", "declined")


class PlanRecords(Aggregate):
    cadre_id: str
    effective_on: date
    due: dict[str, list[date]]
    assessment_bar: AssessmentBar
    upper_consultation_required: bool
    early_retirement_consequence: str | None
    problem_citation: str

    def init_records(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.flagged: list[tuple[str, date]] = []
        self.goals: list[str] = []
        self.consultations: list[dict[str, Any]] = []
        self.problems: list[dict[str, Any]] = []
        self.corrections: list[dict[str, Any]] = []
        self.decision: dict[str, Any] | None = None
        self.own_request: dict[str, Any] | None = None
        self.retirement: dict[str, Any] | None = None
        self.eligible_on: date | None = None
        self.eligibility_reasons: list[str] = []
        self.ended_on: date | None = None
        self.end_reason: str | None = None

    def require_open(self) -> None:
        if self.ended_on is not None:
            raise errors.PlanEndedError(f"the plan ended on {self.ended_on}: {self.end_reason}")

    def grades(self) -> list[str]:
        """Assessment grades in the order the assessments were held."""
        held = sorted((r for r in self.records if r["kind"] == "assessment"), key=lambda r: r["on"])
        return [str(r["grade"]) for r in held]

    def recorded_on(self) -> dict[str, list[date]]:
        result: dict[str, list[date]] = {kind: [] for kind in ITEM_KINDS}
        for record in self.records:
            result[record["kind"]].append(record["on"])
        return result

    def open_items(self) -> list[tuple[str, date]]:
        return open_items(self.effective_on, self.due, self.recorded_on(), self.flagged)

    def record_item(self, kind: str, by: str, on: date, note: str, grade: str | None = None) -> None:
        """Record a care talk, training, re-check or assessment with who and when."""
        self.require_open()
        if kind not in ITEM_KINDS:
            raise errors.UnknownItemKindError(f"{kind!r} is not one of {', '.join(ITEM_KINDS)}")
        if (kind == "assessment") != (grade is not None):
            raise errors.UnknownGradeError("an assessment, and only an assessment, carries a grade")
        if grade is not None and grade not in self.assessment_bar.grades:
            raise errors.UnknownGradeError(
                f"{grade!r} is not one of {', '.join(self.assessment_bar.grades)}"
            )
        self._item_recorded(kind=kind, by=by, on=on, note=note, grade=grade, cadre_id=self.cadre_id)

    @event("ItemRecorded")
    def _item_recorded(self, kind: str, by: str, on: date, note: str, grade: str | None,
                       cadre_id: str) -> None:
        self.records.append({"kind": kind, "by": by, "on": on, "note": note, "grade": grade})

    def set_goals(self, goals: list[str], by: str, on: date) -> None:
        """The per-cadre file of goals and key tasks (WY 17 建档立卡; seed 002 逐人建档)."""
        self.require_open()
        self._goals_set(goals=goals, by=by, on=on, cadre_id=self.cadre_id)

    @event("GoalsSet")
    def _goals_set(self, goals: list[str], by: str, on: date, cadre_id: str) -> None:
        self.goals = list(goals)

    def flag_missed(self, today: date) -> list[tuple[str, date]]:
        """Flag, once each, the items whose due day is over without a recording."""
        if self.ended_on is not None:
            return []
        missed = missed_items(today, self.effective_on, self.due, self.recorded_on(), self.flagged)
        for kind, due_on in missed:
            self._item_missed(kind=kind, due_on=due_on, detected_on=today, cadre_id=self.cadre_id)
        return missed

    @event("ItemMissed")
    def _item_missed(self, kind: str, due_on: date, detected_on: date, cadre_id: str) -> None:
        self.flagged.append((kind, due_on))

    def consult_upper(self, department: str, consulted_on: date, opinion: str, by: str) -> None:
        """Record the upper-level organisation department's opinion (WY 16)."""
        self.require_open()
        self._upper_consulted(department=department, consulted_on=consulted_on, opinion=opinion, by=by)

    @event("UpperConsulted")
    def _upper_consulted(self, department: str, consulted_on: date, opinion: str, by: str) -> None:
        self.consultations.append(
            {"department": department, "on": consulted_on, "opinion": opinion, "by": by}
        )

    def report_problem(self, problem: str, reported_by: str, reported_on: date) -> None:
        """A problem found in follow-up, to be dealt with by rule (IM 30): identification acts on it."""
        self._problem_reported(problem=problem, reported_by=reported_by, reported_on=reported_on,
                               citation=self.problem_citation, cadre_id=self.cadre_id)

    @event("ProblemReported")
    def _problem_reported(self, problem: str, reported_by: str, reported_on: date, citation: str,
                          cadre_id: str) -> None:
        self.problems.append({"problem": problem, "by": reported_by, "on": reported_on})

    def decide_reinstatement(self, decision: str, decided_by: str, decided_on: date,
                             new_post: dict[str, str] | None = None) -> None:
        """Record the human decision after eligibility (LG 15; WY 16 after consulting upward)."""
        if self.eligible_on is None:
            raise errors.NotYetEligibleError("the cadre is not (yet) eligible for reinstatement")
        if self.decision is not None:
            raise errors.AlreadyDecidedError(f"already decided: {self.decision['decision']}")
        if decision not in DECISIONS:
            raise errors.FollowUpError(f"decision must be one of {', '.join(DECISIONS)}")
        consulted = any(c["on"] <= decided_on for c in self.consultations)
        if decision != "declined":
            if self.upper_consultation_required and not consulted:
                raise errors.UpperConsultationMissingError(
                    "record the upper-level organisation department's opinion first"
                )
            if self.assessment_bar.below_bar(self.grades()) or self.assessment_bar.shortfall(
                self.grades()
            ):
                raise errors.AssessmentBarNotMetError(
                    f"needs {self.assessment_bar.describe()}; recorded: {self.grades() or 'none'}"
                )
        self._reinstatement_decided(decision=decision, decided_by=decided_by, decided_on=decided_on,
                                    upper_consulted=consulted, cadre_id=self.cadre_id,
                                    new_post=new_post if decision != "declined" else None)

    @event("ReinstatementDecided")
    def _reinstatement_decided(self, decision: str, decided_by: str, decided_on: date,
                               upper_consulted: bool, cadre_id: str,
                               new_post: dict[str, str] | None = None) -> None:
        self.decision = {"decision": decision, "by": decided_by, "on": decided_on,
                         "upper_consulted": upper_consulted,
                         **({"new_post": new_post} if new_post else {})}

    def note_own_request(self, reason: str, by: str, on: date) -> None:
        """The cadre stepped down at their own request for health, family or ability (WY 18)."""
        self.require_open()
        if reason not in OWN_REQUEST_REASONS:
            raise errors.FollowUpError(f"reason must be one of {', '.join(OWN_REQUEST_REASONS)}")
        self._own_request_noted(reason=reason, by=by, on=on)

    @event("OwnRequestNoted")
    def _own_request_noted(self, reason: str, by: str, on: date) -> None:
        self.own_request = {"reason": reason, "by": by, "on": on, "resolved_on": None}

    def resolve_own_request(self, by: str, on: date) -> None:
        """Health restored or family problem solved: return at the former level falls due (WY 18)."""
        self.require_open()
        if self.own_request is None:
            raise errors.FollowUpError("no own-request reason is on record for this plan")
        self._own_request_resolved(by=by, on=on)

    @event("OwnRequestResolved")
    def _own_request_resolved(self, by: str, on: date) -> None:
        assert self.own_request is not None
        self.own_request = {**self.own_request, "resolved_on": on, "resolved_by": by}

    def own_request_resolved_on(self) -> date | None:
        value = (self.own_request or {}).get("resolved_on")
        return value if isinstance(value, date) else None

    def retire_early(self, on: date, personal_reasons: bool, by: str) -> None:
        """Early retirement ends the plan; for personal reasons the former post's benefits go (LG 13)."""
        self.require_open()
        lost_under = self.early_retirement_consequence if personal_reasons else None
        self._retired_early(on=on, personal_reasons=personal_reasons, by=by,
                            benefits_lost_under=lost_under, cadre_id=self.cadre_id)

    @event("RetiredEarly")
    def _retired_early(self, on: date, personal_reasons: bool, by: str,
                       benefits_lost_under: str | None, cadre_id: str) -> None:
        self.retirement = {"on": on, "personal_reasons": personal_reasons, "by": by,
                           "benefits_lost_under": benefits_lost_under}
        self.ended_on = on
        self.end_reason = "early retirement" + (
            f"; the former post's benefits are lost ({benefits_lost_under})" if benefits_lost_under else ""
        )
