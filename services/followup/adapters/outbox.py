"""Which follow-up domain events other services hear about, in the shared contract's terms."""

from __future__ import annotations

from typing import Any

from services.followup.domain.plan import FollowUpPlan
from services.followup.domain.plan_records import PlanRecords
from shared.contract import events as contract
from shared.contract import followup_events as followup
from shared.messaging.translation import translator


def _opened(event: Any) -> list[contract.Payload]:
    return [
        contract.FollowUpOpened(
            plan_id=str(event.originator_id), case_id=event.case_id, cadre_id=event.cadre_id,
            method=event.method, impact_period_ends_on=event.impact_period_ends_on, bar=event.bar,
        )
    ]


def _eligible(event: Any) -> list[contract.Payload]:
    return [
        contract.ReinstatementEligible(
            plan_id=str(event.originator_id), cadre_id=event.cadre_id,
            eligible_on=event.eligible_on, reasons=event.reasons,
        )
    ]


def _recorded(event: Any) -> list[contract.Payload]:
    note = f"grade: {event.grade}; {event.note}" if event.grade else event.note
    return [followup.FollowUpItemRecorded(
        plan_id=str(event.originator_id), kind=event.kind, by=event.by, on=event.on, note=note,
    )]


def _goals(event: Any) -> list[contract.Payload]:
    return [followup.FollowUpItemRecorded(
        plan_id=str(event.originator_id), kind="goals", by=event.by, on=event.on,
        note="; ".join(event.goals),
    )]


def _missed(event: Any) -> list[contract.Payload]:
    return [followup.FollowUpItemMissed(
        plan_id=str(event.originator_id), kind=event.kind, due_on=event.due_on,
        detected_on=event.detected_on,
    )]


def _corrected(event: Any) -> list[contract.Payload]:
    return [followup.FollowUpPlanCorrected(
        plan_id=str(event.originator_id), case_id=event.case_id, reason=event.reason,
        impact_period_ends_on=event.impact_period_ends_on, ended=event.ended,
    )]


def _problem(event: Any) -> list[contract.Payload]:
    return [followup.FollowUpProblemReported(
        plan_id=str(event.originator_id), problem=event.problem, reported_by=event.reported_by,
        reported_on=event.reported_on, citation=event.citation,
    )]


def _decided(event: Any) -> list[contract.Payload]:
    return [followup.ReinstatementDecided(
        plan_id=str(event.originator_id), decision=event.decision, decided_on=event.decided_on,
        upper_consulted=event.upper_consulted,
        new_post=getattr(event, "new_post", None),  # not on decisions stored before it was named
    )]


translate = translator(
    "followup",
    {
        FollowUpPlan.Opened: _opened,
        FollowUpPlan.BecameEligible: _eligible,
        PlanRecords.ItemRecorded: _recorded,
        PlanRecords.GoalsSet: _goals,
        PlanRecords.ItemMissed: _missed,
        FollowUpPlan.Corrected: _corrected,
        PlanRecords.ProblemReported: _problem,
        PlanRecords.ReinstatementDecided: _decided,
    },
    lambda event, payload: str(event.cadre_id),
)
