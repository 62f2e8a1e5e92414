"""A follow-up plan: what happens to one adjusted cadre until reinstatement is possible.

Care talks by the unit's party secretary (LG 14; IM 27), training (IM 28), a goals and key-tasks
file (WY 17; seed 002), re-checks and post-adjustment assessments (IM 30), all with who and when;
the impact period (LG 13; WY 16) and the human decision after it (LG 15; WY 16).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.followup.domain import errors
from services.followup.domain.assessment_bar import AssessmentBar
from services.followup.domain.eligibility import EligibilityFacts, assess
from services.followup.domain.plan_records import PlanRecords
from services.followup.domain.schedule import ITEM_KINDS, SCHEDULED_KINDS, periodic_due_dates
from services.followup.domain.terms import PlanTerms


class FollowUpPlan(PlanRecords, Aggregate):
    @staticmethod
    def create_id(case_id: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:followup-plan:{case_id}")

    @classmethod
    def open(cls, *, case_id: str, cadre_id: str, pack_id: str, method: str, effective_on: date,
             former_post: str, former_rank: str, terms: PlanTerms, unit_id: str = "",
             managing_unit: str | None = None, co_managing_unit: str | None = None) -> FollowUpPlan:
        """Open the plan with its impact period and the pack's talk and re-check schedule, under the
        authority that manages the cadre (None when the adjustment did not name it)."""
        ends = terms.rule.ends_on(effective_on)
        bar = terms.assessment_bar
        return cls(
            case_id=case_id, cadre_id=cadre_id, pack_id=pack_id, method=method,
            effective_on=effective_on, former_post=former_post, former_rank=former_rank,
            impact_period_ends_on=ends, bar=terms.rule.bar, citation=terms.rule.citation,
            due=_periodic(effective_on, ends, terms),
            assessment_bar={"grades": list(bar.grades), "min_grade": bar.min_grade,
                            "assessments": bar.assessments},
            upper_consultation_required=terms.upper_consultation_required,
            early_retirement_consequence=terms.early_retirement_consequence,
            problem_citation=terms.problem_citation,
            # LG 14: the party secretary of the cadre's unit talks with them regularly.
            care_talks_by=f"party secretary of {unit_id or 'the cadre’s unit'}",
            managing_unit=managing_unit, co_managing_unit=co_managing_unit, cadre_unit=unit_id or None,
        )

    @event("Opened")
    def __init__(
        self, case_id: str, cadre_id: str, pack_id: str, method: str, effective_on: date,
        former_post: str, former_rank: str, impact_period_ends_on: date | None, bar: str,
        citation: str, due: dict[str, list[date]] | None = None,
        assessment_bar: dict[str, Any] | None = None, upper_consultation_required: bool = False,
        early_retirement_consequence: str | None = None, problem_citation: str = "",
        care_talks_by: str = "the unit's party secretary",
        # Plans opened before adjustments named their authority were stored without these.
        managing_unit: str | None = None, co_managing_unit: str | None = None,
        cadre_unit: str | None = None,
    ) -> None:
        self.case_id = case_id
        self.cadre_id = cadre_id
        self.pack_id = pack_id
        self.method = method
        self.effective_on = effective_on
        self.former_post = former_post
        self.former_rank = former_rank
        self.impact_period_ends_on = impact_period_ends_on
        self.bar = bar
        self.citation = citation
        self.due: dict[str, list[date]] = {kind: list((due or {}).get(kind, [])) for kind in ITEM_KINDS}
        raw_bar = assessment_bar or {"grades": ["competent"], "min_grade": "competent", "assessments": 1}
        self.assessment_bar = AssessmentBar(
            tuple(raw_bar["grades"]), raw_bar["min_grade"], int(raw_bar["assessments"])
        )
        self.upper_consultation_required = upper_consultation_required
        self.early_retirement_consequence = early_retirement_consequence
        self.problem_citation = problem_citation or f"{pack_id} follow-up"
        self.care_talks_by = care_talks_by
        self.managing_unit = managing_unit
        self.co_managing_unit = co_managing_unit
        self.cadre_unit = cadre_unit
        self.init_records()

    def is_due(self, today: date) -> bool:
        """Whether eligibility could be declared today (before checking what stands against it)."""
        if self.eligible_on is not None or self.ended_on is not None:
            return False
        ends = self.impact_period_ends_on
        return self.own_request_resolved_on() is not None or ends is None or today > ends

    def eligibility_facts(self) -> EligibilityFacts:
        resolved_on = self.own_request_resolved_on()
        reason = str((self.own_request or {}).get("reason"))
        resolved = (reason, resolved_on) if resolved_on else None
        return EligibilityFacts(
            method=self.method, citation=self.citation,
            impact_period_ends_on=self.impact_period_ends_on, own_request_resolved=resolved,
            former_rank=self.former_rank, grades=tuple(self.grades()), bar=self.assessment_bar,
            upper_consultation_required=self.upper_consultation_required,
        )

    def declare_eligible(self, today: date, open_concerns: int) -> bool:
        """Record eligibility once the period is over and nothing stands against it."""
        if not self.is_due(today):
            return False
        eligible, reasons = assess(self.eligibility_facts(), today, open_concerns)
        if eligible:
            self._became_eligible(eligible_on=today, reasons=reasons, cadre_id=self.cadre_id)
        return eligible

    @event("BecameEligible")
    def _became_eligible(self, eligible_on: date, reasons: list[str], cadre_id: str) -> None:
        self.eligible_on = eligible_on
        self.eligibility_reasons = reasons

    def next_wake_on(self) -> date | None:
        """The first day a scan could find something to do on this plan (None: nothing ever)."""
        if self.ended_on is not None:
            return None
        days = [due + timedelta(days=1) for _, due in self.open_items()]
        if self.eligible_on is None:
            ends = self.impact_period_ends_on
            over = ends is None or self.own_request_resolved_on() is not None
            days.append(date.min if over or ends is None else ends + timedelta(days=1))
        return min(days, default=None)

    def correct(self, *, outcome: str, reason: str, appeal_id: str, corrected_on: date,
                new_method: str | None, terms: PlanTerms | None) -> None:
        """Re-compute the plan for the modified method, or end it when revoked (IM 22)."""
        self.require_open()
        method, ends, bar, citation = (
            self.method, self.impact_period_ends_on, self.bar, self.citation
        )
        due = {kind: list(dates) for kind, dates in self.due.items()}
        if outcome == "revoked":
            ends, bar = None, "none"
        elif new_method is not None and terms is not None:
            method, bar, citation = new_method, terms.rule.bar, terms.rule.citation
            ends = terms.rule.ends_on(self.effective_on)
            due.update(_periodic(self.effective_on, ends, terms))
        self._corrected(reason=reason, appeal_id=appeal_id, corrected_on=corrected_on,
                        ended=outcome == "revoked", method=method, impact_period_ends_on=ends,
                        bar=bar, citation=citation, due=due, case_id=self.case_id,
                        cadre_id=self.cadre_id)

    @event("Corrected")
    def _corrected(self, reason: str, appeal_id: str, corrected_on: date, ended: bool, method: str,
                   impact_period_ends_on: date | None, bar: str, citation: str,
                   due: dict[str, list[date]], case_id: str, cadre_id: str) -> None:
        self.corrections.append({"reason": reason, "appeal_id": appeal_id, "on": corrected_on,
                                 "ended": ended, "method": method})
        self.method = method
        self.impact_period_ends_on = impact_period_ends_on
        self.bar = bar
        self.citation = citation
        self.due = {kind: list(dates) for kind, dates in due.items()}
        if ended:
            self.ended_on = corrected_on
            self.end_reason = f"adjustment revoked on appeal {appeal_id}: {reason}"

    def schedule_item(self, kind: str, due_on: date, note: str) -> None:
        """Plan a training or an assessment by a due day (IM 28, 30)."""
        self.require_open()
        if kind not in SCHEDULED_KINDS:
            raise errors.UnknownItemKindError(f"only {', '.join(SCHEDULED_KINDS)} are scheduled")
        self._item_scheduled(kind=kind, due_on=due_on, note=note)

    @event("ItemScheduled")
    def _item_scheduled(self, kind: str, due_on: date, note: str) -> None:
        self.due[kind] = sorted({*self.due[kind], due_on})


def _periodic(effective_on: date, ends: date | None, terms: PlanTerms) -> dict[str, list[date]]:
    return {
        "care_talk": periodic_due_dates(effective_on, terms.care_talk_interval_days, ends),
        "recheck": periodic_due_dates(effective_on, terms.recheck_interval_days, ends),
    }
